import { isRouteErrorResponse, useLocation, useNavigate, useNavigation, useRouteError } from 'react-router';
import { Button, ButtonLink } from '../../components/ui/button';
import { ThemeToggle } from '../../components/ui/theme-toggle';
import { ApiError, errorMessage } from '../../lib/api-client';
import { useDocumentTitle } from '../../lib/use-document-title';
import { Brand } from './brand';
import styles from './shell.module.css';
import { useServerRecovery } from './use-server-recovery';

/** A page's code that did not download: each browser words it its own way. */
const CHUNK_FAILED = /dynamically imported module|Importing a module script failed/i;

/**
 * Why a page failed to open: the server out of reach (no answer, a 5xx, a page's code that did not
 * download), or anything else (a bug, a refusal), which trying again will not mend.
 */
export function failureOf(error: unknown): 'unreachable' | 'code-unreachable' | 'other' {
  if (error instanceof ApiError) return error.status === 0 || error.status >= 500 ? 'unreachable' : 'other';
  if (isRouteErrorResponse(error)) return error.status >= 500 ? 'unreachable' : 'other';
  return error instanceof TypeError && CHUNK_FAILED.test(error.message) ? 'code-unreachable' : 'other';
}

function Unreachable({ codeMissing }: { codeMissing: boolean }) {
  const navigate = useNavigate();
  const location = useLocation();
  const loading = useNavigation().state === 'loading';
  // Opening the same address again runs its loaders again and leaves the error behind (a mere
  // revalidation may not: the router's boundary keeps its error). A page whose code did not
  // download needs the document again.
  const recover = () =>
    codeMissing ? window.location.reload() : void navigate(location, { replace: true, state: location.state, preventScrollReset: true });
  const { retryNow, checking, stillDown } = useServerRecovery(recover);
  return (
    <>
      <h1>Can’t reach Turnout</h1>
      <p>
        The server can’t be reached right now. Check your connection; this page keeps trying and opens by itself as soon as the server
        answers.
      </p>
      <p role="status">{checking ? 'Trying again…' : stillDown ? 'Still no answer. Trying again shortly.' : ''}</p>
      <Button variant="primary" onClick={retryNow} busy={checking || loading}>
        Retry
      </Button>
    </>
  );
}

/**
 * The last resort when a page fails to open, in the app's header: when the server is out of
 * reach it says so and recovers on its own once the server is back; anything else offers a reload.
 */
export function RouteError() {
  const error = useRouteError();
  const failure = failureOf(error);
  useDocumentTitle(failure === 'other' ? 'Something went wrong' : 'Server unreachable');
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <nav className={styles.bar} aria-label="Main">
          <Brand />
          <ThemeToggle />
        </nav>
      </header>
      <main id="main" tabIndex={-1} className={styles.error}>
        {failure === 'other' ? (
          <>
            <h1>Something went wrong</h1>
            <p>{message}</p>
            <ButtonLink to="/" reloadDocument variant="primary">
              Reload Turnout
            </ButtonLink>
          </>
        ) : (
          <Unreachable codeMissing={failure === 'code-unreachable'} />
        )}
      </main>
    </>
  );
}
