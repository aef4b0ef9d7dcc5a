import fp from 'fastify-plugin';
import type { ReadinessCheck } from './readiness';

/**
 * While the process drains (after SIGTERM), every response carries `Connection: close`: a keep-alive
 * client opens its next request on a new connection, which the load balancer sends to another
 * replica, instead of reusing one this process is about to close under it (a reset).
 */
export const drainingPlugin = fp(async (app, { readiness }: { readiness: ReadinessCheck }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (readiness.draining) reply.header('connection', 'close');
    return payload;
  });
});
