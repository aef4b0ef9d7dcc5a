import type { Preferences, PreferencesPatch } from '@turnout/contracts';
import type { Db } from '../../db/database';
import { notFound } from '../../http/errors';
import { messagesRepository } from './messages.repository';
import type { UnsubscribeTokens } from './unsubscribe-tokens';

/** Which mail each user wants; a one-click unsubscribe turns one kind off with no login. */
export function createPreferencesService(deps: { db: Db; tokens: UnsubscribeTokens }) {
  const found = (preferences: Preferences | null) => {
    if (!preferences) throw notFound('User');
    return preferences;
  };
  return {
    get: async (userId: string) => found(await messagesRepository.preferences(deps.db, userId)),
    update: async (userId: string, patch: PreferencesPatch) => found(await messagesRepository.updatePreferences(deps.db, userId, patch)),
    /** Turns off what the token names; the same answer every time it is used. 404 for a token not made here. */
    async unsubscribe(token: string) {
      const scope = deps.tokens.read(token);
      if (!scope) throw notFound('Unsubscribe link');
      found(await messagesRepository.updatePreferences(deps.db, scope.userId, { [scope.topic]: false }));
      return { topic: scope.topic };
    },
    /** Whether the token is one made here, without using it (a GET only shows the confirmation page). */
    isValid: (token: string) => deps.tokens.read(token) !== null,
  };
}

export type PreferencesService = ReturnType<typeof createPreferencesService>;
