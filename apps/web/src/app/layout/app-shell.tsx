import type { User } from '@turnout/contracts';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Avatar } from '../../components/ui/avatar';
import { Button, ButtonLink } from '../../components/ui/button';
import { GearIcon } from '../../components/ui/icons';
import { ThemeToggle } from '../../components/ui/theme-toggle';
import { useViewer } from '../../features/auth/api/get-me';
import { useLogout } from '../../features/auth/api/logout';
import { EmailBanner } from '../../features/auth/components/email-banner';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { useRealtime, useReconnecting } from '../realtime/use-realtime';
import { Brand } from './brand';
import styles from './shell.module.css';

function Header({ viewer }: { viewer: User }) {
  const logout = useLogout();
  const reconnecting = useReconnecting();
  return (
    <header className={styles.header}>
      <nav className={styles.bar} aria-label="Main">
        <Brand />
        <span role="status">
          {reconnecting && (
            // On a phone only the badge's pulsing dot shows; its words stay for screen readers and as a tooltip.
            <span className={styles.reconnecting} title="Reconnecting…">
              <span className={styles.reconnectingLabel}>Reconnecting…</span>
            </span>
          )}
        </span>
        <NotificationBell />
        <ThemeToggle />
        <span className={styles.user}>
          <Avatar name={viewer.name} url={viewer.avatarUrl} size="sm" decorative />
          <span>{viewer.name}</span>
        </span>
        <ButtonLink to="/settings" size="icon" variant="ghost" aria-label="Settings" title="Settings">
          <GearIcon />
        </ButtonLink>
        <Button size="small" variant="ghost" onClick={() => logout.mutate()} busy={logout.isPending}>
          Log out
        </Button>
      </nav>
    </header>
  );
}

function LiveShell({ viewer }: { viewer: User }) {
  useRealtime(viewer);
  const { pathname } = useLocation();
  return (
    <>
      <Header viewer={viewer} />
      <main id="main" tabIndex={-1} className={styles.main}>
        {pathname !== '/settings' && <EmailBanner />}
        <Outlet />
      </main>
    </>
  );
}

/** Pages for a logged-in user: one socket, live updates, the bell; logged out → /login. */
export function AppShell() {
  const viewer = useViewer();
  const location = useLocation();
  if (!viewer) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <LiveShell viewer={viewer} />;
}
