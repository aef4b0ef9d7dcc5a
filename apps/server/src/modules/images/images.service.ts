import { ErrorCode } from '@turnout/contracts';
import { hasEnded } from '@turnout/domain';
import type { Db, Tx } from '../../db/database';
import type { Outbox, RunInTransaction } from '../../db/unit-of-work';
import { conflict, notFound, unauthenticated } from '../../http/errors';
import { toEveryone } from '../../realtime/publisher';
import type { AuthService, Viewer } from '../auth';
import { assertCanManage, type EventRecord, eventsRepository, presentEvent, recordFrom } from '../events';
import { AVATAR_TARGET, COVER_TARGET, processImage } from './images.processing';
import { type ImageFile, imagesRepository, type StoredImage } from './images.repository';
import type { ImageUpload } from './images.upload';

export interface ImagesServiceDeps {
  db: Db;
  runInTransaction: RunInTransaction;
  /** The auth module's session cache, which holds each session's account: a new avatar shows in /api/auth/me at once. */
  accounts: Pick<AuthService, 'accountChanged' | 'account'>;
  now?: () => Date;
}

/** The event's cover may change: it exists, the viewer organizes it, and it has not ended (as for edits). */
function assertMayChangeCover(viewer: Viewer, event: EventRecord | null, at: Date): asserts event is EventRecord {
  if (!event) throw notFound('Event');
  assertCanManage(viewer, event);
  if (hasEnded(event, at)) throw conflict(ErrorCode.eventEnded, 'This event has ended and can no longer be edited.');
}

export function createImagesService(deps: ImagesServiceDeps) {
  const now = deps.now ?? (() => new Date());

  /** The event, locked, with its new cover (or none): its version moves and every open screen is sent it. */
  async function coverChanged(tx: Tx, outbox: Outbox, event: EventRecord, cover: StoredImage | null, at: Date) {
    const row = await imagesRepository.touchEvent(tx, event.id, at);
    const updated: EventRecord = {
      ...recordFrom(row, event),
      coverId: cover?.id ?? null,
      coverWidth: cover?.width ?? null,
      coverHeight: cover?.height ?? null,
      coverColor: cover?.color ?? null,
    };
    outbox.add(toEveryone('event:updated', { event: presentEvent(updated) }));
    return updated;
  }

  /** Replaces or removes the viewer's avatar (`upload` null), their row locked so that two uploads take turns. */
  async function setAvatar(viewer: Viewer, upload: ImageUpload | null) {
    const image = upload && (await processImage(upload.bytes, AVATAR_TARGET, upload.crop));
    await deps.runInTransaction(async (tx) => {
      if (!(await imagesRepository.lockUser(tx, viewer.id))) throw unauthenticated();
      await imagesRepository.remove(tx, { userId: viewer.id });
      if (image) await imagesRepository.insert(tx, { userId: viewer.id }, image);
    });
    // Every session of theirs in this process reads the account again; other processes within SESSION_CACHE_TTL_MS.
    deps.accounts.accountChanged(viewer.id);
    return deps.accounts.account(viewer);
  }

  return {
    /** Refuses early (before an upload is read and decoded) whoever may not change the cover; the write checks again. */
    async assertMayChangeCover(viewer: Viewer, eventId: string): Promise<void> {
      assertMayChangeCover(viewer, await eventsRepository.findById(deps.db, eventId), now());
    },

    async replaceCover(viewer: Viewer, eventId: string, upload: ImageUpload): Promise<EventRecord> {
      // Decoded before the transaction: the event's row is not locked while the image is worked on.
      const image = await processImage(upload.bytes, COVER_TARGET, upload.crop);
      return deps.runInTransaction(async (tx, outbox) => {
        const event = await eventsRepository.lockById(tx, eventId);
        const at = now();
        assertMayChangeCover(viewer, event, at);
        await imagesRepository.remove(tx, { eventId });
        return coverChanged(tx, outbox, event, await imagesRepository.insert(tx, { eventId }, image), at);
      });
    },

    /** Idempotent: an event without a cover is answered as it is, unchanged. */
    async removeCover(viewer: Viewer, eventId: string): Promise<EventRecord> {
      return deps.runInTransaction(async (tx, outbox) => {
        const event = await eventsRepository.lockById(tx, eventId);
        const at = now();
        assertMayChangeCover(viewer, event, at);
        if (!(await imagesRepository.remove(tx, { eventId }))) return event;
        return coverChanged(tx, outbox, event, null, at);
      });
    },

    replaceAvatar: (viewer: Viewer, upload: ImageUpload) => setAvatar(viewer, upload),
    removeAvatar: (viewer: Viewer) => setAvatar(viewer, null),

    /** One stored rendition, for anyone: covers are on public pages, avatars beside names. */
    async file(id: string): Promise<ImageFile> {
      const found = await imagesRepository.findFile(deps.db, id);
      if (!found) throw notFound('Image');
      return found;
    },
  };
}

export type ImagesService = ReturnType<typeof createImagesService>;
