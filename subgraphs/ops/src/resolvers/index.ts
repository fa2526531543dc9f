import { notFound, scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { listDeliveries, replayDelivery } from '../services/deliveries.service.ts';
import { Delivery } from './delivery.ts';
import { QueueStatus, hubMutation, hubQuery, hubSubscription } from './hub.ts';
import { setSlackChannel, slackHub } from '../slack/hub.service.ts';
import { WebhookDelivery, WebhookEndpoint, webhookMutation, webhookQuery } from '../webhooks/resolvers.ts';
import { analyticsSummary } from '../analytics/summary.ts';
import { listIntegrations } from '../integrations/integrations.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: {
    deliveries: (_p, args, ctx) => listDeliveries(ctx.em, args),
    delivery: (_p, { id }, ctx) => ctx.loaders.delivery.load(id),
    ...hubQuery,
    slackHub: (_p, _a, ctx) => slackHub(ctx.deps, ctx.em),
    ...webhookQuery,
    analyticsSummary: (_p, args, ctx) =>
      analyticsSummary(ctx.deps.graph, args, ctx.viewer.requestId ?? 'analytics-summary'),
    integrations: (_p, _a, ctx) => listIntegrations(ctx.deps.env),
  },
  Mutation: {
    replayDelivery: (_p, { input }, ctx) => replayDelivery(ctx.deps, ctx.viewer, input),
    ...hubMutation,
    setSlackChannel: (_p, { input }, ctx) => setSlackChannel(ctx.deps, ctx.em, ctx.viewer, input),
    ...webhookMutation,
  },
  Subscription: {
    ...hubSubscription,
    // The gateway serves subscriptions (re-running the selection per event); never executed here.
    deliveryRecorded: {
      subscribe: () => {
        throw notFound('subscription');
      },
    },
  },
  Delivery,
  QueueStatus,
  WebhookEndpoint,
  WebhookDelivery,
};
