import type { SinkMessage, SmtpSink } from './smtp-sink';

/** The token of a link to `path` (`/verify-email`, `/reset-password`) in a mail's text part. */
export function tokenIn(message: SinkMessage, path: string): string {
  const match = new RegExp(`${path}#token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match?.[1]) throw new Error(`no ${path} link in the mail "${message.subject}": ${message.text}`);
  return match[1];
}

/** The next mail to `to` that is not among `seen` (the ones already read), once it arrived. */
export async function nextMailTo(sink: SmtpSink, to: string, seen = 0, timeoutMs = 15_000): Promise<SinkMessage> {
  const address = to.toLowerCase();
  const mine = (messages: SinkMessage[]) => messages.filter((m) => m.to.includes(address));
  const messages = await sink.waitFor((all) => mine(all).length > seen, timeoutMs);
  const next = mine(messages)[seen];
  if (!next) throw new Error(`no mail to ${to}`);
  return next;
}

/** The mails `to` has received so far. */
export const mailsTo = (sink: SmtpSink, to: string): SinkMessage[] => sink.messages.filter((m) => m.to.includes(to.toLowerCase()));
