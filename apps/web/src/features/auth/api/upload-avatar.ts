import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { MeResponse } from '@turnout/contracts';
import { apiUpload } from '../../../lib/api-client';
import { type CropArea, imageUploadForm } from '../../../lib/image-upload';
import { applyMyAvatar } from './avatar-cache';

/** Sets the viewer's picture: the server crops the square, resizes it to AVATAR_SIZE and re-encodes it. */
export const uploadAvatar = ({ file, crop }: { file: File; crop: CropArea }) =>
  apiUpload<MeResponse>('PUT', '/api/me/avatar', imageUploadForm(file, crop));

export function useUploadAvatar() {
  const client = useQueryClient();
  return useMutation({ mutationFn: uploadAvatar, onSuccess: (me) => applyMyAvatar(client, me) });
}
