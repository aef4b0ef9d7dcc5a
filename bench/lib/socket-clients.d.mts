// Types of socket-clients.mjs for the TypeScript figures.
import type { Socket } from 'socket.io-client';

export declare const CONNECT_BATCH: number;
export declare function connectSocket(origin: string, cookie: string, attach?: (socket: Socket) => void): Promise<Socket>;
export declare function connectSockets(origins: string[], cookies: string[], attach?: (socket: Socket) => void): Promise<Socket[]>;
