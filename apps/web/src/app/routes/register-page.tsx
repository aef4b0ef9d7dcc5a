import { useNavigate, useSearchParams } from 'react-router';
import { RegisterForm } from '../../features/auth/components/register-form';
import { safeNext } from '../../lib/safe-next';
import { useDocumentTitle } from '../../lib/use-document-title';

export function RegisterPage() {
  useDocumentTitle('Create your account');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const loginHref = next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
  return <RegisterForm loginHref={loginHref} onRegistered={() => navigate(next, { replace: true })} />;
}
