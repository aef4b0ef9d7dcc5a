import { describe, expect, it } from 'vitest';
import { createShutdown, type ShutdownOptions } from './shutdown';

/** A shutdown whose steps write to `journal`, whose waits resolve at once, and whose exit is recorded. */
function harness(options: Partial<ShutdownOptions> = {}) {
  const journal: string[] = [];
  let exited: (code: number) => void = () => {};
  const exitCode = new Promise<number>((resolve) => {
    exited = resolve;
  });
  const shutdown = createShutdown({
    drainMs: 5_000,
    timeoutMs: 10_000,
    log: () => ({ info: (_f, msg) => journal.push(`log: ${msg}`), error: (_f, msg) => journal.push(`error: ${msg}`) }),
    exit: (code) => {
      journal.push(`exit ${code}`);
      exited(code);
    },
    wait: async (ms) => journal.push(`serve for ${ms} ms`),
    ...options,
  });
  const app = {
    readiness: { beginDrain: () => journal.push('readyz 503') },
    close: async () => journal.push('app closed'),
  };
  return { journal, shutdown, app, exitCode };
}

describe('the SIGTERM sequence', () => {
  it('answers 503 on /readyz, keeps serving for the drain, closes the app, then the rest in reverse order, and exits 0', async () => {
    const { journal, shutdown, app, exitCode } = harness();
    shutdown.onClose('database', async () => journal.push('database closed'));
    shutdown.onClose('redis', async () => journal.push('redis closed'));
    shutdown.serving(app);
    void shutdown.stop('SIGTERM');
    void shutdown.stop('SIGTERM'); // a second signal joins the first
    expect(await exitCode).toBe(0);
    expect(journal).toEqual([
      'log: shutting down',
      'readyz 503',
      'serve for 5000 ms',
      'app closed',
      'redis closed',
      'database closed',
      'log: stopped',
      'exit 0',
    ]);
  });

  it('logs a failed close, still closes the rest, and exits 1', async () => {
    const { journal, shutdown, app, exitCode } = harness();
    shutdown.onClose('database', async () => journal.push('database closed'));
    shutdown.onClose('redis', async () => {
      throw new Error('redis would not close');
    });
    shutdown.serving(app);
    void shutdown.stop('SIGTERM');
    expect(await exitCode).toBe(1);
    expect(journal).toContain('error: shutdown step failed');
    expect(journal).toContain('database closed');
  });

  it('exits 1 when closing outlasts its bound', async () => {
    const { journal, shutdown, exitCode } = harness({ timeoutMs: 1_000 });
    shutdown.onClose('database', () => new Promise(() => {}));
    void shutdown.stop('SIGTERM');
    expect(await exitCode).toBe(1);
    expect(journal).toContain('error: shutdown took too long; exiting');
  });

  it('during start-up, waits for the step in progress (a migration), skips the drain, and closes what was opened', async () => {
    const { journal, shutdown, exitCode } = harness();
    let finishMigration: () => void = () => {};
    shutdown.starting(
      new Promise<void>((resolve) => {
        finishMigration = () => {
          journal.push('migration done');
          resolve();
        };
      }),
    );
    shutdown.onClose('database', async () => journal.push('database closed'));
    void shutdown.stop('SIGTERM');
    expect(shutdown.requested).toBe(true);
    await Promise.resolve();
    expect(journal).toEqual(['log: shutting down']);
    finishMigration();
    expect(await exitCode).toBe(0);
    expect(journal).toEqual(['log: shutting down', 'migration done', 'database closed', 'log: stopped', 'exit 0']);
  });
});
