/**
 * Socket.IO room names. Every socket is in `all` and in its user's and session's rooms; a socket
 * showing an event page is also in that event's room (presence).
 */
export const ROOM_ALL = 'all';
export const userRoom = (userId: string) => `user:${userId}`;
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
export const eventRoom = (eventId: string) => `event:${eventId}`;

/** The event id of an `event:<id>` room, or null for any other room. */
export const eventIdOfRoom = (room: string): string | null => (room.startsWith('event:') ? room.slice('event:'.length) : null);

/** Rooms that tie a socket to an identity: a recovered socket keeps only its current ones. */
export const isIdentityRoom = (room: string) => room.startsWith('user:') || room.startsWith('session:');
