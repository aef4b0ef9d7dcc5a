import { eq, inArray } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/database';
import { mails } from '../db/schema';
import type { Mailer, MailTemplate, OneMail } from './mail-message';
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
  /** Renders and sends one mail, then records it under its key (a retry finds the row). */
  async function deliver({ key, to, template }: OneMail): Promise<void> {
    const rendered = (await loadMailTemplates()).renderMail(template);
    const { messageId } = await transport.send({ from, to, ...rendered });
    await db
      .insert(mails)
      .values({
        jobId: key,
        kind: template.kind,
        recipient: to,
        subject: rendered.subject,
        text: keepBodies ? rendered.text : null,
        html: keepBodies ? rendered.html : null,
        messageId: messageId ?? null,
      })
      .onConflictDoNothing({ target: mails.jobId });
  }

  return {
    alreadySent,
    async send(jobId: string, to: string, template: MailTemplate) {
      if (await alreadySent(jobId)) {
        log.debug({ jobId, kind: template.kind }, 'mail already sent by an earlier attempt');
        return;
      }
      await deliver({ key: jobId, to, template });
    },
    async sendEach(batch: readonly OneMail[]) {
      if (batch.length === 0) return;
      // One look-up for the whole batch of what an earlier attempt already sent.
      const sent = new Set(
        (
          await db
            .select({ key: mails.jobId })
            .from(mails)
            .where(
              inArray(
                mails.jobId,
                batch.map((mail) => mail.key),
              ),
            )
        ).map((row) => row.key),
      );
      const outcomes = await Promise.allSettled(batch.filter((mail) => !sent.has(mail.key)).map(deliver));
      // Every mail is tried; one that failed fails the batch, whose retry sends only what did not leave.
      const failed = outcomes.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
    },
    close: () => transport.close(),
  };
}
