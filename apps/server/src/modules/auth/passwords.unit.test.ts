import { describe, expect, it } from 'vitest';
import { concurrencyLimit, createPasswordHasher, hashParameters } from './passwords';

describe('concurrencyLimit', () => {
  it('never runs more than the limit at once, and runs everything in arrival order', async () => {
    const inTurn = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (i: number) =>
      inTurn(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return i;
      });
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => task(i)))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('frees the place of a task that failed', async () => {
    const inTurn = concurrencyLimit(1);
    await expect(inTurn(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await inTurn(async () => 'next')).toBe('next');
  });
});

describe('createPasswordHasher', () => {
  it('verifies what it hashed, under its concurrency cap', async () => {
    const hasher = createPasswordHasher({ memoryCost: 64, timeCost: 1, parallelism: 1, maxConcurrent: 1 });
    const hashes = await Promise.all(['one', 'two', 'three'].map((p) => hasher.hash(p)));
    expect(await Promise.all(hashes.map((h, i) => hasher.verify(h, ['one', 'two', 'three'][i] as string)))).toEqual([true, true, true]);
    expect(await hasher.verify(hashes[0] as string, 'two')).toBe(false);
    expect(await hasher.verify(null, 'one')).toBe(false);
  });
});

describe('the cost parameters of a stored hash', () => {
  const params = { memoryCost: 64, timeCost: 1, parallelism: 1, maxConcurrent: 2 };

  it('are read from the PHC string argon2 writes', async () => {
    const stored = await createPasswordHasher(params).hash('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(hashParameters(stored)).toEqual({ algorithm: 'argon2id', memoryCost: 64, timeCost: 1, parallelism: 1 });
    expect(hashParameters('$2b$10$abcdefghijklmnopqrstuv')).toBeNull();
  });

  it('call for a new hash when any of them differs from the configured ones, or the string is not argon2id', async () => {
    const hasher = createPasswordHasher(params);
    const stored = await hasher.hash('correct horse battery');
    expect(hasher.needsRehash(stored)).toBe(false);
    expect(createPasswordHasher({ ...params, memoryCost: 128 }).needsRehash(stored)).toBe(true);
    expect(createPasswordHasher({ ...params, timeCost: 2 }).needsRehash(stored)).toBe(true);
    expect(createPasswordHasher({ ...params, parallelism: 2 }).needsRehash(stored)).toBe(true);
    expect(hasher.needsRehash(stored.replace('$argon2id$', '$argon2i$'))).toBe(true);
    expect(hasher.needsRehash('not a hash')).toBe(true);
  });
});
