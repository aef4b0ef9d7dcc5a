import { DrizzleQueryError } from 'drizzle-orm/errors';
import { describe, expect, it } from 'vitest';
import { fromDatabaseError, loggableError } from './database-errors';

/** What node-postgres and PGlite throw: an Error carrying PostgreSQL's SQLSTATE. */
const driverError = (code: string, message: string) =>
  Object.assign(new Error(message), { code, detail: 'Key (token_hash)=(9f86d08) exists.' });

const failedQuery = (code: string) =>
  new DrizzleQueryError(
    'insert into "sessions" ("token_hash", "user_id") values ($1, $2)',
    ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'a secret value'],
    driverError(code, 'boom'),
  );

describe('fromDatabaseError', () => {
  it('answers a data exception (class 22) as a 400', () => {
    expect(fromDatabaseError(failedQuery('22021'))).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(fromDatabaseError(failedQuery('22008'))).toMatchObject({ status: 400 });
  });

  it('answers a unique or check constraint as a 409', () => {
    expect(fromDatabaseError(failedQuery('23505'))).toMatchObject({ status: 409, code: 'conflict' });
    expect(fromDatabaseError(failedQuery('23514'))).toMatchObject({ status: 409 });
  });

  it('leaves everything else to be a 500: outages, bugs, errors with no SQLSTATE', () => {
    expect(fromDatabaseError(failedQuery('08006'))).toBeUndefined();
    expect(fromDatabaseError(failedQuery('42P01'))).toBeUndefined();
    expect(fromDatabaseError(new Error('connection refused'))).toBeUndefined();
  });
});

describe('loggableError', () => {
  it('keeps the query, the code and the cause, and drops the bound parameters and the row details', () => {
    const logged = loggableError(failedQuery('23505'));
    const text = JSON.stringify(logged);
    expect(text).not.toContain('9f86d081884c7d659a2f');
    expect(text).not.toContain('a secret value');
    expect(text).not.toContain('9f86d08');
    expect(logged).toMatchObject({
      type: 'DrizzleQueryError',
      query: 'insert into "sessions" ("token_hash", "user_id") values ($1, $2)',
      cause: { code: '23505', message: 'boom' },
    });
    expect(logged.message).toBe('Failed query: insert into "sessions" ("token_hash", "user_id") values ($1, $2)');
    expect(logged.stack).toMatch(/^\w+: Failed query: insert into "sessions"[^\n]*\n\s+at /);
  });

  it('passes an error it already made loggable through unchanged', () => {
    const once = loggableError(failedQuery('22021'));
    expect(loggableError(once)).toBe(once);
  });
});
