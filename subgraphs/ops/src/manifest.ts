import { fileURLToPath } from 'node:url';
import { QUEUES, defineSubgraph, gatewayExecutor } from '@nexus/platform';
import { createContext, type OpsDeps } from './context.ts';
import { entities } from './entities/index.ts';
import { envShape } from './env.ts';
import { migrations } from './migrations/index.ts';
import { resolvers } from './resolvers/index.ts';
import { checkSystem } from './services/health.service.ts';
import { queueAdmin } from './services/queues.service.ts';
import { hookReplayers } from './shims/hooks.ts';
import { n8nReplayer } from './shims/n8n.ts';
import { shimRoutes } from './shims/routes.ts';
import { slackDeadLetter, slackProcessors, slackReplayers } from './slack/jobs.ts';
import { slackPublicRoutes } from './slack/routes.ts';
import { deliver, fanOut, webhookReplayer } from './webhooks/delivery.ts';

/**
 * ops: the operations hub. The delivery ledger (every delivery in or out: Slack, n8n, TT-API and
 * groups hooks), the n8n and inbound hook shims, system health and queue administration.
 */
export const opsManifest = defineSubgraph({
  name: 'ops',
  port: 4007,
  folder: new URL('..', import.meta.url),
  envShape,
  entities,
  migrations,
  migrationsPath: fileURLToPath(new URL('./migrations', import.meta.url)),
  extend: (core): OpsDeps => {
    const deps: OpsDeps = {
      ...core,
      clock: () => new Date(),
      graph: gatewayExecutor({ gatewayUrl: core.env.GATEWAY_URL, secret: core.env.INTERNAL_TOKEN_SECRET }),
      replayers: {},
      queues: queueAdmin({ redisUrl: core.env.REDIS_URL, prefix: core.env.REDIS_PREFIX, log: core.log }),
    };
    // Each channel's replayer handles a stored delivery as its route would have.
    Object.assign(deps.replayers, { N8N: n8nReplayer(deps), ...hookReplayers(deps), ...slackReplayers(deps) });
    deps.replayers.WEBHOOK = webhookReplayer(deps);
    return deps;
  },
  dispose: (deps: OpsDeps) => deps.queues.close(),
  resolvers,
  context: (deps: OpsDeps, base) => createContext(deps)(base),
  publicRoutes: (router, deps: OpsDeps) => {
    shimRoutes(router, deps);
    slackPublicRoutes(router, deps);
  },
  worker: (deps: OpsDeps) => ({
    processors: {
      [QUEUES.slack]: slackProcessors(deps),
      [QUEUES.webhooks]: {
        'webhook-event': (job) => fanOut(deps, job.data),
        'webhook-deliver': (job) => deliver(deps, job.data.deliveryId),
      },
      [QUEUES.ops]: {
        'health-check': async () => {
          const { components } = await checkSystem(deps);
          return { checked: components.length };
        },
      },
    },
    schedules: [{ queue: QUEUES.ops, job: 'health-check', every: 60_000 }],
    // Deliveries wait on integrators' receivers (up to 15 s each), not on this process.
    concurrency: { 'webhook-deliver': 20 },
    // A Slack job that gives up leaves its ledger entry FAILED (replayable), never PENDING.
    deadLetters: { [QUEUES.slack]: slackDeadLetter(deps) },
  }),
  codegen: {
    contextType: 'OpsContext',
    mappers: {
      Delivery: '../entities/index.ts#Delivery',
      HealthChange: '../entities/index.ts#HealthChange',
      QueueStatus: '../services/queues.service.ts#QueueStatus',
      FailedQueueJob: '../services/queues.service.ts#FailedJob',
      ComponentHealth: '../services/health.service.ts#ComponentHealth',
      WebhookEndpoint: '../entities/index.ts#WebhookEndpoint',
      WebhookDelivery: '../entities/index.ts#WebhookDelivery',
      WebhookAttempt: '../entities/index.ts#WebhookAttempt',
      WebhookSecretPayload: '../webhooks/endpoints.service.ts#SecretPayload',
      AnalyticsSummary: '../analytics/summary.ts#AnalyticsSummary',
      Integration: '../integrations/integrations.ts#Integration',
    },
  },
});
