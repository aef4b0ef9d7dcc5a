import type { MailTopic, PreferencesPatch } from '@turnout/contracts';
import { useId, useState } from 'react';
import { Skeleton } from '../../../components/ui/skeleton';
import { errorMessage } from '../../../lib/api-client';
import { usePreferences } from '../api/get-preferences';
import { useUpdatePreferences } from '../api/update-preferences';
import { MAIL_TOPIC_LABELS, MAIL_TOPIC_NAMES } from '../lib/mail-topics';
import styles from './mail-settings.module.css';
import { TimeZoneSetting } from './time-zone-setting';

const TOPICS: readonly MailTopic[] = ['reminders', 'announcements', 'changes', 'digest'];

/**
 * Which mail the user gets, each kind saved the moment it is switched, and the zone their mails
 * give times in. The digest is about one's own events, so only organizers see it.
 */
export function MailSettings({ organizer }: { organizer: boolean }) {
  const preferences = usePreferences();
  const update = useUpdatePreferences();
  const [saved, setSaved] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const headingId = useId();
  const id = useId();

  function save(patch: PreferencesPatch, done: string) {
    setSaved(null);
    setFailed(null);
    update.mutate(patch, {
      onSuccess: () => setSaved(`Saved: ${done}.`),
      onError: (error) => setFailed(`Could not save: ${errorMessage(error)}`),
    });
  }

  const data = preferences.data;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        Mail
      </h2>
      <p className={styles.muted}>
        Mails about your account, such as password resets, always come. Each other mail has a link to stop its kind.
      </p>
      {preferences.isPending && (
        <div aria-busy="true">
          <p className="visually-hidden">Loading your mail settings…</p>
          <Skeleton height="10rem" />
        </div>
      )}
      {preferences.isError && <p role="alert">{errorMessage(preferences.error)}</p>}
      {data && (
        <>
          <fieldset className={styles.topics}>
            <legend className={styles.legend}>Send me mail about</legend>
            {TOPICS.filter((topic) => topic !== 'digest' || organizer).map((topic) => (
              <div key={topic} className={styles.topic}>
                <input
                  id={`${id}-${topic}`}
                  type="checkbox"
                  checked={data[topic]}
                  onChange={(event) => {
                    const on = event.target.checked;
                    save({ [topic]: on }, `${MAIL_TOPIC_NAMES[topic]} mails ${on ? 'on' : 'off'}`);
                  }}
                />
                <label htmlFor={`${id}-${topic}`}>{MAIL_TOPIC_LABELS[topic]}</label>
              </div>
            ))}
          </fieldset>
          <TimeZoneSetting timezone={data.timezone} onSave={(timezone) => save({ timezone }, `times in your mails are in ${timezone}`)} />
        </>
      )}
      <p role="status" className={`${styles.status} ${saved ? styles.success : ''}`}>
        {saved}
      </p>
      {failed && (
        <p role="alert" className={styles.formError}>
          {failed}
        </p>
      )}
    </section>
  );
}
