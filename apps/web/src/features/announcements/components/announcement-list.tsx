import type { Announcement } from '@turnout/contracts';
import { formatAgo, formatDateTime } from '../../../lib/format-date';
import { formatPeople } from '../../../lib/format-number';
import { AUDIENCE_LABEL } from './audience';
import styles from './updates.module.css';

/**
 * The updates, newest first. The body is text, never markup: React escapes it, and the line
 * breaks the organizer typed are kept by CSS (white-space: pre-wrap). Times are in the reader's
 * own zone, the absolute one beside how long ago it was.
 */
export function AnnouncementList({ items, showAudience }: { items: readonly Announcement[]; showAudience: boolean }) {
  return (
    <ol className={styles.list} aria-label="Updates from the organizer">
      {items.map((item) => (
        <li key={item.id} className={styles.item}>
          <p className={styles.body}>{item.body}</p>
          <p className={styles.meta}>
            <span className={styles.author}>{item.authorName}</span>
            {' · '}
            <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
            {` (${formatAgo(item.createdAt)})`}
          </p>
          {showAudience && (
            <p className={styles.meta}>{`To: ${AUDIENCE_LABEL[item.audience]} · sent to ${formatPeople(item.recipientCount)}`}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
