import type { EventView } from '@turnout/contracts';

export const isFull = (event: Pick<EventView, 'capacity' | 'joinedCount'>): boolean =>
  event.capacity !== null && event.joinedCount >= event.capacity;

export const hasEnded = (event: Pick<EventView, 'endsAt'>, now = Date.now()): boolean => Date.parse(event.endsAt) <= now;
