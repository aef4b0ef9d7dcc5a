import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Preferences, PreferencesResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const getPreferences = async (signal?: AbortSignal): Promise<Preferences> =>
  (await api<PreferencesResponse>('GET', '/api/me/preferences', undefined, signal)).preferences;

/** Which mail the user wants and their zone; read by the settings page and after a sign-in, never on every page. */
export const preferencesQueryOptions = queryOptions({ queryKey: queryKeys.preferences, queryFn: ({ signal }) => getPreferences(signal) });

export const usePreferences = () => useQuery(preferencesQueryOptions);
