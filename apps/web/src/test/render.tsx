import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '@turnout/contracts';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Toaster } from '../components/ui/toaster';
import { createQueryClient } from '../lib/query-client';
import { queryKeys } from '../lib/query-keys';
import { buildUser } from './builders';

type Options = { path?: string; route?: string; viewer?: User | null };

/** Renders one page as the app does (query cache, router, toasts) for a given viewer. */
export function renderPage(page: ReactElement, { path = '/', route = path, viewer = buildUser() }: Options = {}) {
  const client = createQueryClient();
  client.setDefaultOptions({ queries: { retry: false, staleTime: Number.POSITIVE_INFINITY }, mutations: { retry: false } });
  client.setQueryData(queryKeys.me, viewer);
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
