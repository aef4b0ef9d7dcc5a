import type { RealtimeEventName, RealtimePayload } from '@turnout/contracts';

/** Who a message is for: every logged-in socket, or one user's sockets. */
export type Audience = { kind: 'everyone' } | { kind: 'user'; userId: string };

export type RealtimeMessage = {
  [E in RealtimeEventName]: { audience: Audience; event: E; payload: RealtimePayload<E> };
}[RealtimeEventName];

/**
 * Where committed changes leave the server for open screens. Services never emit: they add
 * messages to the transaction's outbox, and `runInTransaction` hands them here after COMMIT.
 */
export interface Publisher {
  publish(messages: readonly RealtimeMessage[]): void;
  /** Disconnects every socket opened with the given session (logout, expiry). */
  endSession(sessionId: string): void;
}

/** Used until a socket server is attached, and by tests that do not look at sockets. */
export const silentPublisher: Publisher = {
  publish() {},
  endSession() {},
};

export const toEveryone = <E extends RealtimeEventName>(event: E, payload: RealtimePayload<E>) =>
  ({ audience: { kind: 'everyone' }, event, payload }) as RealtimeMessage;

export const toUser = <E extends RealtimeEventName>(userId: string, event: E, payload: RealtimePayload<E>) =>
  ({ audience: { kind: 'user', userId }, event, payload }) as RealtimeMessage;
