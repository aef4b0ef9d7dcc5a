import { createHash, randomInt } from 'node:crypto';
import { RECOVERY_CODE_COUNT, TOTP_DIGITS } from '@turnout/contracts';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30-second steps. */
const PERIOD_SECONDS = 30;
/** Codes of the step before and after the current one are accepted too (clock drift). */
const WINDOW = 1;

const totpOf = (secret: string, label: string) =>
  new TOTP({ issuer: 'Turnout', label, algorithm: 'SHA1', digits: TOTP_DIGITS, period: PERIOD_SECONDS, secret: Secret.fromBase32(secret) });

/** A new 160-bit secret (RFC 4226's recommended length), base32, and the otpauth:// URL for its QR code. */
export function newTotpSecret(label: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUrl: totpOf(secret, label).toString() };
}

/** The time step `code` belongs to, within one step of `at`; null when it matches none. */
export function totpStep(secret: string, code: string, at: Date): number | null {
  const totp = totpOf(secret, 'check');
  const delta = totp.validate({ token: code, timestamp: at.getTime(), window: WINDOW });
  return delta === null ? null : totp.counter({ timestamp: at.getTime() }) + delta;
}

/** The code an authenticator shows at `at` (tests type it as a user would). */
export const totpCodeAt = (secret: string, at: Date): string => totpOf(secret, 'code').generate({ timestamp: at.getTime() });

const TOTP_CODE = new RegExp(`^\\d{${TOTP_DIGITS}}$`);
// Crockford's base32 without the letters that read alike (i, l, o, u).
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** What the user typed, spaces and dashes dropped, lower-cased: an authenticator code or a recovery code. */
export function classifyCode(input: string): { kind: 'totp'; code: string } | { kind: 'recovery'; code: string } {
  const code = input.replace(/[\s-]/g, '').toLowerCase();
  return TOTP_CODE.test(code) ? { kind: 'totp', code } : { kind: 'recovery', code };
}

/** RECOVERY_CODE_COUNT codes of 50 random bits each, as `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** How a recovery code is stored: the SHA-256 of its normalised form. */
export const hashRecoveryCode = (code: string): string => createHash('sha256').update(classifyCode(code).code).digest('hex');
