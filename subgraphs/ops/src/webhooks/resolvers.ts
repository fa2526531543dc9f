import { isRole } from '@nexus/platform';
import type {
  MutationResolvers,
  QueryResolvers,
  WebhookDeliveryResolvers,
  WebhookEndpointResolvers,
} from '../__generated__/resolvers-types.ts';
import { WebhookAttempt, WebhookDelivery as DeliveryRow, WebhookEndpoint as EndpointRow } from './webhook.entity.ts';
import {
  createEndpoint,
  deleteEndpoint,
  listEndpointDeliveries,
  listEndpoints,
  rotateSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
} from './endpoints.service.ts';
import { WEBHOOK_EVENTS, WEBHOOK_EVENT_TYPES } from './events.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const webhookQuery: QueryResolvers = {
  webhookEndpoints: (_p, args, ctx) => listEndpoints(ctx.em, args),
  webhookEndpoint: (_p, { id }, ctx) => (UUID.test(id) ? ctx.em.findOne(EndpointRow, { id }) : null),
  webhookDelivery: (_p, { id }, ctx) => (UUID.test(id) ? ctx.em.findOne(DeliveryRow, { id }) : null),
  webhookEventTypes: () => WEBHOOK_EVENT_TYPES.map((name) => ({ name, description: WEBHOOK_EVENTS[name].description })),
};

export const webhookMutation: MutationResolvers = {
  createWebhookEndpoint: (_p, { input }, ctx) => createEndpoint(ctx.deps, ctx.em, ctx.viewer, input),
  updateWebhookEndpoint: (_p, { input }, ctx) => updateEndpoint(ctx.deps, ctx.em, ctx.viewer, input),
  disableWebhookEndpoint: (_p, { input }, ctx) =>
    setEndpointEnabled(ctx.em, ctx.viewer, input, false, ctx.deps.clock()),
  enableWebhookEndpoint: (_p, { input }, ctx) => setEndpointEnabled(ctx.em, ctx.viewer, input, true, ctx.deps.clock()),
  deleteWebhookEndpoint: (_p, { input }, ctx) => deleteEndpoint(ctx.em, ctx.viewer, input, ctx.deps.clock()),
  rotateWebhookSecret: (_p, { input }, ctx) => rotateSecret(ctx.em, ctx.viewer, input, ctx.deps.clock()),
  sendWebhookTestEvent: (_p, { input }, ctx) => sendTestEvent(ctx.em, ctx.viewer, input, ctx.deps.clock()),
};

export const WebhookEndpoint: WebhookEndpointResolvers = {
  __resolveReference: (ref, ctx) => ctx.em.findOne(EndpointRow, { id: ref.id }),
  role: (e) => (isRole(e.role) ? e.role : 'VIEWER'),
  deliveries: (e, args, ctx) => listEndpointDeliveries(ctx.em, e.id, args),
};

export const WebhookDelivery: WebhookDeliveryResolvers = {
  __resolveReference: (ref, ctx) => ctx.em.findOne(DeliveryRow, { id: ref.id }),
  // A deleted endpoint's deliveries still name it.
  endpoint: (d, _a, ctx) => ctx.em.findOneOrFail(EndpointRow, { id: d.endpoint.id }, { filters: false }),
  attemptCount: (d) => d.attempts,
  payload: (d) => d.body,
  attempts: (d, _a, ctx) => ctx.em.find(WebhookAttempt, { delivery: d.id }, { orderBy: { number: 'asc' } }),
  ledgerEntry: (d, _a, ctx) => (d.ledgerId ? ctx.loaders.delivery.load(d.ledgerId) : null),
};
