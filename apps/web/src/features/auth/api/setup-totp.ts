import { useMutation } from '@tanstack/react-query';
import type { TotpSetupResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';

/** A fresh secret for an authenticator app; two-factor sign-in is on only once a code from it is confirmed. */
export const setupTotp = () => api<TotpSetupResponse>('POST', '/api/auth/totp/setup');

export const useSetupTotp = () => useMutation({ mutationFn: setupTotp });
