import { createAdapter } from '@socket.io/redis-streams-adapter';
import { type Command, Redis, type RedisOptions } from 'ioredis';
import type { TurnoutSocket } from './socket-server';

const ignore = () => {};

/**
 * The Redis client of the Socket.IO Redis Streams adapter. The adapter sends some commands
 * without handling their failure (PUBLISH for server-to-server messages, SET when it saves a
 * disconnected socket's session), so a Redis outage would surface as unhandled rejections and
 * stop the process. This client marks every command's failure as handled: the adapter's own
 * callers still see rejections they await, and the outage shows on /readyz.
 *
 * The publishing client fails fast while Redis is away (no offline queue), so a broadcast reaches
 * this process's sockets at once instead of waiting for Redis. The clients the adapter duplicates
 * from it (the stream reader and the pub/sub subscriber) queue instead: their XREAD and SUBSCRIBE
 * wait for the connection to return rather than spin on immediate errors or give up.
 */
class AdapterRedis extends Redis {
  readonly duplicates: Redis[] = [];

  override sendCommand(command: Command, stream?: Parameters<Redis['sendCommand']>[1]): unknown {
    command.promise.catch(ignore);
    const result = super.sendCommand(command, stream);
    if (result instanceof Promise) result.catch(ignore);
    return result;
  }

  override duplicate(override?: Partial<RedisOptions>): Redis {
    const client = new AdapterRedis({ ...this.options, enableOfflineQueue: true, maxRetriesPerRequest: null, ...override });
    client.on('error', ignore);
    this.duplicates.push(client);
    return client;
  }
}

export interface ClusterAdapter {
  adapter: ReturnType<typeof createAdapter>;
  /** The publishing connection. */
  client: Redis;
  /**
   * Calls `listener` each time the connection to Redis comes back after it was lost: broadcasts
   * between processes were lost meanwhile, so clients must resynchronise.
   */
  onLinkRestored(listener: () => void): void;
  /** Drops the socket's state instead of saving it when it disconnects: it cannot resume, so it refetches. */
  forgetOnDisconnect(socket: TurnoutSocket): void;
  /** Closes every connection the adapter opened; call after the Socket.IO server closed. */
  close(): Promise<void>;
}

/** The Redis Streams adapter on its own connections, configured like `redis` (same server). */
export function createClusterAdapter(redis: Redis): ClusterAdapter {
  const client = new AdapterRedis({ ...redis.options, lazyConnect: false, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  client.on('error', ignore);
  const forgotten = new Set<string>();
  const createNamespaceAdapter = createAdapter(client, {
    streamName: 'turnout:socket.io',
    channelPrefix: 'turnout:socket.io',
    sessionKeyPrefix: 'turnout:sio:session:',
  });
  // Socket.IO calls the factory with `new`: it must be a function, not an arrow.
  // biome-ignore lint/complexity/useArrowFunction: called as a constructor
  const adapter: typeof createNamespaceAdapter = function (nsp) {
    const instance = createNamespaceAdapter(nsp);
    const persist = instance.persistSession.bind(instance);
    instance.persistSession = (session) => {
      if (!forgotten.delete(session.sid)) persist(session);
    };
    return instance;
  };
  return {
    adapter,
    client,
    onLinkRestored(listener) {
      let lost = false;
      client.on('close', () => {
        lost = true;
      });
      client.on('ready', () => {
        if (!lost) return;
        lost = false;
        listener();
      });
    },
    forgetOnDisconnect(socket) {
      forgotten.add(socket.id);
      socket.once('disconnect', () => forgotten.delete(socket.id));
    },
    async close() {
      for (const duplicate of client.duplicates) duplicate.disconnect();
      // QUIT lets the sessions saved while the sockets closed reach Redis; without Redis it fails at once.
      await client.quit().catch(ignore);
      client.disconnect();
    },
  };
}
