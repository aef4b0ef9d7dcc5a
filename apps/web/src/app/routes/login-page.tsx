import { useNavigate, useSearchParams } from 'react-router';
import { LoginForm } from '../../features/auth/components/login-form';
import { safeNext } from '../../lib/safe-next';
import { useDocumentTitle } from '../../lib/use-document-title';

export function LoginPage() {
  useDocumentTitle('Log in');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const registerHref = next === '/' ? '/register' : `/register?next=${encodeURIComponent(next)}`;
  return <LoginForm registerHref={registerHref} onLoggedIn={() => navigate(next, { replace: true })} />;
}
