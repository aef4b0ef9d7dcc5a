import { Outlet, useLocation } from 'react-router';
import { ButtonLink } from '../../components/ui/button';
import { ThemeToggle } from '../../components/ui/theme-toggle';
import { useViewer } from '../../features/auth/api/get-me';
import { Brand } from './brand';
import styles from './shell.module.css';

/** Pages for anyone: log in, register, a shared event link. */
export function GuestShell() {
  const { pathname } = useLocation();
  const viewer = useViewer();
  const showLogin = viewer === null && pathname !== '/login';
  return (
    <>
      <header className={styles.header}>
        <nav className={styles.bar} aria-label="Main">
          <Brand />
          <ThemeToggle />
          {showLogin && (
            <ButtonLink to="/login" size="small">
              Log in
            </ButtonLink>
          )}
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={styles.main}>
        <Outlet />
      </main>
    </>
  );
}
