import { useEffect, useState } from 'react';
import { useViewer } from '../../features/auth/api/get-me';
import { VerifyEmailStatus } from '../../features/auth/components/verify-email-status';
import { forgetLinkToken, readLinkToken } from '../../features/auth/lib/link-token';
import { useDocumentTitle } from '../../lib/use-document-title';

/** `/verify-email#token=…`, the link of a verification mail; works signed in or not. */
export function VerifyEmailPage() {
  useDocumentTitle('Confirm your address');
  const viewer = useViewer();
  const [token] = useState(() => readLinkToken());
  useEffect(forgetLinkToken, []);
  return <VerifyEmailStatus token={token} signedIn={Boolean(viewer)} />;
}
