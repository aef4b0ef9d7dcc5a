import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type SinkMessage, startSmtpSink } from '../../apps/server/src/test/harness/smtp-sink';

/** What a spec reads of a mail the server sent. */
export type SentMail = Pick<SinkMessage, 'to' | 'from' | 'subject' | 'text' | 'html'>;

/**
 * The e2e run's mail server: a real SMTP server the app sends to (the server's own test sink),
 * and a loopback HTTP endpoint that lists what it took (`GET /messages`), because specs run in
 * other processes than the global setup that owns it.
 */
export async function startMailSink(): Promise<{ smtpUrl: string; mailUrl: string; close: () => Promise<void> }> {
  const sink = await startSmtpSink();
  const http = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/messages') {
      response.writeHead(404).end();
      return;
    }
    const mails: SentMail[] = sink.messages.map(({ to, from, subject, text, html }) => ({ to, from, subject, text, html }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(mails));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    smtpUrl: sink.url,
    mailUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await sink.close();
    },
  };
}
