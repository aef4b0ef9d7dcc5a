// The benchmark's own databases: created and dropped through the admin connection, never a shared one.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const created = new Set();

/** Creates an empty database named `turnout_bench_<label>_<random>` and returns its URL. */
export async function createDatabase(label) {
  const name = `turnout_bench_${label}_${randomBytes(3).toString('hex')}`;
  await admin(async (client) => client.query(`create database ${name}`));
  created.add(name);
  return { name, url: databaseUrl(name) };
}

export async function dropDatabase(name) {
  await admin(async (client) => client.query(`drop database if exists ${name} with (force)`));
  created.delete(name);
}

/** Drops every database this process created (also on the way out after an error). */
export async function dropAllDatabases() {
  for (const name of [...created]) await dropDatabase(name).catch(() => {});
}

async function admin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A pg client on `url`, closed after `work`. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function postgresVersion() {
  return admin(async (client) => (await client.query('show server_version')).rows[0].server_version);
}
