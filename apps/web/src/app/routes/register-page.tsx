import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { RegisterForm } from '../../features/auth/components/register-form';
import { adoptBrowserTimeZone } from '../../features/preferences/api/adopt-browser-time-zone';
import { safeNext } from '../../lib/safe-next';
import { useDocumentTitle } from '../../lib/use-document-title';

export function RegisterPage() {
  useDocumentTitle('Create your account');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const loginHref = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return (
    <RegisterForm
      loginHref={loginHref}
      onRegistered={() => {
        // A new account has no zone yet: its mails should give times as this browser shows them.
        void adoptBrowserTimeZone(client);
        return navigate(next, { replace: true });
      }}
    />
  );
}
