/** The ops subgraph's PostgreSQL enums (`ops_<name>`), as the values GraphQL exposes. */
export const DELIVERY_DIRECTIONS = ['IN', 'OUT'] as const;
export type DeliveryDirection = (typeof DELIVERY_DIRECTIONS)[number];

/** Every boundary a delivery crosses; `WEBHOOK` is the integrators' outbound webhooks. */
export const DELIVERY_CHANNELS = [
  'SLACK_EVENT',
  'SLACK_COMMAND',
  'SLACK_INTERACTION',
  'SLACK_POST',
  'N8N',
  'TT_API_HOOK',
  'GROUPS_HOOK',
  'WEBHOOK',
] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** PENDING: being handled; REFUSED: rejected on its merits (bad input, unknown user), never retried. */
export const DELIVERY_OUTCOMES = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export const OPS_AUDIT_ACTIONS = [
  'DELIVERY_REPLAYED',
  'QUEUE_JOB_RETRIED',
  'QUEUE_JOB_REMOVED',
  'QUEUE_PAUSED',
  'QUEUE_RESUMED',
  'AUTOMATION_RUN_RETRIED',
  'INTEGRATION_SETTING_CHANGED',
] as const;
export type OpsAuditAction = (typeof OPS_AUDIT_ACTIONS)[number];

export const HEALTH_STATUSES = ['UP', 'DEGRADED', 'DOWN', 'NOT_CONFIGURED'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
