import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createQueryClient } from '../../lib/query-client';
import { buildMe, ORGANIZER_ID } from '../../test/builders';
import { setSignedInHint } from '../../test/cookies';
import { FakeSocket } from '../../test/fake-socket';
import { apiError, json, mockApi } from '../../test/fetch-mock';
import { createRoutes } from '../router';
import { failureOf } from './route-error';

let socket: FakeSocket;
vi.mock('socket.io-client', () => ({ io: () => socket }));

beforeEach(() => {
  socket = new FakeSocket();
  setSignedInHint();
});

const organizer = buildMe({ id: ORGANIZER_ID, name: 'olivia', role: 'organizer' });
/** What `fetch` does when nothing answers on the server's port. */
const refused = () => Promise.reject(new TypeError('Failed to fetch'));

function renderApp(path: string) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false } });
  const router = createMemoryRouter(createRoutes(client), { initialEntries: [path] });
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, user: userEvent.setup() };
}

/** The server down for the first `times` requests to `path`, up after them. */
function downFor(times: number, up: () => Response) {
  let calls = 0;
  return () => (++calls <= times ? refused() : up());
}

describe('a page that cannot open', () => {
  it('says the server cannot be reached, in the app’s header, and opens the page by itself once the server is back', async () => {
    const api = mockApi()
      .on(
        'GET',
        '/api/auth/me',
        downFor(1, () => json(200, organizer)),
      )
      .on(
        'GET',
        '/readyz',
        downFor(1, () => json(200, { status: 'ok', checks: {} })),
      )
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }));
    renderApp('/events/new');

    const main = await screen.findByRole('main');
    expect(within(main).getByRole('heading', { level: 1 })).toHaveTextContent('Can’t reach Turnout');
    expect(main).toHaveTextContent(/The server can’t be reached right now/);
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Turnout' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
    expect(screen.queryByText('Something went wrong')).toBeNull();

    // No reload and no press: after a first look at a server still down (1 s) and a second that
    // finds it up (2 s later), the page loads.
    expect(await screen.findByRole('heading', { name: 'New event' }, { timeout: 6_000 })).toBeInTheDocument();
    expect(api.sent('GET', '/readyz')).toHaveLength(2);
    expect(api.sent('GET', '/api/auth/me')).toHaveLength(2);
  }, 10_000);

  it('treats a 5xx like no answer, and tries again at once on Retry or when the browser is back online', async () => {
    let up = false;
    const api = mockApi()
      .on('GET', '/api/auth/me', () => (up ? json(200, organizer) : apiError(503, 'not_ready', 'Turnout is unavailable right now.')))
      .on('GET', '/readyz', () => (up ? json(200, { status: 'ok', checks: {} }) : json(503, { status: 'unavailable', checks: {} })))
      .on('GET', '/api/notifications', () => json(200, { items: [], unreadCount: 0 }));
    const { user } = renderApp('/events/new');

    await screen.findByRole('heading', { name: 'Can’t reach Turnout' });
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Still no answer. Trying again shortly.')).toBeInTheDocument();
    const looks = api.sent('GET', '/readyz').length;

    up = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    expect(await screen.findByRole('heading', { name: 'New event' })).toBeInTheDocument();
    expect(api.sent('GET', '/readyz')).toHaveLength(looks + 1);
  });

  it('offers a reload for any other failure, and does not keep asking the server', async () => {
    const api = mockApi().on('GET', '/api/auth/me', () => apiError(400, 'bad_request', 'The request was malformed.'));
    renderApp('/events/new');

    expect(await screen.findByRole('heading', { name: 'Something went wrong' })).toBeInTheDocument();
    expect(screen.getByText('The request was malformed.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Reload Turnout' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
    await act(() => new Promise((resolve) => setTimeout(resolve, 1_200)));
    expect(api.sent('GET', '/readyz')).toHaveLength(0);
  });
});

describe('failureOf', () => {
  it('tells an unreachable server from other failures', () => {
    expect(failureOf(new TypeError('Failed to fetch dynamically imported module: https://turnout.test/assets/x.js'))).toBe(
      'code-unreachable',
    );
    expect(failureOf(new TypeError('Importing a module script failed.'))).toBe('code-unreachable');
    expect(failureOf(new TypeError('Cannot read properties of undefined'))).toBe('other');
  });
});
