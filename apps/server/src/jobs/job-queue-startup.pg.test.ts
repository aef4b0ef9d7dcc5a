import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/database';
import { databaseUrl, postgresAdminUrl } from '../test/harness/postgres-template';
import { createJobQueue, JOBS_SCHEMA, type PgBossJobQueue } from './pg-boss-queue';

// Replicas of a new release start together on a database the queue has never seen.
const name = `turnout_jobs_${randomBytes(4).toString('hex')}`;
let admin: pg.Client;
const databases: Database[] = [];
const queues: PgBossJobQueue[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
});
afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  await Promise.all(databases.map((database) => database.close()));
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('starting many queues at once', () => {
  it('installs the schema once and creates every kind, though all start together', async () => {
    for (let i = 0; i < 4; i++) {
      const database = await openDatabase({ kind: 'postgres', url: databaseUrl(name), poolMax: 4 });
      databases.push(database);
      // Not working, so the start-up runs of the periodic kind stay waiting to be counted.
      const queue = createJobQueue({ database, log: { warn: () => {} }, work: false });
      for (const kind of ['test.one', 'test.two', 'test.three']) queue.define(kind, async () => {});
      queue.definePeriodic('test.periodic', { cron: '0 3 * * *' }, async () => {});
      queues.push(queue);
    }
    // Unserialised, pg-boss's queue creation (a partition attached per kind) deadlocks here most times.
    await Promise.all(queues.map((queue) => queue.start()));

    const [database] = databases as [Database];
    const { rows } = await database.executeSql(`select name from ${JOBS_SCHEMA}.queue where name like 'test.%' order by name`);
    expect(rows.map((row) => row.name)).toEqual(['test.one', 'test.periodic', 'test.three', 'test.two']);
    // Each start asked for a run of the periodic kind; one waits.
    const periodic = await database.executeSql(`select state::text as state from ${JOBS_SCHEMA}.job where name = 'test.periodic'`);
    expect(periodic.rows).toEqual([{ state: 'created' }]);
    // And its cron, kept by pg-boss for whichever process works jobs to fire.
    const schedules = await database.executeSql(`select name, cron, timezone from ${JOBS_SCHEMA}.schedule`);
    expect(schedules.rows).toEqual([{ name: 'test.periodic', cron: '0 3 * * *', timezone: 'UTC' }]);
  });
});
