import { OutboxMessageSchema } from '@nexus/platform';
import { DeliverySchema } from './delivery.entity.ts';
import { HealthChangeSchema } from './health-change.entity.ts';
import { OpsAuditEntrySchema } from './ops-audit.entity.ts';
import { SlackChannelActivitySchema, SlackChannelMappingSchema } from './slack.entity.ts';
import { WebhookAttemptSchema, WebhookDeliverySchema, WebhookEndpointSchema } from '../webhooks/webhook.entity.ts';

export * from './enums.ts';
export * from './delivery.entity.ts';
export * from './health-change.entity.ts';
export * from './ops-audit.entity.ts';
export * from './slack.entity.ts';
export * from '../webhooks/webhook.entity.ts';

/** Every entity of this subgraph (the outbox included, so jobs are never lost). */
export const entities = [
  DeliverySchema,
  OpsAuditEntrySchema,
  HealthChangeSchema,
  OutboxMessageSchema,
  SlackChannelMappingSchema,
  SlackChannelActivitySchema,
  WebhookEndpointSchema,
  WebhookDeliverySchema,
  WebhookAttemptSchema,
];
