import { createLogger, serveUntilSignalled, setLogLevel } from '@nexus/platform';
import { loadIdentityEnv } from './env.ts';
import { openIdentity } from './runtime.ts';
import { createIdentityServer } from './server.ts';

const env = loadIdentityEnv();
setLogLevel(env.LOG_LEVEL);
const log = createLogger('identity');
const deps = await openIdentity(env, log);
const subgraph = createIdentityServer(deps, log);
await serveUntilSignalled(subgraph, env.IDENTITY_PORT, () => deps.close());
