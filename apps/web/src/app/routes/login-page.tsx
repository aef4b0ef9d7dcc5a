import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/login-form';
import { adoptBrowserTimeZone } from '../../features/preferences/api/adopt-browser-time-zone';
import { safeNext } from '../../lib/safe-next';
import { useDocumentTitle } from '../../lib/use-document-title';

/** A message another page left for the login form (a password reset signs every session out). */
function noticeOf(state: unknown): string | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  return typeof state.notice === 'string' ? state.notice : undefined;
}

export function LoginPage() {
  useDocumentTitle('Log in');
  const navigate = useNavigate();
  const client = useQueryClient();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const registerHref = next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`;
  return (
    <LoginForm
      registerHref={registerHref}
      notice={noticeOf(location.state)}
      onLoggedIn={() => {
        void adoptBrowserTimeZone(client);
        return navigate(next, { replace: true });
      }}
    />
  );
}
