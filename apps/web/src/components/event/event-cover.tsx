import type { Image } from '@turnout/contracts';
import styles from './event-cover.module.css';

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

type EventCoverProps = {
  cover: Image;
  /** `banner` is the top of an event page, its largest paint; `thumb` is a list's small copy, loaded when scrolled to. */
  size?: 'banner' | 'thumb';
  className?: string;
};

/**
 * An event's cover in a 2:1 box that holds its place before the image arrives (the width and
 * height attributes give its ratio) and shows the image's dominant colour until then. Decorative:
 * the title beside it says what the event is.
 */
export function EventCover({ cover, size = 'banner', className }: EventCoverProps) {
  const banner = size === 'banner';
  return (
    <div
      className={[styles.cover, styles[size], className].filter(Boolean).join(' ')}
      style={HEX_COLOR.test(cover.color) ? { backgroundColor: cover.color } : undefined}
      data-cover=""
    >
      <img
        className={styles.image}
        src={cover.url}
        width={cover.width}
        height={cover.height}
        alt=""
        decoding="async"
        loading={banner ? 'eager' : 'lazy'}
        fetchPriority={banner ? 'high' : 'auto'}
      />
    </div>
  );
}
