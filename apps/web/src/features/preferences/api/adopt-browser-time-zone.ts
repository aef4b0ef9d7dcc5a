import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { preferencesQueryOptions } from './get-preferences';
import { updatePreferences } from './update-preferences';

/**
 * Right after a sign-in (login or registration): an account that has no time zone yet takes this
 * browser's, so its mails give times as the user reads them. Asked once per sign-in, not on every
 * page load; a failure is silent, as the settings page suggests the same zone.
 */
export async function adoptBrowserTimeZone(client: QueryClient): Promise<void> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  try {
    const preferences = await client.fetchQuery({ ...preferencesQueryOptions, staleTime: 0 });
    if (preferences.timezone !== null) return;
    client.setQueryData(queryKeys.preferences, await updatePreferences({ timezone: zone }));
  } catch {
    // A suggestion only: nothing the person asked for failed.
  }
}
