import { useQuery } from '@tanstack/react-query';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { EventView } from '@turnout/contracts';
import { useEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../../../lib/query-keys';
import { buildEventView, buildUser, ORGANIZER_ID } from '../../../test/builders';
import { apiError, json, mockApi } from '../../../test/fetch-mock';
import { renderPage } from '../../../test/render';
import { CoverEditor } from './cover-editor';

// jsdom loads no image, so the real cropper never measures one: this one reports a crop at once.
vi.mock('react-easy-crop', () => ({
  default: function FakeCropper(props: {
    image: string;
    aspect: number;
    zoom: number;
    onCropComplete: (area: unknown, pixels: unknown) => void;
    mediaProps: { onError: () => void };
  }) {
    // biome-ignore lint/correctness/useExhaustiveDependencies: reported once per image, as the real one does after loading it.
    useEffect(() => {
      // A file whose bytes are "broken" fails to decode, as a damaged image does in a browser.
      if (props.image.endsWith(btoa('broken'))) props.mediaProps.onError();
      else props.onCropComplete({}, { x: 12.4, y: 30, width: 1600.2, height: 800 });
    }, [props.image]);
    return <div data-testid="cropper" data-image={props.image.slice(0, 22)} data-aspect={props.aspect} data-zoom={props.zoom} />;
  },
}));

const organizer = buildUser({ id: ORGANIZER_ID, role: 'organizer' });
const MB = 1024 * 1024;
const cover = { url: '/api/images/cover-1', width: 1600, height: 800, color: '#336699' };

function image(name = 'beach.png', type = 'image/png', size?: number): File {
  const file = new File([new Uint8Array([137, 80, 78, 71])], name, { type });
  if (size !== undefined) Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** The editor as the event page holds it: reading the event from the cache an upload writes to. */
function CachedCoverEditor({ id }: { id: string }) {
  // Never fetched: the test puts the event in the cache, as the page's own query would.
  const { data } = useQuery<EventView>({ queryKey: queryKeys.event(id), queryFn: () => new Promise(() => {}), enabled: false });
  return data ? <CoverEditor event={data} /> : null;
}

async function renderEditor(event = buildEventView({ organizerId: ORGANIZER_ID })) {
  const view = renderPage(<CachedCoverEditor id={event.id} />, { viewer: organizer });
  act(() => view.client.setQueryData(queryKeys.event(event.id), event));
  const input = (await screen.findByLabelText(event.cover ? 'Change cover' : 'Add cover')) as HTMLInputElement;
  return { ...view, event, input };
}

describe('choosing a cover', () => {
  it('refuses a file that is not a JPEG, PNG or WebP image before sending anything', async () => {
    const server = mockApi();
    await renderEditor();
    fireEvent.drop(screen.getByText(/Drop an image here/), { dataTransfer: { files: [image('cat.gif', 'image/gif')], types: ['Files'] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose a JPEG, PNG or WebP image');
    expect(screen.queryByTestId('cropper')).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it('refuses an image over 5 MB, saying how large it is', async () => {
    const server = mockApi();
    const { user, input } = await renderEditor();
    await user.upload(input, image('huge.png', 'image/png', Math.round(7.2 * MB)));
    expect(await screen.findByRole('alert')).toHaveTextContent('This image is 7.2 MB; the limit is 5 MB');
    expect(server.requests).toEqual([]);
  });

  it('hands a pasted image to the cropper, at 2:1', async () => {
    mockApi();
    await renderEditor();
    fireEvent.paste(document.body, { clipboardData: { files: [image()], items: [] } });
    const cropper = await screen.findByTestId('cropper');
    expect(cropper).toHaveAttribute('data-image', 'data:image/png;base64,');
    expect(cropper).toHaveAttribute('data-aspect', '2');
    // Focus moves into the crop step, on its title.
    expect(screen.getByRole('group', { name: 'Crop the cover' })).toContainElement(document.activeElement as HTMLElement);
    expect(screen.getByText('Crop the cover')).toHaveFocus();
  });

  it('leaves a paste into a text field to the field', async () => {
    mockApi();
    renderPage(
      <>
        <textarea aria-label="Notes" />
        <CoverEditor event={buildEventView({ organizerId: ORGANIZER_ID })} />
      </>,
      { viewer: organizer },
    );
    fireEvent.paste(screen.getByLabelText('Notes'), { clipboardData: { files: [image()], items: [] } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('cropper')).toBeNull();
  });

  it('says so when the browser cannot decode the image', async () => {
    const server = mockApi();
    const { user, input } = await renderEditor();
    await user.upload(input, new File(['broken'], 'broken.png', { type: 'image/png' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This image could not be read. Choose another one.');
    expect(screen.queryByTestId('cropper')).toBeNull();
    expect(server.requests).toEqual([]);
  });

  it('zooms with a labelled slider', async () => {
    mockApi();
    await renderEditor();
    fireEvent.paste(document.body, { clipboardData: { files: [image()], items: [] } });
    const cropper = await screen.findByTestId('cropper');
    const zoom = screen.getByRole('slider', { name: 'Zoom' });
    fireEvent.change(zoom, { target: { value: '2.5' } });
    expect(cropper).toHaveAttribute('data-zoom', '2.5');
    expect(zoom).toHaveAttribute('aria-valuetext', '250%');
  });

  it('hands a dropped image to the cropper', async () => {
    mockApi();
    await renderEditor();
    fireEvent.drop(screen.getByText(/Drop an image here/), { dataTransfer: { files: [image('a.webp', 'image/webp')], types: ['Files'] } });
    expect(await screen.findByTestId('cropper')).toHaveAttribute('data-image', 'data:image/webp;base64');
  });

  it('uploads the file with its crop in whole pixels, and shows the new cover from the cache', async () => {
    const server = mockApi();
    const { user, input, event, client } = await renderEditor();
    server.on('PUT', `/api/events/${event.id}/cover`, () => json(200, { event: { ...event, cover, version: event.version + 1 } }));
    await user.upload(input, image());
    await screen.findByTestId('cropper');
    await user.click(screen.getByRole('button', { name: 'Save cover' }));

    expect(await screen.findByText('Cover added')).toBeInTheDocument();
    const [sent] = server.sent('PUT', `/api/events/${event.id}/cover`);
    const form = sent?.body as FormData;
    expect(Object.fromEntries(['x', 'y', 'width', 'height'].map((k) => [k, form.get(k)]))).toEqual({
      x: '12',
      y: '30',
      width: '1600',
      height: '800',
    });
    expect((form.get('file') as File).name).toBe('beach.png');
    expect(client.getQueryData<EventView>(queryKeys.event(event.id))?.cover).toEqual(cover);
    // Back to the picker, now for a change, with the cover shown in its colour while it loads.
    expect(screen.queryByTestId('cropper')).toBeNull();
    expect(screen.getByRole('button', { name: 'Change cover' })).toHaveFocus();
    const img = document.querySelector(`img[src="${cover.url}"]`) as HTMLImageElement;
    expect(img.parentElement).toHaveStyle({ backgroundColor: 'rgb(51, 102, 153)' });
  });

  it.each([
    [415, 'unsupported_media_type', 'That file is not a JPEG, PNG or WebP image.'],
    [413, 'payload_too_large', 'The image is larger than 5 MB.'],
  ])('shows the server’s %i refusal in the crop step, where Save can be tried again', async (status, code, message) => {
    const server = mockApi();
    const { user, input, event, client } = await renderEditor();
    server.on('PUT', `/api/events/${event.id}/cover`, () => apiError(status, code, message));
    await user.upload(input, image());
    await screen.findByTestId('cropper');
    await user.click(screen.getByRole('button', { name: 'Save cover' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(message);
    expect(screen.getByRole('button', { name: 'Save cover' })).toBeInTheDocument();
    expect(client.getQueryData<EventView>(queryKeys.event(event.id))?.cover).toBeNull();
  });

  it('is left with Cancel or Escape, sending nothing', async () => {
    const server = mockApi();
    const { user, input } = await renderEditor();
    await user.upload(input, image());
    await screen.findByTestId('cropper');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('button', { name: 'Add cover' })).toHaveFocus();

    await user.upload(input, image());
    await screen.findByTestId('cropper');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('cropper')).toBeNull());
    expect(server.requests).toEqual([]);
  });
});

describe('removing the cover', () => {
  it('asks first, then removes it everywhere the event is cached', async () => {
    const server = mockApi();
    const { user, event, client } = await renderEditor(buildEventView({ organizerId: ORGANIZER_ID, cover }));
    server.on('DELETE', `/api/events/${event.id}/cover`, () => json(200, { event: { ...event, cover: null, version: event.version + 1 } }));

    await user.click(screen.getByRole('button', { name: 'Remove cover' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove the cover?' });
    expect(server.requests).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Remove cover' }));

    expect(await screen.findByText('Cover removed')).toBeInTheDocument();
    expect(server.sent('DELETE', `/api/events/${event.id}/cover`)).toHaveLength(1);
    expect(client.getQueryData<EventView>(queryKeys.event(event.id))?.cover).toBeNull();
    expect(screen.getByRole('button', { name: 'Add cover' })).toBeInTheDocument();
  });
});
