import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type LoaderFunctionArgs, type RouteObject, redirect } from 'react-router';
import { meQueryOptions } from '../features/auth/api/get-me';
import { preloadDateFormats } from '../lib/format-date';
import { safeNext } from '../lib/safe-next';
import { AppShell } from './layout/app-shell';
import { BootScreen } from './layout/boot-screen';
import { GuestShell } from './layout/guest-shell';
import { RootLayout } from './layout/root-layout';
import { RouteError } from './layout/route-error';

/** Every page is its own chunk: the first load carries only the shell. */
export function createRoutes(client: QueryClient): RouteObject[] {
  const requireViewer = async ({ request }: LoaderFunctionArgs) => {
    // Every page behind the login shows dates: their locale data loads while the session is checked.
    setTimeout(preloadDateFormats);
    const user = await client.ensureQueryData(meQueryOptions);
    if (!user) {
      const url = new URL(request.url);
      throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    return null;
  };
  const guestOnly = async ({ request }: LoaderFunctionArgs) => {
    const user = await client.ensureQueryData(meQueryOptions);
    if (user) throw redirect(safeNext(new URL(request.url).searchParams.get('next')));
    return null;
  };

  return [
    {
      Component: RootLayout,
      HydrateFallback: BootScreen,
      ErrorBoundary: RouteError,
      children: [
        {
          Component: GuestShell,
          children: [
            { path: 'login', loader: guestOnly, lazy: async () => ({ Component: (await import('./routes/login-page')).LoginPage }) },
            {
              path: 'register',
              loader: guestOnly,
              lazy: async () => ({ Component: (await import('./routes/register-page')).RegisterPage }),
            },
            {
              path: 'forgot-password',
              lazy: async () => ({ Component: (await import('./routes/forgot-password-page')).ForgotPasswordPage }),
            },
            {
              path: 'reset-password',
              lazy: async () => ({ Component: (await import('./routes/reset-password-page')).ResetPasswordPage }),
            },
            {
              path: 'verify-email',
              lazy: async () => ({ Component: (await import('./routes/verify-email-page')).VerifyEmailPage }),
            },
            {
              path: 'unsubscribe',
              lazy: async () => ({ Component: (await import('./routes/unsubscribe-page')).UnsubscribePage }),
            },
            { path: 'e/:id', lazy: async () => ({ Component: (await import('./routes/public-event-page')).PublicEventPage }) },
          ],
        },
        {
          Component: AppShell,
          loader: requireViewer,
          children: [
            { index: true, lazy: async () => ({ Component: (await import('./routes/dashboard-page')).DashboardPage }) },
            { path: 'events/new', lazy: async () => ({ Component: (await import('./routes/new-event-page')).NewEventPage }) },
            { path: 'events/:id/edit', lazy: async () => ({ Component: (await import('./routes/edit-event-page')).EditEventPage }) },
            { path: 'events/:id', lazy: async () => ({ Component: (await import('./routes/event-page')).EventPage }) },
            { path: 'settings', lazy: async () => ({ Component: (await import('./routes/settings-page')).SettingsPage }) },
            { path: '*', lazy: async () => ({ Component: (await import('./routes/not-found-page')).NotFoundPage }) },
          ],
        },
      ],
    },
  ];
}

export const createAppRouter = (client: QueryClient) => createBrowserRouter(createRoutes(client));
