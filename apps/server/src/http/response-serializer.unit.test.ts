import { EventListResponseSchema } from '@turnout/contracts';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createResponseSerializerCompiler } from './response-serializer';

const UserSchema = z.object({ id: z.string().uuid(), name: z.string(), capacity: z.number().int().nullable() });
const serializerFor = (schema: z.ZodType, verify: boolean) =>
  createResponseSerializerCompiler({ verify })({ schema, method: 'GET', url: '/test', httpStatus: '200' });

describe.each([false, true])('response serializer (verify: %s)', (verify) => {
  const write = serializerFor(UserSchema, verify);
  const user = { id: '0b6f3c1d-8e2a-4f5b-9c7d-1a2b3c4d5e6f', name: 'Ada', capacity: null };

  it('writes the same JSON as JSON.stringify for a valid response', () => {
    expect(write(user)).toBe(JSON.stringify(user));
  });

  it('never writes fields outside the contract', () => {
    const written = JSON.parse(write({ ...user, passwordHash: 'secret' }));
    expect(written).toEqual(user);
  });

  it('refuses a response missing a required field', () => {
    expect(() => write({ id: user.id, capacity: 3 })).toThrow();
  });
});

describe('verification in development and tests', () => {
  it('refuses a response that breaks its schema, naming the route', () => {
    const write = serializerFor(UserSchema, true);
    let error: unknown;
    try {
      write({ id: 'not-a-uuid', name: 'Ada', capacity: 1 });
    } catch (caught) {
      error = caught;
    }
    expect(isResponseSerializationError(error)).toBe(true);
  });

  it('writes an event list page exactly as zod would', () => {
    const page = {
      items: [
        {
          id: '6f1c8a2e-4b1d-4c3e-9a7b-2d5e8f0a1b3c',
          organizerId: '0b6f3c1d-8e2a-4f5b-9c7d-1a2b3c4d5e6f',
          organizerName: 'Olivia',
          title: 'Quiz "night" \u2028 ünïcode',
          description: '',
          locationType: 'venue',
          location: 'Hall 1',
          hasOnlineUrl: false,
          cover: { url: '/api/images/9d2b6a1e-1c3f-4e5a-8b7c-6d5e4f3a2b1c', width: 1600, height: 800, color: '#3a5f8c' },
          attendeesVisible: true,
          startsAt: '2026-12-01T18:00:00.000Z',
          endsAt: '2026-12-01T19:00:00.000Z',
          timezone: 'Europe/Berlin',
          durationMinutes: 60,
          capacity: null,
          reminders: [1440, 60],
          joinedCount: 3,
          waitlistCount: 0,
          version: 4,
          createdAt: '2026-11-01T10:00:00.000Z',
          updatedAt: '2026-11-01T10:00:00.000Z',
          myParticipation: { status: 'waitlisted', position: 2 },
          onlineUrl: null,
        },
      ],
      nextCursor: null,
    };
    const write = serializerFor(EventListResponseSchema, false);
    expect(write(page)).toBe(JSON.stringify(z.encode(EventListResponseSchema, page as never)));
  });
});
