import { Secret, TOTP } from 'otpauth';

const PERIOD_MS = 30_000;

/**
 * What an authenticator app shows for `secret` (RFC 6238: SHA-1, 6 digits, 30 s), for the current
 * step or `notBeforeStep` when that is later. The server takes each step once and accepts the next
 * step too (clock drift), so a second code in the same 30 s asks for the step after the first.
 */
export function totpCode(secret: string, notBeforeStep = 0): { code: string; step: number } {
  const step = Math.max(Math.floor(Date.now() / PERIOD_MS), notBeforeStep);
  const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({
    timestamp: step * PERIOD_MS,
  });
  return { code, step };
}
