import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EventFacts } from '../../components/event/event-facts';
import { EventCard } from '../../features/events/components/event-card';
import { ParticipationPanel } from '../../features/participation/components/participation-panel';
import { ViewersCount } from '../../features/presence/components/viewers-count';
import { queryKeys } from '../../lib/query-keys';
import { buildEventView } from '../../test/builders';
import { mockApi } from '../../test/fetch-mock';
import { renderPage } from '../../test/render';

// The test runtime's locale is en-US: its grouping separator is the comma.
describe('counts and capacities', () => {
  const big = buildEventView({ capacity: 100_000, joinedCount: 12_345, waitlistCount: 0 });

  it('are grouped by thousands on an event card and in the event’s facts', () => {
    mockApi();
    renderPage(
      <>
        <EventCard event={big} />
        <EventFacts event={{ ...big, waitlistCount: 2_500 }} />
      </>,
    );
    expect(screen.getByText('12,345 of 100,000 going')).toBeInTheDocument();
    expect(screen.getByText('12,345 of 100,000 going · 2,500 on the waitlist')).toBeInTheDocument();
  });

  it('are grouped in the seats left and the viewers count', () => {
    mockApi();
    const { client } = renderPage(
      <>
        <ParticipationPanel event={big} />
        <ViewersCount eventId={big.id} />
      </>,
    );
    expect(screen.getByText('87,655 seats left.')).toBeInTheDocument();
    client.setQueryData(queryKeys.presence(big.id), 1_234);
    return screen.findByText('1,234 people viewing now');
  });
});
