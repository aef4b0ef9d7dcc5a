import { isRouteErrorResponse, useRouteError } from 'react-router';
import { ButtonLink } from '../../components/ui/button';
import { errorMessage } from '../../lib/api-client';
import styles from './shell.module.css';

/** The last resort when a page fails to load (e.g. the server is unreachable). */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <main id="main" className={styles.error}>
      <h1>Something went wrong</h1>
      <p>{message}</p>
      <ButtonLink to="/" reloadDocument variant="primary">
        Reload Turnout
      </ButtonLink>
    </main>
  );
}
