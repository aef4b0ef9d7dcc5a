import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { emailFor, uniqueName } from '../builders/users';
import { repoPath } from './deploy-files';
import { fetchFrom, startServer } from './server-process';

const run = promisify(execFile);

/** `npm run db:backup` / `db:restore` as a user types them, from the repository root. */
export const npmRun = (script: 'db:backup' | 'db:restore', args: string[], env: Record<string, string>) =>
  run('npm', ['run', '--silent', script, '--', ...args], {
    cwd: repoPath(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'silent', ...env },
  });

/** Starts the server on `env`'s database, registers a user through the API, stops it. */
export async function registerOn(env: Record<string, string>) {
  const server = await startServer(env);
  try {
    const name = uniqueName('backup');
    const user = { name, email: emailFor(name), password: 'correct horse battery', role: 'joiner' as const };
    expect((await fetchFrom(server.url, '/api/auth/register', { method: 'POST', json: user })).status).toBe(201);
    return user;
  } finally {
    await server.stop();
  }
}

/** The status of a login on a server started on `env`'s database. */
export async function loginStatus(env: Record<string, string>, user: { name: string; password: string }) {
  const server = await startServer(env);
  try {
    return (await fetchFrom(server.url, '/api/auth/login', { method: 'POST', json: { name: user.name, password: user.password } })).status;
  } finally {
    await server.stop();
  }
}
