import { screen, within } from '@testing-library/react';
import type { User } from '@turnout/contracts';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { buildMe } from '../../../test/builders';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { ProfilePhotoSettings } from './profile-photo-settings';

// jsdom loads no image, so the real cropper never measures one: this one reports a square crop at once.
vi.mock('react-easy-crop', () => ({
  default: function FakeCropper(props: { image: string; aspect: number; onCropComplete: (area: unknown, pixels: unknown) => void }) {
    // biome-ignore lint/correctness/useExhaustiveDependencies: reported once per image, as the real one does after loading it.
    useEffect(() => props.onCropComplete({}, { x: 40, y: 0, width: 600, height: 600 }), [props.image]);
    return <div data-testid="cropper" data-aspect={props.aspect} />;
  },
}));

const photo = (type = 'image/jpeg') => new File([new Uint8Array([255, 216, 255])], 'me.jpg', { type });

describe('the profile photo', () => {
  it('shows the initials until there is a photo, then uploads a square crop and shows it at once', async () => {
    const me = buildMe({ name: 'olivia_smith', avatarUrl: null });
    const server = mockApi().on('PUT', '/api/me/avatar', () => json(200, buildMe({ name: 'olivia_smith', avatarUrl: '/api/images/av-1' })));
    const { user, client } = renderPage(<ProfilePhotoSettings />, { viewer: me.user });

    expect(await screen.findByRole('img', { name: 'olivia_smith' })).toHaveTextContent('OS');
    await user.upload(screen.getByLabelText('Add photo'), photo());
    expect(await screen.findByTestId('cropper')).toHaveAttribute('data-aspect', '1');
    await user.click(screen.getByRole('button', { name: 'Save photo' }));

    expect(await screen.findByText('Photo added')).toBeInTheDocument();
    const form = server.sent('PUT', '/api/me/avatar')[0]?.body as FormData;
    expect([form.get('x'), form.get('y'), form.get('width'), form.get('height')]).toEqual(['40', '0', '600', '600']);
    expect(client.getQueryData<User>(queryKeys.me)?.avatarUrl).toBe('/api/images/av-1');
    expect(screen.getByRole('img', { name: 'olivia_smith' })).toHaveAttribute('src', '/api/images/av-1');
    expect(screen.getByRole('button', { name: 'Change photo' })).toBeInTheDocument();
  });

  it('shows the server’s refusal', async () => {
    const me = buildMe();
    mockApi().on('PUT', '/api/me/avatar', () => apiError(415, 'unsupported_media_type', 'That file is not a JPEG, PNG or WebP image.'));
    const { user } = renderPage(<ProfilePhotoSettings />, { viewer: me.user });
    await user.upload(await screen.findByLabelText('Add photo'), photo());
    await screen.findByTestId('cropper');
    await user.click(screen.getByRole('button', { name: 'Save photo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That file is not a JPEG, PNG or WebP image.');
  });

  it('is removed after a confirmation, and the initials come back', async () => {
    const me = buildMe({ name: 'jamie', avatarUrl: '/api/images/av-1' });
    const server = mockApi().on('DELETE', '/api/me/avatar', () => json(200, buildMe({ name: 'jamie', avatarUrl: null })));
    const { user, client } = renderPage(<ProfilePhotoSettings />, { viewer: me.user });

    await user.click(await screen.findByRole('button', { name: 'Remove photo' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove your photo?' })).getByRole('button', { name: 'Remove photo' }));

    expect(await screen.findByText('Photo removed')).toBeInTheDocument();
    expect(server.sent('DELETE', '/api/me/avatar')).toHaveLength(1);
    expect(client.getQueryData<User>(queryKeys.me)?.avatarUrl).toBeNull();
    expect(screen.getByRole('img', { name: 'jamie' })).toHaveTextContent('J');
  });
});
