import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@turnout/contracts';
import { api } from '../../../lib/api-client';
import { applyMyAvatar } from './avatar-cache';

/** Drops the viewer's picture: pages show their initials again. */
export const removeAvatar = () => api<MeResponse>('DELETE', '/api/me/avatar');

export function useRemoveAvatar() {
  const client = useQueryClient();
  return useMutation({ mutationFn: removeAvatar, onSuccess: (me) => applyMyAvatar(client, me) });
}
