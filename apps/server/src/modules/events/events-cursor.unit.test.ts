import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/errors';
import { decodeCursor, encodeCursor } from './events.cursor';

describe('event list cursor', () => {
  it('round-trips the start and id it was made from', () => {
    const cursor = { startsAt: '2030-05-01T18:30:00.123Z', id: '6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a' };
    const text = encodeCursor(cursor);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text)).toEqual(cursor);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['no separator', Buffer.from('2030-05-01T18:30:00.000Z').toString('base64url')],
    ['a bad date', Buffer.from('someday|6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a').toString('base64url')],
    ['a bad id', Buffer.from('2030-05-01T18:30:00.000Z|42').toString('base64url')],
    ['extra parts', Buffer.from('2030-05-01T18:30:00.000Z|6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a|x').toString('base64url')],
    [
      'year 0, which the database cannot hold',
      Buffer.from('0000-01-01T00:00:00.000Z|6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a').toString('base64url'),
    ],
    ['a year past 9999', Buffer.from('+010000-01-01T00:00:00.000Z|6f1c2a4e-9b1d-4c55-8a77-3f1e2d3c4b5a').toString('base64url')],
  ])('refuses %s with a 400 on the cursor field', (_what, text) => {
    try {
      decodeCursor(text);
      expect.unreachable('decodeCursor accepted it');
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(400);
      expect((error as AppError).details).toEqual({ fields: { cursor: [expect.any(String)] } });
    }
  });
});
