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
  // SIGINT and SIGTERM may both arrive (a terminal's Ctrl-C plus a supervisor): stop once, or the
  // second run closes the already-closed websocket server and crashes with "The server is not running".
  if (stopping) return;
  stopping = true;
  await gateway.stop();
  await bus.close();
  await redis.quit().catch(() => undefined);
  process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
