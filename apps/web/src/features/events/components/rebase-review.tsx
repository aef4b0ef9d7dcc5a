import { useEffect, useId, useRef } from 'react';
import { Button } from '../../../components/ui/button';
import type { RebaseReview } from '../hooks/use-rebase';
import type { EventFormValues } from './event-form-values';
import styles from './rebase-review.module.css';
import type { FormField } from './rebase-values';

/** Each field by the name its label gives it. */
const FIELD_NAMES: Record<FormField, string> = {
  title: 'Title',
  description: 'Description',
  locationType: 'In person or online',
  location: 'Location',
  onlineUrl: 'Join link',
  attendeesVisible: 'Show who’s going',
  startsAt: 'Starts at',
  timezone: 'Time zone',
  durationMinutes: 'Duration',
  capacity: 'Capacity',
  reminders: 'Reminders',
};

const quoted = (text: string) => (text.trim() === '' ? 'empty' : `“${text.length > 60 ? `${text.slice(0, 60)}…` : text}”`);

/** A field's value as a person reads it, in a line. */
function shown(field: FormField, values: EventFormValues): string {
  switch (field) {
    case 'reminders':
      return values.reminders.length === 0 ? 'none' : values.reminders.map((row) => `${row.amount} ${row.unit}`).join(', ');
    case 'capacity':
      return values.capacity.trim() === '' ? 'unlimited' : values.capacity;
    case 'durationMinutes':
      return `${values.durationMinutes} minutes`;
    case 'startsAt':
      return values.startsAt.replace('T', ' ');
    case 'timezone':
      return values.timezone.replaceAll('_', ' ');
    case 'locationType':
      return values.locationType === 'online' ? 'online' : 'in person';
    case 'attendeesVisible':
      return values.attendeesVisible ? 'on' : 'off';
    default:
      return quoted(String(values[field]));
  }
}

type RebaseReviewProps = { review: RebaseReview; values: EventFormValues; onTakeSaved: (field: FormField) => void };

/**
 * After "Load latest version": says the form now holds the latest version with the person's edits
 * on top, and lists the edits that differ from what was saved, each with the saved value.
 * It takes focus when it appears: the button that loaded it is gone.
 */
export function RebaseReviewNotice({ review, values, onTakeSaved }: RebaseReviewProps) {
  const heading = useId();
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus comes here at each load, as the button that loaded it is gone
  useEffect(() => {
    ref.current?.focus();
  }, [review.latest]);
  return (
    <section ref={ref} tabIndex={-1} className={styles.review} aria-labelledby={heading}>
      <h2 id={heading} className={styles.heading}>
        Loaded the latest version
      </h2>
      <p>Someone else saved this event while you were editing. The form now shows their version, with your changes kept.</p>
      {review.kept.length === 0 ? (
        <p>None of your changes differ from what they saved. Save again when you are ready.</p>
      ) : (
        <>
          <p>Check these before you save again: your value is kept, theirs is saved.</p>
          <ul className={styles.list}>
            {review.kept.map(({ field, alsoChangedByOthers }) => (
              <li key={field} className={styles.item}>
                <span>
                  <strong>{FIELD_NAMES[field]}</strong>
                  {alsoChangedByOthers ? ' (changed by them too)' : ''}: yours {shown(field, values)}, saved {shown(field, review.latest)}
                </span>
                <Button
                  size="small"
                  variant="ghost"
                  aria-label={`Use saved ${FIELD_NAMES[field].toLowerCase()}`}
                  onClick={() => onTakeSaved(field)}
                >
                  Use saved
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
