import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, UserResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { resetSessionCache } from './session-cache';

export const login = (body: LoginBody) => api<UserResponse>('POST', '/api/auth/login', body);

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: ({ user }) => {
      // A new session: nothing cached for another user may leak into this one.
      resetSessionCache(client, user);
    },
  });
}
