import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the cookie's value. Only its hash is stored. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Longest User-Agent a session keeps. */
export const USER_AGENT_MAX = 512;

/** A User-Agent header as the session list shows it: control characters dropped, cut to USER_AGENT_MAX; null when empty. */
export function cleanUserAgent(header: string | undefined): string | null {
  const cleaned = (header ?? '')
    .replace(/[\p{Cc}\p{Cs}]/gu, '')
    .trim()
    .slice(0, USER_AGENT_MAX);
  return cleaned === '' ? null : cleaned;
}
