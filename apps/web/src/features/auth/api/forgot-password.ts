import { useMutation } from '@tanstack/react-query';
import type { ForgotPasswordBody } from '@turnout/contracts';
import { api } from '../../../lib/api-client';

/** 202 whether or not the address belongs to an account: the answer tells nobody which addresses exist. */
export const forgotPassword = (body: ForgotPasswordBody) => api<void>('POST', '/api/auth/password/forgot', body);

export const useForgotPassword = () => useMutation({ mutationFn: forgotPassword });
