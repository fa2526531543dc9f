import { createLogger, noHttp, type Viewer } from '@nexus/platform';
import { createContext } from '../../subgraphs/crm/src/context.ts';
import { loadCrmEnv } from '../../subgraphs/crm/src/env.ts';
import { openCrm } from '../../subgraphs/crm/src/runtime.ts';
import { createCrmServer } from '../../subgraphs/crm/src/server.ts';
import { seedDemoStaff } from '../../subgraphs/crm/src/services/staff.service.ts';
import { isolate } from '../support/isolation.ts';
import { as, type Result } from '../support/viewers.ts';

export { as, type Result };

/**
 * One crm subgraph in-process on this file's own databases: operations run through the real
 * schema, shield, resolvers and PostgreSQL, as the gateway would send them.
 */
export async function startCrm(opts: { seed?: boolean } = {}) {
  const iso = await isolate();
  const env = loadCrmEnv(iso.vars);
  const log = createLogger('crm-test');
  log.level = process.env.CRM_TEST_LOG ?? 'silent';
  let counting = false;
  const statements: string[] = [];
  const deps = await openCrm(env, log, {
    seed: opts.seed ?? false,
    onQuery: (sql) => {
      if (counting) statements.push(sql);
    },
  });
  // crm learns its staff from identity's feed; with no identity here, the demo staff arrive as
  // identity's demo seed would announce them.
  await seedDemoStaff(deps.orm.em.fork());
  const { server } = createCrmServer(deps, log);
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

  /** Runs an operation and returns how many SQL statements it cost. */
  async function countStatements<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    viewer: Viewer = as.admin,
  ) {
    statements.length = 0;
    counting = true;
    try {
      const result = await run<T>(query, variables, viewer);
      return { result, count: statements.length, statements: [...statements] };
    } finally {
      counting = false;
    }
  }

  /** Rows in a table, deleted ones included, read straight from the database. */
  async function rows(table: 'contact' | 'company'): Promise<number> {
    const [row] = await deps.orm.em
      .fork()
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from "${table}"`);
    return row?.n ?? 0;
  }

  return {
    env,
    deps,
    run,
    countStatements,
    rows,
    async stop() {
      await server.stop();
      await deps.close();
      await iso.dispose();
    },
  };
}
export type Crm = Awaited<ReturnType<typeof startCrm>>;
