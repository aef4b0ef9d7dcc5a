import { describe, expect, it, vi } from 'vitest';
import type { RealtimeMessage } from '../../realtime/publisher';
import { createAttendeeLists } from './participation.attendee-lists';
import type { AttendeeList } from './participation.repository';

const EVENT = '6f1c8a2e-4b1d-4c3e-9a7b-2d5e8f0a1b3c';
const OWNER = '0b6f3c1d-8e2a-4f5b-9c7d-1a2b3c4d5e6f';

/** A list store whose reads wait until released, so a test controls when each read finishes. */
function heldReads() {
  let version = 1;
  const pending: (() => void)[] = [];
  const read = vi.fn(async (): Promise<AttendeeList | null> => {
    const at = version;
    await new Promise<void>((resolve) => pending.push(resolve));
    return { organizerId: OWNER, attendeesVisible: true, version: at, rows: [] };
  });
  return {
    read,
    commit: () => void version++,
    releaseAll: () => {
      for (const release of pending.splice(0)) release();
    },
  };
}

function setUp(reads: ReturnType<typeof heldReads>) {
  const sent: RealtimeMessage[] = [];
  const lists = createAttendeeLists({
    read: reads.read,
    minIntervalMs: 0,
    publisher: () => ({ publish: (messages) => void sent.push(...messages), endSession() {} }),
    log: { error: vi.fn() },
  });
  return { lists, sent };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('attendee lists for the owner', () => {
  it('reads once for changes that commit while a read is under way, and ends on the newest', async () => {
    const reads = heldReads();
    const { lists, sent } = setUp(reads);

    lists.changed(EVENT);
    for (let i = 0; i < 5; i++) {
      reads.commit();
      lists.changed(EVENT);
    }
    expect(reads.read).toHaveBeenCalledTimes(1);

    reads.releaseAll();
    await flush();
    expect(reads.read).toHaveBeenCalledTimes(2);
    reads.releaseAll();
    await lists.settled();

    expect(sent.map((m) => [m.event, m.audience, (m.payload as { version: number }).version])).toEqual([
      ['attendees:changed', { kind: 'user', userId: OWNER }, 1],
      ['attendees:changed', { kind: 'user', userId: OWNER }, 6],
    ]);
  });

  it('reads again for a change after the last read ended', async () => {
    const reads = heldReads();
    const { lists, sent } = setUp(reads);
    lists.changed(EVENT);
    reads.releaseAll();
    await lists.settled();
    reads.commit();
    lists.changed(EVENT);
    reads.releaseAll();
    await lists.settled();
    expect(sent.map((m) => (m.payload as { version: number }).version)).toEqual([1, 2]);
  });

  it('sends nothing for an event deleted meanwhile, and keeps going after a failed read', async () => {
    const read = vi.fn<(id: string) => Promise<AttendeeList | null>>();
    read.mockRejectedValueOnce(new Error('connection lost')).mockResolvedValueOnce(null);
    const sent: RealtimeMessage[] = [];
    const log = { error: vi.fn() };
    const lists = createAttendeeLists({
      read,
      minIntervalMs: 0,
      publisher: () => ({ publish: (m) => void sent.push(...m), endSession() {} }),
      log,
    });

    lists.changed(EVENT);
    await lists.settled();
    expect(log.error).toHaveBeenCalledOnce();
    lists.changed(EVENT);
    await lists.settled();
    expect(read).toHaveBeenCalledTimes(2);
    expect(sent).toEqual([]);
  });

  it('spaces reads of one event at least minIntervalMs apart, the first one at once', async () => {
    vi.useFakeTimers();
    try {
      const read = vi.fn(async (): Promise<AttendeeList | null> => ({ organizerId: OWNER, attendeesVisible: true, version: 1, rows: [] }));
      const lists = createAttendeeLists({
        read,
        minIntervalMs: 200,
        publisher: () => ({ publish() {}, endSession() {} }),
        log: { error: vi.fn() },
      });

      lists.changed(EVENT);
      expect(read).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(0);
      lists.changed(EVENT);
      lists.changed(EVENT);
      await vi.advanceTimersByTimeAsync(150);
      expect(read).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(60);
      expect(read).toHaveBeenCalledTimes(2);
      await lists.settled();
      expect(read).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
