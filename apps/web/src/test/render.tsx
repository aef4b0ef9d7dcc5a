import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Account, User } from '@turnout/contracts';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Toaster } from '../components/ui/toaster';
import { createQueryClient } from '../lib/query-client';
import { queryKeys } from '../lib/query-keys';
import { buildAccount, buildUser } from './builders';

type Options = { path?: string; route?: string; viewer?: User | null; account?: Account };

/**
 * Renders one page as the app does (query cache, router, toasts) for a given viewer, and their
 * account as the /me answer that identified them would have left it.
 */
export function renderPage(page: ReactElement, { path = '/', route = path, viewer = buildUser(), account }: Options = {}) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } });
  client.setQueryData(queryKeys.me, viewer);
  if (viewer) client.setQueryData(queryKeys.account, account ?? buildAccount());
  const router = createMemoryRouter(
    [
      { path, element: page },
      { path: '*', element: <p>Left the page</p> },
    ],
    { initialEntries: [route] },
  );
  const user = userEvent.setup();
  const view = render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { ...view, client, router, user };
}
