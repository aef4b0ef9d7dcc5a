import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/database';
import { installJobsSchema } from '../../jobs/pg-boss-queue';

/** Admin connection used to create and drop the per-run databases; never a shared application database. */
export const postgresAdminUrl = () => process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const databaseUrl = (name: string) => {
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * Global setup of the PostgreSQL project: one migrated template database per run, cloned by each
 * test file (CREATE DATABASE … TEMPLATE is much faster than migrating), dropped at the end.
 */
export default async function setup(project: TestProject) {
  const template = `turnout_tpl_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl(), connectionTimeoutMillis: 3_000 });
  await admin.connect();
  await admin.query(`create database ${template}`);
  const database = await openDatabase({ kind: 'postgres', url: databaseUrl(template), poolMax: 2 });
  await database.migrate();
  // The job queue's tables too, as a first start installs them: every app a test builds starts on them.
  await installJobsSchema(database);
  await database.close();
  project.provide('postgresTemplate', template);
  return async () => {
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}
