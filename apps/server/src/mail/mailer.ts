import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { mails } from '../db/schema';
import type { Mailer, MailTemplate } from './mail-message';
import { loadMailTemplates } from './templates';
import type { MailTransport } from './transport';

export interface MailerDeps {
  db: Db;
  transport: MailTransport;
  /** The From header (MAIL_FROM). */
  from: string;
  log: Pick<FastifyBaseLogger, 'info' | 'debug'>;
  /** Keep each mail's text and HTML in `mails` (no SMTP server: the database is its only copy). */
  keepBodies: boolean;
}

/**
 * The Mailer jobs send through. A mail is recorded in `mails` under its job's id once the
 * transport took it; a retry of that job finds the row and sends nothing. A failure to send
 * throws, so the job is retried, and records nothing.
 */
export function createMailer({ db, transport, from, log, keepBodies }: MailerDeps): Mailer & { close(): Promise<void> } {
  const alreadySent = async (jobId: string) => {
    const [row] = await db.select({ id: mails.id }).from(mails).where(eq(mails.jobId, jobId)).limit(1);
    return row !== undefined;
  };
  return {
    alreadySent,
    async send(jobId: string, to: string, template: MailTemplate) {
      if (await alreadySent(jobId)) {
        log.debug({ jobId, kind: template.kind }, 'mail already sent by an earlier attempt');
        return;
      }
      const rendered = (await loadMailTemplates()).renderMail(template);
      const { messageId } = await transport.send({ from, to, ...rendered });
      await db
        .insert(mails)
        .values({
          jobId,
          kind: template.kind,
          recipient: to,
          subject: rendered.subject,
          text: keepBodies ? rendered.text : null,
          html: keepBodies ? rendered.html : null,
          messageId: messageId ?? null,
        })
        .onConflictDoNothing({ target: mails.jobId });
    },
    close: () => transport.close(),
  };
}
