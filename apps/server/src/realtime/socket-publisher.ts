import { type RealtimeEventName, type RealtimePayload, RealtimeSchemas } from '@turnout/contracts';
import type { FastifyBaseLogger } from 'fastify';
import type { Publisher, RealtimeMessage } from './publisher';
import { ROOM_ALL, sessionRoom, userRoom } from './rooms';
import type { TurnoutServer } from './socket-server';

/** The same `emit`, typed per event: Socket.IO cannot relate a generic event name to its payload. */
type TypedEmit = <E extends RealtimeEventName>(event: E, payload: RealtimePayload<E>) => boolean;

export class InvalidRealtimePayloadError extends Error {
  constructor(event: string, issues: string) {
    super(`Refusing to emit "${event}": the payload does not match its contract schema: ${issues}`);
    this.name = 'InvalidRealtimePayloadError';
  }
}

export interface SocketPublisherOptions {
  /** Throw on a payload that breaks its schema (development, tests); otherwise log it and drop it. */
  strict: boolean;
  log: FastifyBaseLogger;
}

/**
 * The Publisher behind `runInTransaction`: committed messages go to room `all` or to one user's
 * room, on every process (the adapter relays them). Each payload is parsed with its contract
 * schema first, in every environment: parsing once per write is cheap next to the transaction,
 * and the parsed value keeps only the contract's fields, so nothing a service added by mistake
 * (a viewer's own state, an internal column) reaches thousands of screens.
 */
export function createSocketPublisher(io: TurnoutServer, { strict, log }: SocketPublisherOptions): Publisher {
  function emit<E extends RealtimeEventName>(room: string, event: E, payload: RealtimePayload<E>) {
    const parsed = RealtimeSchemas[event].safeParse(payload);
    if (!parsed.success) {
      const error = new InvalidRealtimePayloadError(event, parsed.error.message);
      if (strict) throw error;
      log.error({ err: error, event }, 'realtime message dropped');
      return;
    }
    const target = io.to(room);
    (target.emit as TypedEmit).call(target, event, parsed.data as RealtimePayload<E>);
  }

  return {
    publish(messages: readonly RealtimeMessage[]) {
      for (const message of messages) {
        const room = message.audience.kind === 'everyone' ? ROOM_ALL : userRoom(message.audience.userId);
        emit(room, message.event, message.payload);
      }
    },
    endSession(sessionId: string) {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
  };
}
