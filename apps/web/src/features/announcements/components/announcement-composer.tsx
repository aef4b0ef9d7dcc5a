import {
  ANNOUNCEMENT_BODY_MAX,
  ANNOUNCEMENTS_PER_HOUR,
  type AnnouncementAudience,
  AnnouncementCreateSchema,
  type EventView,
} from '@turnout/contracts';
import { type FormEvent, useRef, useState } from 'react';
import { Button } from '../../../components/ui/button';
import { Field } from '../../../components/ui/field';
import { Segmented } from '../../../components/ui/segmented';
import { useFocusFirstInvalid } from '../../../components/ui/use-focus-first-invalid';
import { errorMessage, isApiError } from '../../../lib/api-client';
import { type FormErrors, fieldErrorsOr, formErrorsFromIssues, formErrorsFromServer } from '../../../lib/form-errors';
import { formatDuration } from '../../../lib/format-date';
import { formatCount, formatPeople } from '../../../lib/format-number';
import { useCreateAnnouncement } from '../api/create-announcement';
import { AUDIENCE_OPTIONS } from './audience';
import styles from './updates.module.css';

/** The refusal of a full hour, with when the next one may go (the 429's Retry-After). */
export function rateLimitMessage(retryAfterSeconds: number | null): string {
  const limit = `You can send ${ANNOUNCEMENTS_PER_HOUR} announcements per hour`;
  if (retryAfterSeconds === null) return `${limit}; try again later.`;
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `${limit}; try again in ${formatDuration(minutes)}.`;
}

const reach = (event: EventView, audience: AnnouncementAudience): number =>
  audience === 'joined' ? event.joinedCount : audience === 'waitlisted' ? event.waitlistCount : event.joinedCount + event.waitlistCount;

/**
 * The organizer's "post an update": plain text up to ANNOUNCEMENT_BODY_MAX characters and who it
 * goes to. A press while one is on its way is ignored, so a double click posts once.
 */
export function AnnouncementComposer({ event }: { event: EventView }) {
  const create = useCreateAnnouncement(event.id);
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<AnnouncementAudience>('all');
  const [errors, setErrors] = useState<FormErrors>({});
  const [posted, setPosted] = useState<string | null>(null);
  const sending = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(formRef, errors);
  const over = body.length - ANNOUNCEMENT_BODY_MAX;

  function submit(submitted: FormEvent<HTMLFormElement>) {
    submitted.preventDefault();
    if (sending.current) return;
    setPosted(null);
    const parsed = AnnouncementCreateSchema.safeParse({ body, audience });
    if (!parsed.success) return setErrors(formErrorsFromIssues(parsed.error.issues));
    setErrors({});
    sending.current = true;
    create.mutate(parsed.data, {
      onSuccess: (announcement) => {
        setBody('');
        setPosted(`Posted. Sent to ${formatPeople(announcement.recipientCount)}.`);
      },
      onError: (error) => {
        if (isApiError(error, 429)) setErrors({ form: rateLimitMessage(error.retryAfterSeconds) });
        else if (isApiError(error, 400)) setErrors(fieldErrorsOr(formErrorsFromServer(error.fields), error.message));
        else setErrors({ form: errorMessage(error) });
      },
      onSettled: () => {
        sending.current = false;
      },
    });
  }

  const counter = (
    <span className={over > 0 ? styles.over : undefined}>
      {`${formatCount(body.length)} / ${formatCount(ANNOUNCEMENT_BODY_MAX)} characters`}
      {over > 0 && ` (${formatCount(over)} too many)`}
    </span>
  );
  return (
    <form ref={formRef} className={styles.composer} onSubmit={submit} noValidate aria-label="Post an update">
      {errors.form && (
        <p role="alert" className={styles.formError}>
          {errors.form}
        </p>
      )}
      <Field label="Message" error={errors.body} hint={counter}>
        {(props) => <textarea {...props} value={body} onChange={(e) => setBody(e.target.value)} rows={4} />}
      </Field>
      <div className={styles.audience}>
        <span className={styles.audienceLabel} aria-hidden="true">
          Send to
        </span>
        <Segmented legend="Send to" value={audience} options={AUDIENCE_OPTIONS} onChange={setAudience} />
        <span className={styles.muted}>{`${formatPeople(reach(event, audience))} now`}</span>
      </div>
      {errors.audience && <p className={styles.formError}>{errors.audience}</p>}
      <div className={styles.actions}>
        <p role="status" className={styles.posted}>
          {posted}
        </p>
        <Button type="submit" variant="primary" busy={create.isPending}>
          Post
        </Button>
      </div>
    </form>
  );
}
