import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Verifies against `storedHash`; with null, spends the same time and answers false. */
  verify(storedHash: string | null, password: string): Promise<boolean>;
}

/** Argon2id; the defaults are OWASP's minimum (19 MiB, 2 iterations, 1 lane). */
export function createPasswordHasher(params: Config['argon2']): PasswordHasher {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  const options = { algorithm: 2 as const, ...params };
  // Hashed once so that a login for an unknown name costs what a wrong password costs.
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    async verify(storedHash, password) {
      if (storedHash === null) {
        dummy ??= hash('turnout-dummy-password', options);
        await verify(await dummy, password).catch(() => false);
        return false;
      }
      return verify(storedHash, password).catch(() => false);
    },
  };
}
