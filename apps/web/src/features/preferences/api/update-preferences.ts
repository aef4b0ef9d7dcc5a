import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Preferences, PreferencesPatch, PreferencesResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const updatePreferences = async (patch: PreferencesPatch): Promise<Preferences> =>
  (await api<PreferencesResponse>('PATCH', '/api/me/preferences', patch)).preferences;

const mutationKey = ['account', 'preferences', 'update'] as const;

/**
 * Saves a change of one preference at once, shown before the server answers. Each answer carries
 * every preference; while a later change is still on its way an earlier answer is not written, so
 * it cannot undo that change on screen. A refusal reloads what is stored.
 */
export function useUpdatePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationKey,
    mutationFn: updatePreferences,
    onMutate: async (patch) => {
      await client.cancelQueries({ queryKey: queryKeys.preferences, exact: true });
      client.setQueryData<Preferences>(queryKeys.preferences, (old) => (old ? { ...old, ...patch } : old));
    },
    onSuccess: (preferences) => {
      // This mutation still counts itself while its onSuccess runs.
      if (client.isMutating({ mutationKey }) <= 1) client.setQueryData(queryKeys.preferences, preferences);
    },
    onError: () => client.invalidateQueries({ queryKey: queryKeys.preferences, exact: true }),
  });
}
