import type { ClientToServerEvents, ServerToClientEvents } from '@turnout/contracts';
import type { Server, Socket } from 'socket.io';
import type { PeerReport } from './presence';

/** What a socket carries from its handshake; restored with the socket after a recovered reconnect. */
export interface SocketData {
  userId: string;
  sessionId: string;
}

/** Messages between server processes (through the cluster adapter), never seen by clients. */
export interface InterServerEvents {
  'presence:report': (report: PeerReport) => void;
  /** A process lost its link to the others: every process has its clients resynchronise. */
  'cluster:resync': () => void;
  /** A session ended on the sending process: the others stop serving it from their session caches at once. */
  'session:ended': (sessionId: string) => void;
}

export type TurnoutServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type TurnoutSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
