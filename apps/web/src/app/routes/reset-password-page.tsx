import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { meQueryOptions } from '../../features/auth/api/get-me';
import { ResetPasswordForm } from '../../features/auth/components/reset-password-form';
import { forgetLinkToken, readLinkToken } from '../../features/auth/lib/link-token';
import { useDocumentTitle } from '../../lib/use-document-title';

export const PASSWORD_RESET_NOTICE = 'Your password was changed and every device was signed out. Log in with the new password.';

/** `/reset-password#token=…`, the link of a password-reset mail. */
export function ResetPasswordPage() {
  useDocumentTitle('Choose a new password');
  const navigate = useNavigate();
  const client = useQueryClient();
  const [token] = useState(() => readLinkToken());
  useEffect(forgetLinkToken, []);

  async function afterReset() {
    // The reset ended every session of the account, this browser's too when it was signed in to it.
    await client.fetchQuery({ ...meQueryOptions, staleTime: 0 }).catch(() => null);
    await navigate('/login', { replace: true, state: { notice: PASSWORD_RESET_NOTICE } });
  }

  return <ResetPasswordForm token={token} onReset={() => void afterReset()} />;
}
