import { useEffect, useState } from 'react';
import { forgetLinkToken, readLinkToken } from '../../features/auth/lib/link-token';
import { UnsubscribeConfirm } from '../../features/preferences/components/unsubscribe-confirm';
import { useDocumentTitle } from '../../lib/use-document-title';

/** `/unsubscribe#token=…`, the link at the foot of every mail; works signed in or not. */
export function UnsubscribePage() {
  useDocumentTitle('Unsubscribe');
  const [token] = useState(() => readLinkToken());
  useEffect(forgetLinkToken, []);
  return <UnsubscribeConfirm token={token} />;
}
