import { describe, expect, it } from 'vitest';
import { createTurns } from './participation.turns';

/** A promise with its resolver outside, to control when a task finishes. */
function gate() {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('turns', () => {
  it('runs tasks of one key one at a time, in arrival order, and other keys alongside', async () => {
    const inTurn = createTurns();
    const log: string[] = [];
    const first = gate();
    const a1 = inTurn('a', async () => {
      log.push('a1 start');
      await first.opened;
      log.push('a1 end');
    });
    const a2 = inTurn('a', async () => void log.push('a2'));
    const b1 = inTurn('b', async () => void log.push('b1'));
    await b1;
    expect(log).toEqual(['a1 start', 'b1']);
    first.open();
    await Promise.all([a1, a2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('goes on after a failed task and hands each caller its own result', async () => {
    const inTurn = createTurns();
    const failed = inTurn('a', async () => {
      throw new Error('refused');
    });
    const next = inTurn('a', async () => 42);
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe(42);
  });

  it('runs up to perKey tasks of one key at once, starting the rest in arrival order as others end', async () => {
    const inTurn = createTurns(2);
    const log: string[] = [];
    const gates = [gate(), gate(), gate()];
    const tasks = gates.map((g, i) =>
      inTurn('a', async () => {
        log.push(`${i + 1} start`);
        await g.opened;
        log.push(`${i + 1} end`);
      }),
    );
    const fourth = inTurn('a', async () => void log.push('4'));
    await Promise.resolve();
    expect(log).toEqual(['1 start', '2 start']);
    gates[1]?.open();
    await tasks[1];
    await Promise.resolve();
    expect(log).toEqual(['1 start', '2 start', '2 end', '3 start']);
    gates[0]?.open();
    await fourth;
    expect(log).toEqual(['1 start', '2 start', '2 end', '3 start', '1 end', '4']);
    gates[2]?.open();
    await Promise.all(tasks);
  });
});
