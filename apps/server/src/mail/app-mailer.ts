import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { createMailer } from './mailer';
import { createMailTransport } from './transport';

/** A production deployment on PostgreSQL without SMTP_URL: every mail would end in the log only. */
export const mailReachesLogOnly = (config: Pick<Config, 'env' | 'database' | 'mail'>) =>
  config.env === 'production' && config.database.kind === 'postgres' && config.mail.smtpUrl === undefined;

/** The process's mailer, as the configuration says: SMTP_URL's server, or the log and the database. */
export function createAppMailer({ config, db, log }: { config: Config; db: Db; log: FastifyBaseLogger }) {
  if (mailReachesLogOnly(config)) {
    log.warn('SMTP_URL is not set: mail (password resets, address verification) is written to the log only, not sent');
  }
  const transport = createMailTransport(config.mail.smtpUrl, log);
  return createMailer({ db, transport, from: config.mail.from, log, keepBodies: transport.kind === 'log' });
}
