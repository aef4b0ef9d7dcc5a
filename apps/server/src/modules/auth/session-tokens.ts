import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: the cookie's value. Only its hash is stored. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

export const hashSessionToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const SESSION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
