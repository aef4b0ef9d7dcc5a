import { useMutation } from '@tanstack/react-query';
import type { ResetPasswordBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';

/** Sets a new password with a reset link's token; the server ends every session of the account. */
export const resetPassword = (body: ResetPasswordBody) => api<void>('POST', '/api/auth/password/reset', body);

export const useResetPassword = () => useMutation({ mutationFn: resetPassword });
