import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegisterBody, UserResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { resetSessionCache } from './session-cache';

export const register = (body: RegisterBody) => api<UserResponse>('POST', '/api/auth/register', body);

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: ({ user }) => {
      resetSessionCache(client, user);
    },
  });
}
