import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { type MailTopic, MailTopicSchema } from '@turnout/contracts';

export interface UnsubscribeTokens {
  /** A token that turns off `topic` for `userId`, and nothing else. */
  issue(userId: string, topic: MailTopic): string;
  /** What a token turns off, or null when it was not made here (or was altered). */
  read(token: string): { userId: string; topic: MailTopic } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * One-click unsubscribe tokens (RFC 8058): `<user id>.<topic>.<HMAC-SHA-256 of both>`, base64url.
 * Stateless, so a mail's link works for as long as the account exists, and scoped: a token names
 * one user and one kind of mail, and its MAC covers both. The key is derived (HKDF) from the
 * server's sealing key, so it needs no setting of its own and differs from it.
 */
export function createUnsubscribeTokens(serverKey: Buffer): UnsubscribeTokens {
  const key = Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), 'turnout unsubscribe tokens', 32));
  const mac = (userId: string, topic: MailTopic) => createHmac('sha256', key).update(`${userId}.${topic}`).digest();
  return {
    issue: (userId, topic) => `${userId}.${topic}.${mac(userId, topic).toString('base64url')}`,
    read(token) {
      const [userId, topicText, signature, ...rest] = token.split('.');
      if (rest.length > 0 || !userId || !topicText || !signature || !UUID.test(userId)) return null;
      const topic = MailTopicSchema.safeParse(topicText);
      if (!topic.success) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(userId, topic.data);
      return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, topic: topic.data } : null;
    },
  };
}
