import { describePlace, knownVenue, type EventPlace as Place } from '@turnout/domain';
import { buttonClass } from '../ui/button';
import styles from './event-facts.module.css';

/** What this viewer may know of an online event's join link (EventView: the link for the organizer and joined attendees). */
export type OnlineAccess = { url: string | null; hasUrl: boolean };

/** A search for the place on OpenStreetMap: no key, no tracking, works for an address or a venue's name. */
export const mapUrl = (venue: string): string => `https://www.openstreetmap.org/search?query=${encodeURIComponent(venue)}`;

const newTab = { target: '_blank', rel: 'noopener noreferrer' } as const;

/**
 * The server only stores web addresses as join links (the contract's isWebAddress); checked again
 * before it becomes a link. Not imported from the contracts: their index would bring zod into the
 * first load (BENCHMARKS.md figure 8).
 */
const isWebLink = (url: string): boolean => URL.canParse(url) && ['http:', 'https:'].includes(new URL(url).protocol);

function JoinOnline({ online }: { online: OnlineAccess }) {
  if (online.url && isWebLink(online.url)) {
    return (
      <a className={`${buttonClass({ variant: 'primary', size: 'small' })} ${styles.join}`} href={online.url} {...newTab}>
        Join online<span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  }
  return <span className={styles.secondary}>{online.hasUrl ? 'The join link appears once you join' : 'The join link is not set yet'}</span>;
}

/**
 * Where, in words (describePlace): a venue with a map link, a place still to be announced, or an
 * online event with its join link for those who may have it. Without `online` (the public page),
 * the join link is never mentioned.
 */
export function EventPlace({ event, online }: { event: Place; online?: OnlineAccess | undefined }) {
  const venue = knownVenue(event);
  if (venue) {
    return (
      <>
        {venue}{' '}
        <a className={styles.mapLink} href={mapUrl(venue)} {...newTab}>
          Map<span className="visually-hidden"> of {venue} (opens in a new tab)</span>
        </a>
      </>
    );
  }
  if (event.locationType !== 'online') return <span className={styles.muted}>{describePlace(event)}</span>;
  const label = event.location.trim();
  return (
    <>
      {describePlace(event)}
      {label && <span className={styles.secondary}>Online event</span>}
      {online && <JoinOnline online={online} />}
    </>
  );
}
