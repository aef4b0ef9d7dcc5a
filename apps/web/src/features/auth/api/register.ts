import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RegisterBody, UserResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

export const register = (body: RegisterBody) => api<UserResponse>('POST', '/api/auth/register', body);

export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: ({ user }) => {
      client.clear();
      client.setQueryData(queryKeys.me, user);
    },
  });
}
