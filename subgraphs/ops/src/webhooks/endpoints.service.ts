import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager, FilterQuery, QueryOrderMap } from '@mikro-orm/postgresql';
import {
  QUEUES,
  RANK_OF,
  ROLES,
  actorOf,
  badInput,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zId,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import { OpsAuditEntry } from '../entities/index.ts';
import type { OpsDeps } from '../context.ts';
import { clientOf } from './client.ts';
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES, isWebhookEventType } from './events.ts';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDelivery, WebhookEndpoint } from './webhook.entity.ts';

/** An endpoint and its secret, the one time it is shown. */
export interface SecretPayload {
  endpoint: WebhookEndpoint;
  secret: string;
}

/** A new `whsec_` secret: 32 random bytes, base64 (what Standard Webhooks libraries take). */
export const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const zUrl = z.string().trim().min(1, { message: 'is required' }).max(2000);
const zEvents = z
  .array(z.string().trim())
  .min(1, { message: 'name at least one event type' })
  .max(WEBHOOK_EVENT_TYPES.length)
  .superRefine((names, ctx) => {
    names.forEach((name, i) => {
      if (!isWebhookEventType(name))
        ctx.addIssue({
          code: 'custom',
          path: [i],
          message: `${name} is not an event type (${WEBHOOK_EVENT_TYPES.join(', ')})`,
        });
    });
  });
const zDescription = z.string().trim().max(500).nullish();
const zRole = z.enum(ROLES).nullish();

const createInput = z.object({ url: zUrl, eventTypes: zEvents, description: zDescription, role: zRole });
const updateInput = z.object({
  id: zId,
  url: zUrl.optional(),
  eventTypes: zEvents.optional(),
  description: zDescription,
  role: zRole,
});
const idInput = z.object({ id: zId });
const rotateInput = z.object({
  id: zId,
  overlapMinutes: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1: receivers need time to switch to the new secret' })
    .max(10_080, { message: 'must be at most 10,080 (a week)' }),
});
const filterInput = z.object({ search: z.string().trim().max(200).nullish(), enabled: z.boolean().nullish() });
const deliveryFilter = z.object({ statuses: z.array(z.enum(WEBHOOK_DELIVERY_STATUSES)).max(3).nullish() });

function checkUrl(deps: Pick<OpsDeps, 'env'>, url: string) {
  const problem = clientOf(deps).urlProblem(url);
  if (problem) throw badInput(`The endpoint URL ${problem}.`, [{ path: 'input.url', message: problem }]);
}

/** The role an endpoint sees as: the one asked for, never above its creator's. */
function roleFor(viewer: Viewer, asked: string | null | undefined) {
  const own = viewer.role ?? 'VIEWER';
  const role = asked ?? own;
  if (RANK_OF[role as keyof typeof RANK_OF] > viewer.rank) {
    throw badInput('An endpoint cannot see more than its creator.', [
      { path: 'input.role', message: `must be at most ${own}` },
    ]);
  }
  return { role, rank: RANK_OF[role as keyof typeof RANK_OF] };
}

async function endpointOf(em: EntityManager, id: string) {
  const endpoint = await em.findOne(WebhookEndpoint, { id });
  if (!endpoint) throw notFound('Webhook endpoint', id);
  return endpoint;
}

const audit = (em: EntityManager, viewer: Viewer, endpoint: WebhookEndpoint, change: string, details: object = {}) =>
  em.create(OpsAuditEntry, {
    action: 'INTEGRATION_SETTING_CHANGED',
    actor: actorOf(viewer),
    targetType: 'WebhookEndpoint',
    targetId: endpoint.id,
    details: { change, url: endpoint.url, ...details },
  });

export interface EndpointListArgs extends ConnectionArgs {
  filter?: unknown;
  orderBy?: { field: 'CREATED_AT' | 'URL'; direction?: 'ASC' | 'DESC' | null } | null;
}

export function listEndpoints(em: EntityManager, args: EndpointListArgs) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<WebhookEndpoint>[] = [];
  if (f.search) w.push({ $or: [{ url: { $ilike: like(f.search) } }, { description: { $ilike: like(f.search) } }] });
  if (f.enabled != null) w.push({ enabled: f.enabled });
  const dir = args.orderBy?.direction === 'ASC' ? ('asc' as const) : ('desc' as const);
  const first: QueryOrderMap<WebhookEndpoint> = args.orderBy?.field === 'URL' ? { url: dir } : { createdAt: dir };
  return findConnection(em, WebhookEndpoint, w.length ? { $and: w } : {}, args, [first, { id: dir }]);
}

export function listEndpointDeliveries(
  em: EntityManager,
  endpointId: string,
  args: ConnectionArgs & { filter?: unknown },
) {
  const f = parseInput(deliveryFilter, args.filter ?? {}, 'filter');
  const where: FilterQuery<WebhookDelivery> = {
    endpoint: endpointId,
    ...(f.statuses?.length ? { status: { $in: f.statuses } } : {}),
  };
  return findConnection(em, WebhookDelivery, where, args, [{ createdAt: 'desc' }, { id: 'desc' }]);
}

export async function createEndpoint(
  deps: OpsDeps,
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<SecretPayload> {
  const data = parseInput(createInput, input);
  checkUrl(deps, data.url);
  const { role, rank } = roleFor(viewer, data.role);
  const secret = newSecret();
  const endpoint = em.create(WebhookEndpoint, {
    url: data.url,
    description: data.description ?? null,
    eventTypes: [...new Set(data.eventTypes)],
    role,
    rank,
    secret,
    createdBy: actorOf(viewer),
  });
  audit(em, viewer, endpoint, 'created', { eventTypes: endpoint.eventTypes, role });
  await em.flush();
  return { endpoint, secret };
}

export async function updateEndpoint(deps: OpsDeps, em: EntityManager, viewer: Viewer, input: unknown) {
  const { id, ...data } = parseInput(updateInput, input);
  if (data.url !== undefined) checkUrl(deps, data.url);
  const endpoint = await endpointOf(em, id);
  if (data.role != null) Object.assign(endpoint, roleFor(viewer, data.role));
  if (data.url !== undefined) endpoint.url = data.url;
  if (data.eventTypes !== undefined) endpoint.eventTypes = [...new Set(data.eventTypes)];
  if (data.description !== undefined) endpoint.description = data.description;
  audit(em, viewer, endpoint, 'updated', { eventTypes: endpoint.eventTypes, role: endpoint.role });
  await em.flush();
  return endpoint;
}

export async function setEndpointEnabled(
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
  enabled: boolean,
  now: Date,
) {
  const { id } = parseInput(idInput, input);
  const endpoint = await endpointOf(em, id);
  em.assign(
    endpoint,
    enabled
      ? { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailedEvents: 0, failingSince: null }
      : { enabled: false, disabledReason: 'MANUAL', disabledAt: now },
  );
  audit(em, viewer, endpoint, enabled ? 'enabled' : 'disabled');
  await em.flush();
  return endpoint;
}

export async function deleteEndpoint(em: EntityManager, viewer: Viewer, input: unknown, now: Date) {
  const { id } = parseInput(idInput, input);
  const endpoint = await endpointOf(em, id);
  em.assign(endpoint, { deletedAt: now, enabled: false, disabledAt: endpoint.disabledAt ?? now });
  audit(em, viewer, endpoint, 'deleted');
  await em.flush();
  return endpoint;
}

export async function rotateSecret(
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
  now: Date,
): Promise<SecretPayload> {
  const { id, overlapMinutes } = parseInput(rotateInput, input);
  const endpoint = await endpointOf(em, id);
  const secret = newSecret();
  // A rotation during an overlap drops the oldest secret: two sign at most.
  em.assign(endpoint, {
    previousSecret: endpoint.secret,
    previousSecretExpiresAt: new Date(now.getTime() + overlapMinutes * 60_000),
    secret,
  });
  audit(em, viewer, endpoint, 'secret rotated', { overlapMinutes });
  await em.flush();
  return { endpoint, secret };
}

/** A `webhook.test` event for one endpoint, delivered like any other (signed, retried, logged). */
export async function sendTestEvent(em: EntityManager, viewer: Viewer, input: unknown, now: Date) {
  const { id } = parseInput(idInput, input);
  const endpoint = await endpointOf(em, id);
  // Outside the subscribable catalogue on purpose: only this button sends it.
  const event = {
    id: `evt_${randomBytes(16).toString('hex')}`,
    type: TEST_EVENT_TYPE,
    version: 1,
    occurredAt: now.toISOString(),
    data: { endpointId: endpoint.id, requestedBy: actorOf(viewer), changedFields: [] },
  };
  const delivery = em.create(WebhookDelivery, {
    endpoint,
    eventId: event.id,
    eventType: event.type,
    body: JSON.stringify(event),
    occurredAt: now,
  });
  enqueue(em, QUEUES.webhooks, 'webhook-deliver', { deliveryId: delivery.id }, { jobId: `webhook:${delivery.id}` });
  await em.flush();
  return delivery;
}
