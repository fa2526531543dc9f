import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLogger,
  createManifestServer,
  loadSubgraphEnv,
  noHttp,
  openSubgraph,
  type Viewer,
} from '@nexus/platform';
import { createContext, type ServiceDeps } from '../../subgraphs/service/src/context.ts';
import { serviceManifest } from '../../subgraphs/service/src/manifest.ts';
import { isolate } from '../support/isolation.ts';
import { as, type Result } from '../support/viewers.ts';

export { as, type Result };

/**
 * The service subgraph in-process on this file's own databases, with a clock the test sets:
 * operations run through the real schema, shield, resolvers and PostgreSQL.
 */
export async function startService(extra: Record<string, string> = {}) {
  const attachmentDir = await mkdtemp(join(tmpdir(), 'nexus-attachments-'));
  const iso = await isolate({
    INBOUND_EMAIL_SECRET: 'inbound-secret-for-tests-0123456789',
    ATTACHMENT_DIR: attachmentDir,
    ...extra,
  });
  const log = createLogger('service-test');
  log.level = 'silent';
  const deps = (await openSubgraph(serviceManifest, loadSubgraphEnv(serviceManifest, iso.vars), log, {
    seed: false,
  })) as ServiceDeps & {
    close(): Promise<void>;
  };
  let now = new Date('2026-03-02T09:00:00Z');
  deps.clock = () => now;
  // No gateway runs beside this subgraph: reads of TT-API data through it fail as they would with
  // the gateway down (tickets open without the requester's trip context). The system tests use the real one.
  deps.graph = async () => {
    throw new Error('connect ECONNREFUSED (no gateway in this test)');
  };
  const sub = createManifestServer(serviceManifest, deps, log);
  await sub.server.start();
  const context = createContext(deps);

  async function run<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer = as.admin,
  ): Promise<Result<T>> {
    const res = await sub.server.executeOperation<T>(
      { query, variables },
      { contextValue: context({ viewer, requestId: 'test', log, http: noHttp }) },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    return res.body.singleResult;
  }
  return {
    deps,
    run,
    setNow: (d: Date) => {
      now = d;
    },
    async sql<T>(q: string, params: unknown[] = []) {
      return deps.orm.em.fork().getConnection().execute<T[]>(q, params);
    },
    async stop() {
      await sub.server.stop();
      await deps.close();
      await iso.dispose();
      await rm(attachmentDir, { recursive: true, force: true });
    },
  };
}
export type Service = Awaited<ReturnType<typeof startService>>;

/** The data of a result, failing the test with its errors otherwise. */
export function ok<T>(r: Result<T>): T {
  if (r.errors?.length || !r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}
