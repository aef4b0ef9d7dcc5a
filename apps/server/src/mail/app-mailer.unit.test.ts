import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import type { Db } from '../db/database';
import { createAppMailer, mailReachesLogOnly } from './app-mailer';

const onPostgres = parseConfig({ DATABASE_URL: 'postgres://app@db:5432/turnout' });
const warnings = (config: typeof onPostgres) => {
  const lines: string[] = [];
  const log = { warn: (msg: string) => lines.push(msg), info: () => {}, debug: () => {} } as unknown as FastifyBaseLogger;
  createAppMailer({ config, db: {} as Db, log });
  return lines;
};

describe('the app mailer', () => {
  it('warns at start in production on PostgreSQL without SMTP_URL: mail would reach the log only', () => {
    const production = { ...onPostgres, env: 'production' as const };
    expect(mailReachesLogOnly(production)).toBe(true);
    expect(warnings(production)).toEqual([
      'SMTP_URL is not set: mail (password resets, address verification) is written to the log only, not sent',
    ]);
  });

  it('stays quiet with SMTP_URL, outside production, or on the embedded database', () => {
    const production = { ...onPostgres, env: 'production' as const };
    expect(warnings({ ...production, mail: { ...production.mail, smtpUrl: 'smtp://mail.example.com' } })).toEqual([]);
    expect(warnings(onPostgres)).toEqual([]);
    expect(warnings({ ...parseConfig({}), env: 'production' })).toEqual([]);
  });
});
