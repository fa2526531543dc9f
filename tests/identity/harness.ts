import { createLogger, noHttp, type HttpExchange, type Viewer } from '@nexus/platform';
import { createContext } from '../../subgraphs/identity/src/context.ts';
import { loadIdentityEnv } from '../../subgraphs/identity/src/env.ts';
import { openIdentity } from '../../subgraphs/identity/src/runtime.ts';
import { createIdentityServer } from '../../subgraphs/identity/src/server.ts';
import { notify } from '../../subgraphs/identity/src/services/notifications.service.ts';
import { isolate } from '../support/isolation.ts';
import { as, type Result } from '../support/viewers.ts';

export { as, type Result };

/**
 * One identity subgraph in-process on this file's own databases, seeded with the demo staff:
 * operations run through the real schema, shield, resolvers and PostgreSQL, as the gateway sends them.
 */
export async function startIdentity() {
  const iso = await isolate();
  const env = loadIdentityEnv(iso.vars);
  const log = createLogger('identity-test');
  log.level = process.env.IDENTITY_TEST_LOG ?? 'silent';
  const deps = await openIdentity(env, log, { seed: true });
  const { server } = createIdentityServer(deps, log);
  await server.start();
  const context = createContext(deps);

  async function run<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer = as.admin,
    http: HttpExchange = noHttp,
  ): Promise<Result<T>> {
    const res = await server.executeOperation<T>(
      { query, variables },
      { contextValue: context({ viewer, requestId: 'test', log, http }) },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  }

  return {
    deps,
    run,
    /** Raises a notification for a user, as the notifications job does. */
    notify: (input: { userId: string; title: string; body?: string; type?: string }) =>
      notify(deps.orm.em.fork(), deps.bus, log, { type: 'SYSTEM', ...input }),
    async stop() {
      await server.stop();
      await deps.close();
      await iso.dispose();
    },
  };
}
export type Identity = Awaited<ReturnType<typeof startIdentity>>;
