import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type PeerReport, Presence } from './presence';

/** Processes wired together as the adapter wires them; a process whose link is cut neither sends nor receives. */
function cluster(size: number) {
  const cut = new Set<number>();
  const emitted: { process: number; eventId: string; viewers: number }[][] = [];
  const processes: Presence[] = [];
  for (let i = 0; i < size; i++) {
    emitted.push([]);
    processes.push(
      new Presence({
        emit: (eventId, viewers) => emitted[i]?.push({ process: i, eventId, viewers }),
        announce: (report: PeerReport) => {
          if (cut.has(i)) return;
          processes.forEach((peer, j) => {
            if (j !== i && !cut.has(j)) peer.receive(report);
          });
        },
      }),
    );
  }
  return { processes, emitted, cut };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('presence', () => {
  it('counts distinct sockets over all processes', () => {
    const { processes } = cluster(2);
    const [a, b] = processes as [Presence, Presence];
    const eventId = randomUUID();
    expect(a.watch('s1', eventId)).toBe(1);
    expect(a.watch('s1', eventId)).toBe(1);
    expect(b.watch('s2', eventId)).toBe(2);
    vi.advanceTimersByTime(500);
    expect(a.viewers(eventId)).toBe(2);
    b.drop('s2');
    vi.advanceTimersByTime(500);
    expect(a.viewers(eventId)).toBe(1);
  });

  it('emits at most once per 500 ms per event, ending on the latest count', () => {
    const { processes, emitted } = cluster(1);
    const [a] = processes as [Presence];
    const eventId = randomUUID();
    for (let i = 0; i < 10; i++) a.watch(`s${i}`, eventId);
    expect(emitted[0]?.map((e) => e.viewers)).toEqual([1]);
    vi.advanceTimersByTime(499);
    expect(emitted[0]).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(emitted[0]?.map((e) => e.viewers)).toEqual([1, 10]);
  });

  it('stops counting a process that is no longer heard from', () => {
    const { processes, emitted, cut } = cluster(2);
    const [a, b] = processes as [Presence, Presence];
    const eventId = randomUUID();
    a.watch('s1', eventId);
    b.watch('s2', eventId);
    vi.advanceTimersByTime(1_000);
    expect(a.viewers(eventId)).toBe(2);
    cut.add(1);
    vi.advanceTimersByTime(29_000);
    expect(a.viewers(eventId)).toBe(2);
    vi.advanceTimersByTime(11_000);
    expect(a.viewers(eventId)).toBe(1);
    expect(emitted[0]?.at(-1)).toEqual({ process: 0, eventId, viewers: 1 });
  });

  it('a process that joins learns the others’ counts, and one that closes takes its viewers with it', () => {
    const { processes } = cluster(2);
    const [a, b] = processes as [Presence, Presence];
    const eventId = randomUUID();
    a.watch('s1', eventId);
    b.watch('s2', eventId);
    b.hello();
    expect(b.viewers(eventId)).toBe(2);
    b.close();
    expect(a.viewers(eventId)).toBe(1);
  });

  it('ignores malformed reports and caps the events one socket is counted on', () => {
    const { processes } = cluster(1);
    const [a] = processes as [Presence];
    a.receive({ kind: 'counts', from: 'x', full: true, counts: { e: -5 } });
    a.receive('nonsense');
    expect(a.viewers('e')).toBe(0);
    const accepted = Array.from({ length: 25 }, () => a.watch('s1', randomUUID())).filter((v) => v !== null);
    expect(accepted).toHaveLength(20);
  });
});
