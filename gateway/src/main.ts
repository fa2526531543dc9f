import type { IncomingMessage, ServerResponse } from 'node:http';
import { createEventBus, createLogger, openRedis, setLogLevel } from '@nexus/platform';
import { loadGatewayEnv } from './env.ts';
import { createGateway } from './server.ts';

const env = loadGatewayEnv();
setLogLevel(env.LOG_LEVEL);
const log = createLogger('gateway');
const redis = await openRedis(env.REDIS_URL, log);
const bus = createEventBus(env.REDIS_URL, env.REDIS_PREFIX, log);
const gateway = await createGateway({ env, redis, bus, log });
await gateway.listen(env.GATEWAY_PORT);

let stopping = false;
/**
 * Responses not yet finished. On SIGTERM each of them (and any request still arriving on a kept-alive
 * connection) is answered with `Connection: close`: the listener is closed, but a busy keep-alive
 * connection would otherwise carry new requests until the drain's grace period cut it mid-request
 * (fault R8: requests failed with "other side closed"). Clients reconnect to the next instance.
 */
const open = new Set<ServerResponse>();
const closeAfter = (res: ServerResponse) => {
  res.shouldKeepAlive = false;
  if (!res.headersSent) res.setHeader('connection', 'close');
};
gateway.httpServer.on('request', (_req: IncomingMessage, res: ServerResponse) => {
  if (stopping) closeAfter(res);
  open.add(res);
  res.once('close', () => open.delete(res));
});
const shutdown = async () => {
  // SIGINT and SIGTERM may both arrive (a terminal's Ctrl-C plus a supervisor): stop once, or the
  // second run closes the already-closed websocket server and crashes with "The server is not running".
  if (stopping) return;
  stopping = true;
  for (const res of open) closeAfter(res);
  // Draining is bounded: requests in flight get 10 s (Apollo's grace period), and a close that still
  // waits on something after that (a socket that never finishes its close handshake) must not keep
  // the process, and so the supervisor's restart, waiting.
  setTimeout(() => {
    log.warn('gateway did not stop within 12 s; exiting');
    process.exit(1);
  }, 12_000).unref();
  await gateway.stop();
  await bus.close();
  await redis.quit().catch(() => undefined);
  process.exit(0);
};
// `on`, not `once`: Apollo Server stops itself on these signals too and then re-raises the signal;
// with no listener of ours left, that re-raise killed the process mid-drain ("killed by SIGTERM").
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
