import { EventParamsSchema } from '@turnout/contracts';
import type { Db } from '../../db/database';
import { notFound } from '../../http/errors';
import { type EventRecord, eventsRepository } from '../events';
import { presentPageHead } from './public.page-head';
import { PREVIEW_DESIGN, renderPreviewPng } from './public.preview-image';
import { previewTextOf } from './public.preview-text';

export interface PublicServiceDeps {
  db: Db;
  /** The origin the app is reached at (PUBLIC_ORIGIN): previews name absolute URLs. */
  publicOrigin: string;
}

/** A generated preview picture: its ETag (the event's id and version) and, only if asked for, its bytes. */
export interface PreviewImage {
  etag: string;
  png(): Promise<Buffer>;
}

/** Pictures rendered lately, by ETag: a link shared in a busy channel is fetched by many clients at once. */
const RENDERED_MAX = 64;

/** Reads for pages anyone may open without logging in. */
export function createPublicService(deps: PublicServiceDeps) {
  const rendered = new Map<string, Promise<Buffer>>();

  const render = (etag: string, event: EventRecord): Promise<Buffer> => {
    let png = rendered.get(etag);
    if (!png) {
      png = renderPreviewPng(previewTextOf(event));
      // A failed render is not kept: the next request tries again.
      png.catch(() => rendered.delete(etag));
      rendered.set(etag, png);
      if (rendered.size > RENDERED_MAX) rendered.delete(rendered.keys().next().value as string);
    }
    return png;
  };

  return {
    async event(id: string): Promise<EventRecord> {
      const event = await eventsRepository.findById(deps.db, id);
      if (!event) throw notFound('Event');
      return event;
    },

    /** The link-preview tags of `/e/:id`; null when `id` names no event (malformed ids too): a 404 page. */
    async pageHead(id: string): Promise<string | null> {
      if (!EventParamsSchema.safeParse({ id }).success) return null;
      const event = await eventsRepository.findById(deps.db, id);
      return event ? presentPageHead(event, deps.publicOrigin) : null;
    },

    /** The generated picture of an event without a cover; it changes with every edit, as its ETag does. */
    async previewImage(id: string): Promise<PreviewImage> {
      const event = await eventsRepository.findById(deps.db, id);
      if (!event) throw notFound('Event');
      const etag = `"preview-${PREVIEW_DESIGN}-${event.id}-${event.version}"`;
      return { etag, png: () => render(etag, event) };
    },
  };
}

export type PublicService = ReturnType<typeof createPublicService>;
