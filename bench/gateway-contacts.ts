/**
 * Issue figures for the platform: a contacts-with-company-and-owner page through the gateway,
 * beside the same crm-only page sent to the crm subgraph directly (20 s at 50 connections each),
 * and the SQL statements one request costs for pages of 10 and of 100 contacts.
 *
 *   npm run bench -- gateway-contacts
 */
import { createLogger, noHttp, signViewerToken, viewerFor } from '@nexus/platform';
import { loadCrmEnv } from '../subgraphs/crm/src/env.ts';
import { openCrm } from '../subgraphs/crm/src/runtime.ts';
import { createContext } from '../subgraphs/crm/src/context.ts';
import { createCrmServer } from '../subgraphs/crm/src/server.ts';
import { load, record, signIn, startStack } from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const PAGE = (n: number) =>
  `{ contacts(first: ${n}) { totalCount nodes { id firstName lastName email company { id name } owner { id name } } } }`;
const CRM_ONLY = (n: number) =>
  `{ contacts(first: ${n}) { totalCount nodes { id firstName lastName email company { id name } owner { id } } } }`;

const stack = await startStack();
try {
  const token = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
  const gateway = await load(
    `${stack.gatewayUrl}/graphql`,
    JSON.stringify({ query: PAGE(25) }),
    { authorization: `Bearer ${token}` },
    seconds,
  );
  // Viewer tokens live at most five minutes; one signed now covers the whole run.
  const secret = stack.env.INTERNAL_TOKEN_SECRET;
  if (!secret) throw new Error('the bench stack has no INTERNAL_TOKEN_SECRET');
  const viewerToken = await signViewerToken(viewerFor('0b6f6f0e-0000-4000-8000-000000000005', 'VIEWER'), 'crm', secret, 300);
  const direct = await load(
    `${stack.urls.crm}/graphql`,
    JSON.stringify({ query: CRM_ONLY(25) }),
    { 'x-nexus-viewer': viewerToken },
    seconds,
  );

  // Statements per request, counted at the ORM, for two page sizes (same process, no HTTP).
  let statements = 0;
  const log = createLogger('bench');
  log.level = 'warn';
  const env = loadCrmEnv({ ...stack.env });
  const deps = await openCrm(env, log, { seed: false, onQuery: () => void statements++ });
  const server = createCrmServer(deps, log).server;
  await server.start();
  const perPage: Record<string, number> = {};
  for (const n of [10, 100]) {
    statements = 0;
    const ctx = createContext(deps)({
      viewer: viewerFor('0b6f6f0e-0000-4000-8000-000000000005', 'VIEWER'),
      requestId: 'bench',
      log,
      http: noHttp,
    });
    const res = await server.executeOperation({ query: CRM_ONLY(n) }, { contextValue: ctx });
    if (res.body.kind !== 'single' || res.body.singleResult.errors) throw new Error('page query failed');
    perPage[`page of ${n}`] = statements;
  }
  await server.stop();
  await deps.close();

  record('gateway-contacts', {
    command: 'npm run bench -- gateway-contacts',
    load: { seconds, connections: 50, pageSize: 25 },
    throughGateway: gateway,
    crmDirect: direct,
    sqlStatementsPerRequest: perPage,
  });
} finally {
  await stack.stop();
}
