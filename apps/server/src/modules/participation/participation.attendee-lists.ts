import type { FastifyBaseLogger } from 'fastify';
import { type Publisher, toUser } from '../../realtime/publisher';
import { presentAttendees } from './participation.presenter';
import type { AttendeeList } from './participation.repository';

export interface AttendeeListsDeps {
  /** Reads the committed lists (`participationRepository.listAttendees`); null once the event is gone. */
  read: (eventId: string) => Promise<AttendeeList | null>;
  publisher: () => Publisher;
  log: Pick<FastifyBaseLogger, 'error'>;
  /** The least time between two reads of one event's lists (default 200 ms); the first read is immediate. */
  minIntervalMs?: number;
}

/**
 * Sends an event's owner its attendee lists (`attendees:changed`) after who is in it changed.
 *
 * The lists are read after COMMIT, outside the event's row lock, and at most one read per event
 * runs at a time in this process, reads starting at least `minIntervalMs` apart: changes that
 * commit meanwhile are covered by one more read. A rush of joins therefore costs a few list reads a
 * second, not one per join (each of which would be the whole list), while a lone change is sent
 * at once; the last read always follows the last change. Each list carries the version it was
 * read at, so a client keeps the newest when two processes' lists cross.
 */
export function createAttendeeLists({ read, publisher, log, minIntervalMs = 200 }: AttendeeListsDeps) {
  /**
   * Events read lately. `again`: a change committed since the last read started. `busy`: a read is
   * under way or waiting for its turn, settled when neither is. Kept for `minIntervalMs` after the
   * last read, to space the next one.
   */
  const events = new Map<string, Entry>();
  interface Entry {
    lastReadAt: number;
    again: boolean;
    busy: Promise<void> | null;
    forget: ReturnType<typeof setTimeout> | null;
  }

  async function send(eventId: string): Promise<void> {
    const list = await read(eventId);
    // Deleted meanwhile: its owner was told by `event:deleted`.
    if (!list) return;
    publisher().publish([toUser(list.organizerId, 'attendees:changed', { eventId, ...presentAttendees(list) })]);
  }

  async function readUntilCurrent(eventId: string, entry: Entry): Promise<void> {
    do {
      const wait = entry.lastReadAt + minIntervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      entry.again = false;
      entry.lastReadAt = performance.now();
      try {
        await send(eventId);
      } catch (err) {
        log.error({ err, eventId }, 'attendee list not sent');
      }
    } while (entry.again);
    entry.busy = null;
    entry.forget = setTimeout(() => events.delete(eventId), minIntervalMs);
    entry.forget.unref();
  }

  return {
    /** Call after a commit that changed who is joined or waitlisted. */
    changed(eventId: string): void {
      let entry = events.get(eventId);
      if (entry && entry.busy !== null) {
        entry.again = true;
        return;
      }
      if (!entry) {
        entry = { lastReadAt: Number.NEGATIVE_INFINITY, again: false, busy: null, forget: null };
        events.set(eventId, entry);
      }
      if (entry.forget) clearTimeout(entry.forget);
      // Always settles after this assignment: the read is awaited before `busy` is cleared.
      entry.busy = readUntilCurrent(eventId, entry);
    },

    /** Resolves when every change so far has been read and sent (shutdown, tests). */
    async settled(): Promise<void> {
      for (;;) {
        const busy = [...events.values()].flatMap((entry) => (entry.busy === null ? [] : [entry.busy]));
        if (busy.length === 0) return;
        await Promise.all(busy);
      }
    },
  };
}

export type AttendeeLists = ReturnType<typeof createAttendeeLists>;
