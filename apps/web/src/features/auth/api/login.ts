import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, MeResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { resetSessionCache } from './session-cache';

/** With two-factor sign-in on, the server answers 401 `totp_required` until `totp` is sent too. */
export const login = (body: LoginBody) => api<MeResponse>('POST', '/api/auth/login', body);

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // A new session: nothing cached for another user may leak into this one.
      resetSessionCache(client, me);
    },
  });
}
