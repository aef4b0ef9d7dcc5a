import type { Db } from '../../db/database';
import { notFound } from '../../http/errors';
import { type EventRecord, eventsRepository } from '../events';

/** Reads for pages anyone may open without logging in. */
export function createPublicService(deps: { db: Db }) {
  return {
    async event(id: string): Promise<EventRecord> {
      const event = await eventsRepository.findById(deps.db, id);
      if (!event) throw notFound('Event');
      return event;
    },
  };
}

export type PublicService = ReturnType<typeof createPublicService>;
