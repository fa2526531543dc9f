import { createLogger, serveUntilSignalled, setLogLevel } from '@nexus/platform';
import { loadCrmEnv } from './env.ts';
import { openCrm } from './runtime.ts';
import { createCrmServer } from './server.ts';

const env = loadCrmEnv();
setLogLevel(env.LOG_LEVEL);
const log = createLogger('crm');
const deps = await openCrm(env, log);
const subgraph = createCrmServer(deps, log);
await serveUntilSignalled(subgraph, env.CRM_PORT, () => deps.close());
