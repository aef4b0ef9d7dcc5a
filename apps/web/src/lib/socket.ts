import type { ClientToServerEvents, ServerToClientEvents } from '@turnout/contracts';
import { io, type Socket } from 'socket.io-client';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type SocketStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

let socket: AppSocket | null = null;
/** Event pages open in this tab, by how many components watch each (presence counts). */
const watched = new Map<string, number>();
let status: SocketStatus = 'idle';
const listeners = new Set<() => void>();

function setStatus(next: SocketStatus) {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

/**
 * The tab's one socket (same origin, path /socket.io, the session cookie authenticates it).
 * Created on first use after login; `disconnectSocket` at logout.
 */
export function getSocket(): AppSocket {
  if (!socket) {
    // WebSocket first (no sticky sessions needed behind a load balancer), long-polling if it fails.
    // An attempt that hangs (a network coming back mid-handshake) is abandoned after 10 s, not 20.
    socket = io({ autoConnect: false, forceNew: true, transports: ['websocket', 'polling'], tryAllTransports: true, timeout: 10_000 });
    socket.on('connect', () => {
      setStatus('connected');
      // Rooms do not survive a connection that was not recovered: watch again.
      for (const eventId of watched.keys()) socket?.emit('presence:watch', { eventId });
    });
    socket.on('disconnect', () => setStatus('reconnecting'));
    socket.on('connect_error', () => setStatus('reconnecting'));
    window.addEventListener('online', reconnectNow);
  }
  return socket;
}

/**
 * The device is back online: try now rather than after the backoff (up to 5 s), and drop an
 * attempt that started while offline. Disconnecting keeps the session id, so recovery still works.
 */
function reconnectNow() {
  if (!socket || socket.connected || !socket.active) return;
  socket.disconnect().connect();
}

export function connectSocket(): AppSocket {
  const s = getSocket();
  if (!s.connected && !s.active) {
    setStatus('connecting');
    s.connect();
  }
  return s;
}

export function disconnectSocket(): void {
  if (!socket) return;
  window.removeEventListener('online', reconnectNow);
  socket.disconnect();
  socket.removeAllListeners();
  socket = null;
  setStatus('idle');
}

export const socketStatus = {
  get: (): SocketStatus => status,
  subscribe: (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** Tells the server this tab shows the event's page, until the returned function is called. */
export function watchPresence(eventId: string): () => void {
  const count = watched.get(eventId) ?? 0;
  watched.set(eventId, count + 1);
  if (count === 0 && socket?.connected) socket.emit('presence:watch', { eventId });
  return () => {
    const left = (watched.get(eventId) ?? 1) - 1;
    if (left > 0) return void watched.set(eventId, left);
    watched.delete(eventId);
    if (socket?.connected) socket.emit('presence:unwatch', { eventId });
  };
}
