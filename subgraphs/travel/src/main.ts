import { createLogger, serveUntilSignalled, setLogLevel } from '@nexus/platform';
import { loadTravelEnv } from './env.ts';
import { openTravel } from './runtime.ts';
import { createTravelServer } from './server.ts';

const env = loadTravelEnv();
setLogLevel(env.LOG_LEVEL);
const log = createLogger('travel');
const deps = await openTravel(env, log, { publishHealth: true });
const subgraph = createTravelServer(deps, log);
await serveUntilSignalled(subgraph, env.TRAVEL_PORT, () => deps.close());
