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
const shutdown = async () => {
  // SIGINT and SIGTERM may both arrive (a terminal's Ctrl-C plus a supervisor): stop once.
  if (stopping) return;
  stopping = true;
  // Draining is bounded: requests in flight get 8 s (gateway/src/drain.ts), and a stop that still
  // waits on something after that must not keep the process, and so the supervisor's restart, waiting.
  setTimeout(() => {
    log.warn('gateway did not stop within 9.5 s; exiting');
    process.exit(1);
  }, 9_500).unref();
  await gateway.stop();
  await bus.close();
  await redis.quit().catch(() => undefined);
  process.exit(0);
};
// Ours, and `on`, not `once`: a second signal (a supervisor after a terminal's Ctrl-C) joins the
// same stop instead of killing the process mid-drain. Apollo's own handlers are off (server.ts).
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
