import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config';
import { classifyCode, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpCodeAt, totpStep } from './totp-codes';
import { createSecretBox, loadTotpKey } from './totp-secrets';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('the secret box', () => {
  const box = createSecretBox(randomBytes(32));

  it('opens what it sealed, for the same user only, and a new nonce each time', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'user-1')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('JBSWY3DPEHPK3PXP', 'user-1')).not.toBe(sealed);
    expect(() => box.open(sealed, 'user-2')).toThrow();
  });

  it('refuses a tampered ciphertext and one sealed under another key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'user-1');
    const [v, nonce, tag, body = ''] = sealed.split('.');
    const flipped = `${body.slice(0, -2)}${body.endsWith('A') ? 'B' : 'A'}${body.slice(-1)}`;
    expect(() => box.open([v, nonce, tag, flipped].join('.'), 'user-1')).toThrow();
    expect(() => createSecretBox(randomBytes(32)).open(sealed, 'user-1')).toThrow();
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe('the encryption key', () => {
  it('is made once into DATA_DIR with mode 0600 and read back on the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'turnout-key-'));
    dirs.push(dir);
    const config = parseConfig({ DATA_DIR: dir });
    expect(config.totpKey).toEqual({ kind: 'file', path: join(dir, 'totp-encryption.key') });
    const [first, racing] = await Promise.all([loadTotpKey(config.totpKey), loadTotpKey(config.totpKey)]);
    expect(first).toHaveLength(32);
    expect(racing.equals(first)).toBe(true);
    expect((await stat(join(dir, 'totp-encryption.key'))).mode & 0o777).toBe(0o600);
    expect((await loadTotpKey(config.totpKey)).equals(first)).toBe(true);
    expect((await readFile(join(dir, 'totp-encryption.key'), 'utf8')).trim()).toBe(first.toString('base64'));
  });

  it('is taken from TOTP_ENCRYPTION_KEY as hex or base64; a bad one is refused without being echoed', async () => {
    const key = randomBytes(32);
    expect(parseConfig({ TOTP_ENCRYPTION_KEY: key.toString('hex') }).totpKey).toEqual({ kind: 'given', key });
    expect(parseConfig({ TOTP_ENCRYPTION_KEY: key.toString('base64') }).totpKey).toEqual({ kind: 'given', key });
    expect(parseConfig({ TOTP_ENCRYPTION_KEY: key.toString('base64url') }).totpKey).toEqual({ kind: 'given', key });
    const short = randomBytes(16).toString('hex');
    expect(() => parseConfig({ TOTP_ENCRYPTION_KEY: short })).toThrow(/TOTP_ENCRYPTION_KEY: must be 32 bytes/);
    expect(() => parseConfig({ TOTP_ENCRYPTION_KEY: short })).not.toThrow(new RegExp(short));
  });

  it('is required in production on PostgreSQL, where several processes must share it', () => {
    const production = { NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://turnout.example.com', DATABASE_URL: 'postgres://app@db/turnout' };
    expect(() => parseConfig(production)).toThrow(/TOTP_ENCRYPTION_KEY: required in production/);
    expect(parseConfig({ ...production, TOTP_ENCRYPTION_KEY: randomBytes(32).toString('hex') }).totpKey.kind).toBe('given');
    expect(parseConfig({ NODE_ENV: 'production', PUBLIC_ORIGIN: 'https://turnout.example.com' }).totpKey.kind).toBe('file');
  });
});

describe('codes', () => {
  it('accept the current step and one either side, nothing further', () => {
    const { secret } = newTotpSecret('ada');
    const at = new Date('2026-01-01T12:00:15Z');
    const step = Math.floor(at.getTime() / 30_000);
    for (const delta of [-1, 0, 1])
      expect(totpStep(secret, totpCodeAt(secret, new Date(at.getTime() + delta * 30_000)), at)).toBe(step + delta);
    for (const delta of [-2, 2]) expect(totpStep(secret, totpCodeAt(secret, new Date(at.getTime() + delta * 30_000)), at)).toBeNull();
  });

  it('tell an authenticator code from a recovery code, ignoring spaces, dashes and case', () => {
    expect(classifyCode(' 123 456 ')).toEqual({ kind: 'totp', code: '123456' });
    expect(classifyCode('ABCDE-12345')).toEqual({ kind: 'recovery', code: 'abcde12345' });
    expect(hashRecoveryCode('ABCDE-12345')).toBe(hashRecoveryCode('abcde12345'));
    expect(hashRecoveryCode('abcde12345')).toMatch(/^[0-9a-f]{64}$/);
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
  });
});
