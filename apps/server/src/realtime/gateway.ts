import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Redis } from 'ioredis';
import { Gauge } from 'prom-client';
import { Server } from 'socket.io';
import type { Config } from '../config';
import type { SecurityLog } from '../http/security-log';
import type { AuthService } from '../modules/auth';
import type { Limiter } from '../plugins/rate-limits';
import type { SessionCookies } from '../plugins/session';
import { type ClientEvent, createClientEventBudget, parseClientEvent } from './client-events';
import { type ClusterAdapter, createClusterAdapter } from './cluster-adapter';
import { createHandshake } from './handshake';
import { Presence } from './presence';
import type { Publisher } from './publisher';
import { eventIdOfRoom, eventRoom, isIdentityRoom, ROOM_ALL, sessionRoom, userRoom } from './rooms';
import { startSessionSweeper } from './session-sweeper';
import { createSocketPublisher } from './socket-publisher';
import type { TurnoutServer, TurnoutSocket } from './socket-server';

/** Largest packet a client may send: its only messages are `{eventId}` objects. */
export const SOCKET_MAX_MESSAGE_BYTES = 4 * 1024;
/** How long a dropped connection's rooms and missed broadcasts are kept for it to resume. */
export const RECOVERY_WINDOW_MS = 2 * 60_000;
const RESYNC_COALESCE_MS = 250;

export interface GatewayOptions {
  config: Config;
  auth: AuthService;
  cookies: SessionCookies;
  /** With Redis, broadcasts, disconnects and presence reach every process through the Redis Streams adapter. */
  redis: Redis | undefined;
  setPublisher(publisher: Publisher): void;
  /** Handshakes per client address per minute. */
  handshakes: Pick<Limiter, 'consume'>;
  security: SecurityLog;
}

export interface Realtime {
  io: TurnoutServer;
  /** Runs the session sweep now: expired sessions and sockets of deleted sessions are disconnected. */
  sweepSessions(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    realtime: Realtime;
  }
}

/**
 * Broadcasts between processes were lost while one of them was cut off from Redis, and nothing
 * tells a client which. So each process closes its clients' transports without keeping their state:
 * they reconnect at once (to any process), `socket.recovered` is false, and they refetch (the resync
 * contract). Requests arriving together are served by one pass.
 */
function createResync(io: TurnoutServer, cluster: ClusterAdapter) {
  let pending: NodeJS.Timeout | undefined;
  return () => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      for (const socket of io.of('/').sockets.values()) {
        cluster.forgetOnDisconnect(socket);
        socket.conn.close();
      }
    }, RESYNC_COALESCE_MS).unref();
  };
}

/** Engine.IO's connection, as far as the per-address limit needs it. */
interface EngineConnection {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): void;
}

/**
 * Socket.IO on the app's own HTTP server and origin (path /socket.io): handshake auth, rooms,
 * the after-commit publisher, presence, and the session sweep. Registered by buildApp, so every
 * app that listens serves sockets.
 */
export const realtimeGateway = fp(
  async (app: FastifyInstance, opts: GatewayOptions) => {
    const handshake = createHandshake({ config: opts.config, auth: opts.auth, cookieName: opts.cookies.name, handshakes: opts.handshakes });
    const cluster = opts.redis ? createClusterAdapter(opts.redis) : undefined;
    const io: TurnoutServer = new Server(app.server, {
      path: '/socket.io',
      serveClient: false,
      maxHttpBufferSize: SOCKET_MAX_MESSAGE_BYTES,
      // Middlewares run on recovered connections too: the cookie may now belong to someone else.
      connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
      allowRequest: (req, callback) => {
        handshake.authorize(req).then(
          (result) => {
            if (!result.ok) {
              app.metrics.handshakeRefused(result.reason);
              opts.security.record({ event: 'socket_refused', address: result.address, reason: result.reason });
            }
            callback(result.ok ? null : result.reason, result.ok);
          },
          (err: unknown) => {
            app.log.warn({ err }, 'socket handshake could not be checked');
            app.metrics.handshakeRefused('unavailable');
            callback('unavailable', false);
          },
        );
      },
      ...(cluster ? { adapter: cluster.adapter } : {}),
    });

    io.engine.on('connection', (connection: EngineConnection) => connection.once('close', handshake.track(connection.request)));

    const presence = new Presence({
      emit: (eventId, viewers) => io.local.to(eventRoom(eventId)).emit('presence:changed', { eventId, viewers }),
      announce: cluster ? (report) => io.serverSideEmit('presence:report', report) : undefined,
    });
    if (cluster) {
      app.metrics.watchRedis('adapter', cluster.client);
      io.on('presence:report', (report) => presence.receive(report));
      // Connected (at start, or again after an outage): ask the other processes for their counts.
      cluster.client.on('ready', () => presence.hello());
      const resync = createResync(io, cluster);
      io.on('cluster:resync', resync);
      cluster.onLinkRestored(() => {
        io.serverSideEmit('cluster:resync');
        resync();
      });
    }

    io.use((socket, next) => {
      const viewer = handshake.viewerOf(socket.request);
      // A recovered socket brings its former rooms: only its own user may resume it.
      if (!viewer || (socket.recovered && socket.data.userId !== viewer.id)) return next(new Error('unauthenticated'));
      socket.data = { userId: viewer.id, sessionId: viewer.sessionId };
      next();
    });

    io.on('connection', (socket) => {
      const { userId, sessionId } = socket.data;
      const identity = [ROOM_ALL, userRoom(userId), sessionRoom(sessionId)];
      for (const room of socket.rooms) if (isIdentityRoom(room) && !identity.includes(room)) socket.leave(room);
      socket.join(identity);
      if (socket.recovered) {
        for (const room of socket.rooms) {
          const eventId = eventIdOfRoom(room);
          if (eventId) onClientEvent(socket, { event: 'presence:watch', payload: { eventId } });
        }
      }
      const withinBudget = createClientEventBudget();
      // Every packet a client sends passes here; anything outside the contract ends the connection.
      socket.use((packet) => {
        const message = withinBudget() ? parseClientEvent(packet) : null;
        if (message) onClientEvent(socket, message);
        else socket.disconnect(true);
      });
      socket.on('disconnect', () => presence.drop(socket.id));
    });

    function onClientEvent(socket: TurnoutSocket, message: ClientEvent) {
      const { eventId } = message.payload;
      switch (message.event) {
        case 'presence:watch': {
          const viewers = presence.watch(socket.id, eventId);
          if (viewers === null) return;
          void socket.join(eventRoom(eventId));
          socket.emit('presence:changed', { eventId, viewers });
          return;
        }
        case 'presence:unwatch':
          presence.unwatch(socket.id, eventId);
          void socket.leave(eventRoom(eventId));
          return;
      }
    }

    const socketPublisher = createSocketPublisher(io, { strict: opts.config.env !== 'production', log: app.log });
    if (cluster) {
      // The session cache is per process: a session ended here must not be served by another one
      // for the rest of its cache entry (a revoked session, a reset password).
      io.on('session:ended', (sessionId) => opts.auth.forgetSession(sessionId));
      opts.setPublisher({
        publish: (messages) => socketPublisher.publish(messages),
        endSession(sessionId) {
          io.serverSideEmit('session:ended', sessionId);
          socketPublisher.endSession(sessionId);
        },
      });
    } else {
      opts.setPublisher(socketPublisher);
    }

    const sweeper = startSessionSweeper({
      sweepExpiredSessions: () => opts.auth.sweepExpiredSessions(),
      existingSessionIds: (ids) => opts.auth.existingSessionIds(ids),
      localSessionIds: () => Array.from(io.of('/').sockets.values(), (socket) => socket.data.sessionId),
      endLocalSession: (sessionId) => io.local.in(sessionRoom(sessionId)).disconnectSockets(true),
      log: app.log,
    });

    new Gauge({
      name: 'turnout_sockets_connected',
      help: 'Socket.IO connections open on this process',
      registers: [app.metrics.registry],
      collect() {
        this.set(io.of('/').sockets.size);
      },
    });

    app.decorate('realtime', { io, sweepSessions: sweeper.sweepNow });

    // Before the HTTP server closes: open sockets would hold it open. Closing them with "server
    // shutting down" keeps their state for recovery, so clients resume on another process.
    app.addHook('preClose', async () => {
      await sweeper.stop();
      presence.close();
      await io.close();
      await cluster?.close();
    });
  },
  { name: 'realtime-gateway' },
);
