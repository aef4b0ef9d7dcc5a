import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { canonicalTimeZone } from '../../../lib/time-zones';
import { preferencesQueryOptions } from './get-preferences';
import { updatePreferences } from './update-preferences';

/**
 * Right after a sign-in (login or registration): an account that has no time zone yet takes this
 * browser's, so its mails give times as the user reads them. Asked once per sign-in, not on every
 * page load; a failure is silent, as the settings page suggests the same zone.
 */
export async function adoptBrowserTimeZone(client: QueryClient): Promise<void> {
  const runtimeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!runtimeZone) return;
  // Saved by today's name (Asia/Kolkata, not Asia/Calcutta), which the server knows too.
  const zone = canonicalTimeZone(runtimeZone);
  try {
    const preferences = await client.fetchQuery({ ...preferencesQueryOptions, staleTime: 0 });
    if (preferences.timezone !== null) return;
    client.setQueryData(queryKeys.preferences, await updatePreferences({ timezone: zone }));
  } catch {
    // A suggestion only: nothing the person asked for failed.
  }
}
