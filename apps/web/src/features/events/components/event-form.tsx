import type { EventCreate } from '@turnout/contracts';
import { ErrorCode, EVENT_CAPACITY_MAX, EVENT_DURATION_MAX, EVENT_TITLE_MAX } from '@turnout/contracts';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { ApiError, errorMessage } from '../../../lib/api-client';
import { type FormErrors, formErrorsFromServer } from '../../../lib/form-errors';
import { formatDuration, formatRange } from '../../../lib/format-date';
import { timeZoneNames } from '../../../lib/zoned-time';
import styles from './event-form.module.css';
import { type EventFormValues, parseEventValues } from './event-form-values';
import { RemindersField } from './reminders-field';

type EventFormProps = {
  initialValues: EventFormValues;
  submitLabel: string;
  /** Sends the validated event; a rejection with an ApiError is shown by its fields. */
  onSubmit: (data: EventCreate) => Promise<unknown>;
  secondaryAction?: ReactNode;
  /** Shown with a stale-version refusal, e.g. a button that loads the latest version. */
  staleAction?: ReactNode;
};

export function EventForm({ initialValues, submitLabel, onSubmit, secondaryAction, staleAction }: EventFormProps) {
  const [values, setValues] = useState(initialValues);
  const [errors, setErrors] = useState<FormErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const [formError, setFormError] = useState<ApiError | Error | null>(null);
  const [pending, setPending] = useState(false);
  const zones = useMemo(timeZoneNames, []);

  const set = (key: Exclude<keyof EventFormValues, 'reminders'>) => (event: { target: { value: string } }) =>
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
          {stale && staleAction}
        </div>
      )}
      <Field label="Title" error={errors.title}>
        {(props) => <input {...props} value={values.title} onChange={set('title')} maxLength={EVENT_TITLE_MAX} required />}
      </Field>
      <Field label="Description" error={errors.description} hint="Plain text. Optional.">
        {(props) => <textarea {...props} value={values.description} onChange={set('description')} rows={5} />}
      </Field>
      <Field label="Location" error={errors.location} hint="An address, a venue or a video call link.">
        {(props) => <input {...props} value={values.location} onChange={set('location')} required />}
      </Field>
      <div className={styles.row}>
        <Field label="Starts at" error={errors.startsAt} hint={preview ?? 'Local time in the event’s time zone.'}>
          {(props) => <input {...props} type="datetime-local" value={values.startsAt} onChange={set('startsAt')} required />}
        </Field>
        <Field label="Time zone" error={errors.timezone}>
          {(props) => (
            <select {...props} value={values.timezone} onChange={set('timezone')}>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
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
      <div className={styles.actions}>
        {secondaryAction}
        <Button type="submit" variant="primary" busy={pending}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
