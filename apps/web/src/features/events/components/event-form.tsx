import type { EventCreate } from '@turnout/contracts';
import { ErrorCode, EVENT_CAPACITY_MAX, EVENT_DURATION_MAX, EVENT_TITLE_MAX } from '@turnout/contracts';
import { type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { characterCount } from '../../../components/ui/character-count';
import { Field } from '../../../components/ui/field';
import { TimeZonePicker } from '../../../components/ui/time-zone-picker';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromServer } from '../../../lib/form-errors';
import { formatDuration, formatRange } from '../../../lib/format-date';
import { useRebase } from '../hooks/use-rebase';
import { DescriptionField } from './description-field';
import styles from './event-form.module.css';
import { type EventFormValues, parseEventValues } from './event-form-values';
import { LocationFields } from './location-fields';
import { RebaseReviewNotice } from './rebase-review';
import { RemindersField } from './reminders-field';

type EventFormProps = {
  initialValues: EventFormValues;
  submitLabel: string;
  /** Sends the validated event; a rejection with an ApiError is shown by its fields. */
  onSubmit: (data: EventCreate) => Promise<unknown>;
  secondaryAction?: ReactNode;
  /**
   * After a stale-version refusal, "Load latest version" reads the latest version with this: it
   * becomes the form's base, and the person's own edits stay on top of it (useRebase).
   */
  onLoadLatest?: () => Promise<EventFormValues | undefined>;
};

export function EventForm({ initialValues, submitLabel, onSubmit, secondaryAction, onLoadLatest }: EventFormProps) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  useFocusFirstInvalid(formRef, errors);
  const [formError, setFormError] = useState<ApiError | Error | null>(null);
  const [pending, setPending] = useState(false);
  const rebase = useRebase({
    values,
    setValues,
    initialValues,
    loadLatest: onLoadLatest,
    onRebased: () => {
      setFormError(null);
      setErrors({});
    },
    onError: (error) => setFormError(error instanceof Error ? error : new Error(errorMessage(error))),
  });

  const set =
    (key: Exclude<keyof EventFormValues, 'reminders' | 'locationType' | 'attendeesVisible'>) => (event: { target: { value: string } }) =>
      setValues((current) => ({ ...current, [key]: event.target.value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parseEventValues(values);
    setFormError(null);
    if ('errors' in result) return setErrors(result.errors);
    setErrors({});
    setPending(true);
    try {
      await onSubmit(result.data);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fields).length > 0) setErrors(formErrorsFromServer(error.fields));
      else if (error instanceof ApiError && error.code === ErrorCode.capacityBelowJoined) setErrors({ capacity: error.message });
      else setFormError(error instanceof Error ? error : new Error(errorMessage(error)));
    } finally {
      setPending(false);
    }
  }

  const preview = useMemo(() => {
    // The start alone: a reminder still being typed does not hide it.
    const parsed = parseEventValues({ ...values, reminders: [] });
    if (!('data' in parsed)) return undefined;
    const end = new Date(Date.parse(parsed.data.startsAt) + parsed.data.durationMinutes * 60_000).toISOString();
    return formatRange(parsed.data.startsAt, end, parsed.data.timezone);
  }, [values]);

  const stale = formError instanceof ApiError && formError.code === ErrorCode.staleVersion;
  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} noValidate>
      {formError && (
        <div role="alert" className={styles.formError}>
          <span>{errorMessage(formError)}</span>
          {stale && onLoadLatest && (
            <Button size="small" onClick={rebase.load} busy={rebase.loading}>
              Load latest version
            </Button>
          )}
        </div>
      )}
      {rebase.review && <RebaseReviewNotice review={rebase.review} values={values} onTakeSaved={rebase.takeSaved} />}
      {/* No maxLength: a pasted title is not cut short unseen; the count says what is too long. */}
      <Field label="Title" error={errors.title} hint={characterCount(values.title.trim().length, EVENT_TITLE_MAX)}>
        {(props) => <input {...props} value={values.title} onChange={set('title')} required />}
      </Field>
      <DescriptionField
        value={values.description}
        onChange={(description) => setValues((current) => ({ ...current, description }))}
        error={errors.description}
      />
      <LocationFields values={values} errors={errors} onChange={(change) => setValues((current) => ({ ...current, ...change }))} />
      <div className={styles.row}>
        <Field label="Starts at" error={errors.startsAt} hint={preview ?? 'Local time in the event’s time zone.'}>
          {(props) => <input {...props} type="datetime-local" value={values.startsAt} onChange={set('startsAt')} required />}
        </Field>
        <Field label="Time zone" error={errors.timezone}>
          {(props) => (
            <TimeZonePicker
              {...props}
              value={values.timezone}
              onChange={(timezone) => setValues((current) => ({ ...current, timezone }))}
            />
          )}
        </Field>
      </div>
      <div className={styles.row}>
        <Field
          label="Duration (minutes)"
          error={errors.durationMinutes}
          hint={Number(values.durationMinutes) > 0 ? formatDuration(Number(values.durationMinutes)) : undefined}
        >
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={EVENT_DURATION_MAX}
              step={1}
              value={values.durationMinutes}
              onChange={set('durationMinutes')}
              required
            />
          )}
        </Field>
        <Field label="Capacity" error={errors.capacity} hint="Leave empty for unlimited seats.">
          {(props) => (
            <input
              {...props}
              type="number"
              inputMode="numeric"
              min={1}
              max={EVENT_CAPACITY_MAX}
              step={1}
              value={values.capacity}
              onChange={set('capacity')}
            />
          )}
        </Field>
      </div>
      <RemindersField
        rows={values.reminders}
        onChange={(reminders) => setValues((current) => ({ ...current, reminders }))}
        errors={errors}
      />
      <div className={styles.check}>
        <input
          id={`${formId}-visible`}
          type="checkbox"
          aria-describedby={`${formId}-visible-hint`}
          checked={values.attendeesVisible}
          onChange={(event) => setValues((current) => ({ ...current, attendeesVisible: event.target.checked }))}
        />
        <div>
          <label htmlFor={`${formId}-visible`}>Show who’s going to people who view the event</label>
          <p id={`${formId}-visible-hint`} className={styles.checkHint}>
            Off: they see how many are going, not who. You always see the list.
          </p>
        </div>
      </div>
      <div className={styles.actions}>
        {secondaryAction}
        <Button type="submit" variant="primary" busy={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
