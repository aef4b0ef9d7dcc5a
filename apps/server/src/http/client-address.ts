import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which peers may tell us the client's address in `X-Forwarded-For` (TRUST_PROXY): none; every hop
 * (only behind a proxy that overwrites the header); the nearest `n` hops; or proxies by address or
 * CIDR (`10.0.0.0/8`, `loopback`). A list is the safe choice: a hop count also believes a client
 * that reaches the app directly and sends the header itself.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'all' } | { kind: 'hops'; hops: number } | { kind: 'addresses'; addresses: string[] };

/** The rule as proxy-addr applies it to each address from the socket's peer (hop 0) outwards. */
export function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  switch (trust.kind) {
    case 'none':
      return () => false;
    case 'all':
      return () => true;
    case 'hops':
      return (_address, hop) => hop < trust.hops;
    case 'addresses':
      return proxyAddr.compile(trust.addresses);
  }
}

/**
 * The client's address by the rule: the HTTP API (Fastify's `request.ip`, which is given the same
 * function) and the socket handshake read it alike, so one limit counts one client the same way.
 */
export const clientAddress = (req: IncomingMessage, trust: (address: string, hop: number) => boolean): string =>
  proxyAddr(req, trust) ?? req.socket.remoteAddress ?? 'unknown';

/** Parses TRUST_PROXY; throws with a reason when the value is none of the forms. */
export function parseTrustProxy(value: string): TrustProxy {
  const text = value.trim().toLowerCase();
  if (['false', 'no', '0', ''].includes(text)) return { kind: 'none' };
  if (['true', 'yes'].includes(text)) return { kind: 'all' };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 20) throw new Error('a hop count must be at most 20');
    return { kind: 'hops', hops };
  }
  const addresses = value.split(',').map((part) => part.trim());
  // proxy-addr throws on anything that is not an IP address, a CIDR range or one of its names.
  proxyAddr.compile(addresses);
  return { kind: 'addresses', addresses };
}
