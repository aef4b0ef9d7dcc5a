// Logged-in Socket.IO clients as the load side opens them (websocket transport, one per session
// cookie, no reconnection), shared by the fan-out and notification clients.
import { io } from 'socket.io-client';

export const CONNECT_BATCH = 100;

/** One client of `origin` with `cookie`; `attach(socket)` adds its listeners before it connects. */
export function connectSocket(origin, cookie, attach) {
  return new Promise((resolve, reject) => {
    const socket = io(origin, {
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
      extraHeaders: { cookie, origin },
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`socket to ${origin} refused: ${error.message}`)));
    attach?.(socket);
  });
}

/**
 * One client per cookie, `CONNECT_BATCH` handshakes at a time; sockets are split evenly over the
 * servers: socket k goes to origins[k % n]. Resolves with the sockets in cookie order.
 */
export async function connectSockets(origins, cookies, attach) {
  const sockets = [];
  for (let i = 0; i < cookies.length; i += CONNECT_BATCH) {
    const batch = cookies.slice(i, i + CONNECT_BATCH);
    sockets.push(...(await Promise.all(batch.map((cookie, j) => connectSocket(origins[(i + j) % origins.length], cookie, attach)))));
  }
  return sockets;
}
