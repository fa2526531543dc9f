import { createLogger, noHttp, type Viewer } from '@nexus/platform';
import { startSimulator, type RunningSimulator } from '../../subgraphs/travel/simulator/index.ts';
import { createContext } from '../../subgraphs/travel/src/context.ts';
import { loadTravelEnv } from '../../subgraphs/travel/src/env.ts';
import { openTravel } from '../../subgraphs/travel/src/runtime.ts';
import { createTravelServer } from '../../subgraphs/travel/src/server.ts';
import { isolate } from '../support/isolation.ts';
import { as, type Result } from '../support/viewers.ts';

export { as, type Result };

/**
 * One travel subgraph in-process on this file's own database, against an in-process TT-API
 * simulator: operations run through the real schema, shield, resolvers, client and breaker, as the
 * gateway would send them. No retries by default, so one failing call is one breaker failure.
 */
export async function startTravel(o: { env?: Record<string, string> } = {}) {
  const sim: RunningSimulator = await startSimulator({ port: 0 });
  const iso = await isolate({ TT_API_URL: sim.url, TT_PROXY_RETRY_COUNT: '0', ...o.env });
  const env = loadTravelEnv(iso.vars);
  const log = createLogger('travel-test');
  log.level = process.env.TRAVEL_TEST_LOG ?? 'silent';
  const deps = await openTravel(env, log, { publishHealth: true });
  const { server } = createTravelServer(deps, log);
  await server.start();
  const context = createContext(deps);

  async function run<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer = as.admin,
  ): Promise<Result<T>> {
    const res = await server.executeOperation<T>(
      { query, variables },
      { contextValue: context({ viewer, requestId: 'test', log, http: noHttp }) },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  }

  return {
    env,
    deps,
    sim,
    iso,
    log,
    run,
    /** Back to a clean simulator and a closed breaker between tests. */
    async reset() {
      await sim.control.reset();
      deps.tt.breaker.reset();
    },
    async stop() {
      await server.stop();
      await deps.close();
      await sim.close();
      await iso.dispose();
    },
  };
}
export type Travel = Awaited<ReturnType<typeof startTravel>>;

export const codes = (r: Result<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);

/** The data of a result that must have succeeded; fails the test with the errors otherwise. */
export function ok<T>(r: Result<T>): T {
  if (r.errors?.length || !r.data) throw new Error(`operation failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}
