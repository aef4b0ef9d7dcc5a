import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Verifies against `storedHash`; with null, spends the same time and answers false. */
  verify(storedHash: string | null, password: string): Promise<boolean>;
  /** Whether `storedHash` was made with other parameters than the configured ones (it is re-made at login). */
  needsRehash(storedHash: string): boolean;
}

/** The algorithm and cost of a PHC string such as `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`; null if it is not one. */
export function hashParameters(phc: string): { algorithm: string; memoryCost: number; timeCost: number; parallelism: number } | null {
  const match = /^\$(argon2(?:id|i|d))\$(?:v=\d+\$)?m=(\d+),t=(\d+),p=(\d+)\$/.exec(phc);
  if (!match) return null;
  const [, algorithm = '', m, t, p] = match;
  return { algorithm, memoryCost: Number(m), timeCost: Number(t), parallelism: Number(p) };
}

/** Runs at most `limit` tasks at once; the rest wait their turn in arrival order. */
export function concurrencyLimit(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((start) => waiting.push(start));
    else running += 1;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

/**
 * Argon2id; the defaults are OWASP's minimum (19 MiB, 2 iterations, 1 lane). At most
 * `maxConcurrent` hashes run at once in the process, each holding `memoryCost`: a flood of logins
 * queues for a turn instead of taking the machine's memory.
 */
export function createPasswordHasher({ maxConcurrent, ...params }: Config['argon2']): PasswordHasher {
  // 2 = Algorithm.Argon2id (a const enum, which isolated modules cannot read).
  const options = { algorithm: 2 as const, ...params };
  const inTurn = concurrencyLimit(maxConcurrent);
  // Hashed once so that a login for an unknown name costs what a wrong password costs.
  let dummy: Promise<string> | undefined;
  return {
    hash: (password) => inTurn(() => hash(password, options)),
    async verify(storedHash, password) {
      if (storedHash === null) {
        dummy ??= inTurn(() => hash('turnout-dummy-password', options));
        const stand = await dummy;
        await inTurn(() => verify(stand, password)).catch(() => false);
        return false;
      }
      return inTurn(() => verify(storedHash, password)).catch(() => false);
    },
    needsRehash(storedHash) {
      const stored = hashParameters(storedHash);
      return (
        stored === null ||
        stored.algorithm !== 'argon2id' ||
        stored.memoryCost !== params.memoryCost ||
        stored.timeCost !== params.timeCost ||
        stored.parallelism !== params.parallelism
      );
    },
  };
}
