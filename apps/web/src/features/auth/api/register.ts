import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse, RegisterBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { resetSessionCache } from './session-cache';

export const register = (body: RegisterBody) => api<MeResponse>('POST', '/api/auth/register', body);

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (me) => {
      resetSessionCache(client, me);
    },
  });
}
