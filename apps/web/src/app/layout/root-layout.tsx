import { Outlet } from 'react-router';
import { Toaster } from '../../components/ui/toaster';
import styles from './shell.module.css';

/** What every page has: the skip link and the toast region. */
export function RootLayout() {
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <Outlet />
      <Toaster />
    </>
  );
}
