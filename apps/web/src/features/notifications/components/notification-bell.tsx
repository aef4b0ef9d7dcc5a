import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/ui/button';
import { BellIcon } from '../../../components/ui/icons';
import { TimeAgo } from '../../../components/ui/time-ago';
import { useNotifications } from '../api/get-notifications';
import { useMarkRead } from '../api/mark-read';
import { NOTIFICATION_KINDS, notificationText } from '../lib/notification-kinds';
import styles from './notification-bell.module.css';

/** The bell: unread count, and a panel listing notifications (opening it marks them read). */
export function NotificationBell() {
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const [open, setOpen] = useState(false);
  const [seenUnread, setSeenUnread] = useState<Set<string>>(new Set());
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = notifications.data?.unreadCount ?? 0;
  const items = notifications.data?.items ?? [];

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof MouseEvent) {
        if (!wrap.current?.contains(event.target as Node)) setOpen(false);
      } else if (event.key === 'Escape') {
        // Focus inside the panel would fall to <body> once it hides: give it back to the bell.
        if (wrap.current?.contains(document.activeElement)) button.current?.focus();
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  function toggle() {
    if (!open && unread > 0) {
      setSeenUnread(new Set(items.filter((item) => item.readAt === null).map((item) => item.id)));
      markRead.mutate({});
    }
    setOpen(!open);
  }

  return (
    <div className={styles.wrap} ref={wrap}>
      <Button
        variant="ghost"
        size="icon"
        ref={button}
        aria-label="Notifications"
        aria-describedby={`${panelId}-count`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <BellIcon />
      </Button>
      <span id={`${panelId}-count`} className={unread > 0 ? styles.badge : 'visually-hidden'} aria-live="polite">
        {unread > 0 ? (
          <>
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{`${unread} unread`}</span>
          </>
        ) : (
          'No unread notifications'
        )}
      </span>
      <section id={panelId} className={styles.panel} hidden={!open} aria-label="Notifications">
        <div className={styles.head}>
          <h2>Notifications</h2>
        </div>
        {items.length === 0 ? (
          <p className={styles.empty}>Nothing yet. News of events you joined, and of who joins yours, shows up here.</p>
        ) : (
          <ul className={styles.list}>
            {items.map((item) => (
              <li key={item.id} className={`${styles.item} ${seenUnread.has(item.id) ? styles.unread : ''}`}>
                <span className={styles.icon}>{NOTIFICATION_KINDS[item.type].icon}</span>
                <span className={styles.title}>
                  <span className="visually-hidden">{`${NOTIFICATION_KINDS[item.type].label}: `}</span>
                  {item.eventId ? (
                    <Link to={`/events/${item.eventId}`} onClick={() => setOpen(false)}>
                      {item.title}
                    </Link>
                  ) : (
                    item.title
                  )}
                </span>
                <span className={`${styles.muted} ${styles.body}`}>{notificationText(item).body}</span>
                <TimeAgo iso={item.createdAt} className={styles.muted} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
