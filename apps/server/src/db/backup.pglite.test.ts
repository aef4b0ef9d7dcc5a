import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginStatus, npmRun, registerOn } from '../test/harness/database-cli';
import { startServer } from '../test/harness/server-process';
import { openPglite } from './database';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'turnout-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('db:backup and db:restore of the embedded database', { timeout: 180_000 }, () => {
  it('embedded: db:backup of a stopped DATA_DIR restores into a new one, and refuses to overwrite', async () => {
    const source = { DATA_DIR: join(dir, 'source') };
    const user = await registerOn(source);
    const file = join(dir, 'embedded.tar.gz');
    await npmRun('db:backup', [file], source);

    const restored = { DATA_DIR: join(dir, 'restored') };
    await npmRun('db:restore', [file], restored);
    // The job queue's schema comes along: the cleanup job the source's server enqueued at start is there.
    const database = await openPglite(restored.DATA_DIR);
    try {
      const { rows } = await database.executeSql("select count(*)::int as jobs from pgboss.job where name = 'jobs.cleanup'");
      expect(rows[0]?.jobs).toBeGreaterThanOrEqual(1);
    } finally {
      await database.close();
    }
    expect(await loginStatus(restored, user)).toBe(200);
    const again = await npmRun('db:restore', [file], restored).catch((error: { stderr: string }) => error);
    expect(again).toMatchObject({ stderr: expect.stringContaining('already holds a database') });
  });

  it('embedded: db:backup refuses while a server holds the DATA_DIR, naming it', async () => {
    const dataDir = join(dir, 'busy');
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      const refused = await npmRun('db:backup', [join(dir, 'busy.tar.gz')], { DATA_DIR: dataDir }).catch(
        (error: { stderr: string }) => error,
      );
      expect(refused).toMatchObject({ stderr: expect.stringContaining(`DATA_DIR ${dataDir} is in use`) });
    } finally {
      await server.stop();
    }
  });
});
