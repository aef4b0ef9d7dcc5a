import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Config, parseEncryptionKey } from '../../config';

/** Encrypts two-factor secrets at rest; bound to their user, so a ciphertext moved to another row does not open. */
export interface SecretBox {
  seal(plain: string, userId: string): string;
  open(sealed: string, userId: string): string;
}

const VERSION = 'v1';

/** AES-256-GCM, a fresh 96-bit nonce per secret, the user id as additional data: `v1.<nonce>.<tag>.<ciphertext>`. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The two-factor encryption key must be 32 bytes');
  return {
    seal(plain, userId) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(userId));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, userId) {
      const [version, nonce, tag, body] = sealed.split('.');
      if (version !== VERSION || !nonce || !tag || body === undefined) throw new Error('Not a sealed two-factor secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
      decipher.setAAD(Buffer.from(userId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/**
 * The configured key, or the one kept in DATA_DIR: made on the first start (mode 0600, never
 * overwritten: `wx` makes a racing second start read the first one's key instead).
 */
export async function loadTotpKey(source: Config['totpKey']): Promise<Buffer> {
  if (source.kind === 'given') return source.key;
  try {
    return keyFrom(await readFile(source.path, 'utf8'), source.path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  await mkdir(dirname(source.path), { recursive: true });
  try {
    await writeFile(source.path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return keyFrom(await readFile(source.path, 'utf8'), source.path);
  }
}

function keyFrom(text: string, path: string): Buffer {
  const key = parseEncryptionKey(text);
  if (!key) throw new Error(`${path} does not hold a 32-byte key (hex or base64)`);
  return key;
}
