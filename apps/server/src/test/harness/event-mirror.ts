import type { Event, EventListResponse, Participation } from '@turnout/contracts';
import type { RecordingClient } from './socket-client';

export interface MirroredEvent {
  id: string;
  title: string;
  location: string;
  joinedCount: number;
  waitlistCount: number;
  version: number;
  mine: Participation | null;
}

/**
 * What a screen holds, kept the way the web client keeps it: broadcasts carry authoritative
 * state and a `version`, and a payload older than what is held is dropped. A client whose
 * connection was not recovered refetches (`resync`).
 */
export class EventMirror {
  private readonly events = new Map<string, Omit<MirroredEvent, 'mine'>>();
  private readonly mine = new Map<string, Participation>();

  constructor(client: RecordingClient) {
    const { socket } = client;
    socket.on('event:created', ({ event }) => this.put(event));
    socket.on('event:updated', ({ event }) => this.put(event));
    socket.on('event:deleted', ({ eventId }) => {
      this.events.delete(eventId);
      this.mine.delete(eventId);
    });
    socket.on('participation:changed', ({ eventId, joinedCount, waitlistCount, version }) => {
      const held = this.events.get(eventId);
      if (held && version >= held.version) this.events.set(eventId, { ...held, joinedCount, waitlistCount, version });
    });
    socket.on('participation:mine', ({ eventId, status, position }) => {
      if (status === 'removed') this.mine.delete(eventId);
      else if (status === 'promoted') this.mine.set(eventId, { status: 'joined' });
      else this.mine.set(eventId, position === undefined ? { status } : { status, position });
    });
  }

  /** Replaces everything held with a fresh load of the list. */
  resync(list: EventListResponse): void {
    this.events.clear();
    this.mine.clear();
    for (const { myParticipation, ...event } of list.items) {
      this.put(event);
      if (myParticipation) this.mine.set(event.id, myParticipation);
    }
  }

  /** What the screen shows, in a stable order. */
  snapshot(): MirroredEvent[] {
    return [...this.events.values()]
      .map((event) => ({ ...event, mine: this.mine.get(event.id) ?? null }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  private put(event: Event): void {
    const held = this.events.get(event.id);
    if (held && event.version < held.version) return;
    const { id, title, location, joinedCount, waitlistCount, version } = event;
    this.events.set(id, { id, title, location, joinedCount, waitlistCount, version });
  }
}

/** The same fields from a fresh GET of the list, to compare with a mirror. */
export function snapshotOf(list: EventListResponse): MirroredEvent[] {
  return list.items
    .map(({ id, title, location, joinedCount, waitlistCount, version, myParticipation }) => ({
      id,
      title,
      location,
      joinedCount,
      waitlistCount,
      version,
      mine: myParticipation,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
