import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LINK_REL } from '../../lib/markdown';
import { buildPublicEvent } from '../../test/builders';
import { json, mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';
import { PublicEventPage } from './public-event-page';

function openPublicPage(event = buildPublicEvent()) {
  const api = mockApi().on('GET', `/api/public/events/${event.id}`, () => json(200, { event }));
  const view = renderPage(<PublicEventPage />, { path: '/e/:id', route: `/e/${event.id}`, viewer: null });
  return { ...view, api, event };
}

describe('the public event page, logged out', () => {
  it('shows the counts, never who is going, and renders the description as Markdown', async () => {
    const { api, event } = openPublicPage(
      buildPublicEvent({
        joinedCount: 8,
        capacity: 10,
        waitlistCount: 2,
        description: 'Bring **snacks**. [Venue](https://venue.example) <script>x()</script>',
      }),
    );
    const details = await screen.findByRole('region', { name: 'Details' });
    expect(within(details).getByText('8 of 10 going · 2 on the waitlist')).toBeInTheDocument();
    expect(await within(details).findByText('snacks')).toHaveProperty('tagName', 'STRONG');
    expect(within(details).getByRole('link', { name: 'Venue' })).toHaveAttribute('rel', LINK_REL);
    expect(details.querySelector('script')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Who’s going' })).toBeNull();
    expect(api.requests.map((r) => r.path)).toEqual([`/api/public/events/${event.id}`]);
  });

  it('offers the public .ics, Google Calendar and Outlook with the event’s times and the page’s address', async () => {
    const { event } = openPublicPage(buildPublicEvent({ startsAt: '2030-05-01T17:00:00.000Z', endsAt: '2030-05-01T19:00:00.000Z' }));
    const google = new URL((await screen.findByRole('link', { name: 'Add to Google Calendar' })).getAttribute('href') ?? '');
    expect(google.searchParams.get('dates')).toBe('20300501T170000Z/20300501T190000Z');
    expect(google.searchParams.get('details')).toContain(`${window.location.origin}/e/${event.id}`);
    const outlook = new URL(screen.getByRole('link', { name: 'Add to Outlook' }).getAttribute('href') ?? '');
    expect(outlook.searchParams.get('startdt')).toBe('2030-05-01T17:00:00Z');
    expect(outlook.searchParams.get('enddt')).toBe('2030-05-01T19:00:00Z');
    expect(screen.getByRole('link', { name: 'Download .ics file' })).toHaveAttribute('href', `/api/public/events/${event.id}/calendar.ics`);
  });

  it('names an online event by its label, with no word of a join link', async () => {
    openPublicPage(buildPublicEvent({ locationType: 'online', location: 'Zoom' }));
    const details = await screen.findByRole('region', { name: 'Details' });
    expect(within(details).getByText('Zoom')).toBeInTheDocument();
    expect(within(details).queryByText(/join link/i)).toBeNull();
    expect(within(details).queryByRole('link', { name: /^Map/ })).toBeNull();
  });

  it('links a venue to its map', async () => {
    openPublicPage(buildPublicEvent({ location: 'Alexanderplatz 1, Berlin' }));
    expect(await screen.findByRole('link', { name: /^Map/ })).toHaveAttribute(
      'href',
      'https://www.openstreetmap.org/search?query=Alexanderplatz%201%2C%20Berlin',
    );
  });
});
