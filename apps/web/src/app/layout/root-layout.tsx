import { type Location, Outlet, ScrollRestoration } from 'react-router';
import { Toaster } from '../../components/ui/toaster';
import styles from './shell.module.css';

/**
 * The key a history entry's scroll position is saved under. The first entry of every document in
 * a tab has the key "default", so a page opened by its address would be scrolled to where the
 * tab's previous first page was left: those entries are told apart by their address instead.
 */
const scrollKey = (location: Location) => (location.key === 'default' ? location.pathname + location.search : location.key);

/**
 * What every page has: the skip link, the toast region, and the scroll: a new page opens at its
 * top, Back and Forward return to where each page was left (positions kept per history entry).
 */
export function RootLayout() {
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <Outlet />
      <Toaster />
      <ScrollRestoration getKey={scrollKey} />
    </>
  );
}
