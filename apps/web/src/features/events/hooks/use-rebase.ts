import { type Dispatch, type SetStateAction, useEffect, useRef, useState } from 'react';
import type { EventFormValues } from '../components/event-form-values';
import { type FormField, type KeptEdit, rebaseValues } from '../components/rebase-values';

/** What "Load latest version" did: the version loaded, and the person's edits that differ from it. */
export type RebaseReview = { latest: EventFormValues; kept: KeptEdit[] };

type RebaseOptions = {
  values: EventFormValues;
  setValues: Dispatch<SetStateAction<EventFormValues>>;
  /** What the form opened with: the base the person's edits are told apart from. */
  initialValues: EventFormValues;
  /** Reads the latest version (and makes it what the next save is based on). */
  loadLatest: (() => Promise<EventFormValues | undefined>) | undefined;
  onRebased: () => void;
  onError: (error: unknown) => void;
};

/**
 * "Load latest version" after an edit conflict: the latest version becomes the form's base and
 * the person's own edits stay on top of it, never discarded; `review` names those that differ
 * from what was saved, and `takeSaved` swaps one for the saved value.
 */
export function useRebase({ values, setValues, initialValues, loadLatest, onRebased, onError }: RebaseOptions) {
  const base = useRef(initialValues);
  // The values when the latest version arrives, not when the button was pressed.
  const current = useRef(values);
  useEffect(() => {
    current.current = values;
  });
  const [review, setReview] = useState<RebaseReview | null>(null);
  const [loading, setLoading] = useState(false);

  async function load() {
    if (!loadLatest) return;
    setLoading(true);
    try {
      const latest = await loadLatest();
      if (!latest) return;
      const rebased = rebaseValues(base.current, current.current, latest);
      base.current = latest;
      setValues(rebased.values);
      setReview({ latest, kept: rebased.kept });
      onRebased();
    } catch (error) {
      onError(error);
    } finally {
      setLoading(false);
    }
  }

  function takeSaved(field: FormField) {
    if (!review) return;
    setValues((now) => Object.assign({}, now, { [field]: review.latest[field] }));
    setReview({ ...review, kept: review.kept.filter((edit) => edit.field !== field) });
  }

  return { review, loading, load: () => void load(), takeSaved };
}
