import { QueryOrder, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { actorOf, findConnection, forbidden, parseInput, zId, type ConnectionArgs, type Viewer } from '@nexus/platform';
import { containsPattern } from './like.ts';
import { ACTOR_KINDS, AUDIT_ACTIONS, AuditEntry, type ActorKind, type AuditAction } from '../entities/index.ts';

const KIND_OF: Record<Viewer['kind'], ActorKind> = {
  user: 'USER',
  apiKey: 'API_KEY',
  service: 'SERVICE',
  client: 'CLIENT',
  anonymous: 'ANONYMOUS',
};

/** Who an entry names as its actor: the staff member's id where there is one, and always the audit name. */
const actorColumns = (viewer: Viewer) => ({
  actorId: viewer.kind === 'user' ? viewer.id : null,
  actorKind: KIND_OF[viewer.kind],
  actorName: actorOf(viewer),
});

/** Records an admin action in the same unit of work as the action itself. */
export function audit(
  em: EntityManager,
  viewer: Viewer,
  action: AuditAction,
  target: { type: string; id: string },
  details: Record<string, unknown> | null = null,
): void {
  em.create(AuditEntry, { action, ...actorColumns(viewer), targetType: target.type, targetId: target.id, details });
}

const serviceWriteInput = z.object({
  operation: z.string().trim().min(1).max(200),
  fields: z
    .array(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]{0,99}$/, { message: 'must be a field name' }))
    .min(1)
    .max(50),
  outcome: z.string().regex(/^[A-Z][A-Z_]{0,39}$/, { message: 'must be OK or an error code' }),
  requestId: z.string().max(200).nullish(),
});

/**
 * Records a service principal's write under the principal's own name. The actor comes from the
 * signed viewer token, never from the input, so nobody can write an entry in another's name.
 */
export async function recordServiceWrite(em: EntityManager, viewer: Viewer, input: unknown): Promise<AuditEntry> {
  if (viewer.kind !== 'service' || !viewer.service) throw forbidden('Only service principals record service writes.');
  const data = parseInput(serviceWriteInput, input);
  const entry = em.create(AuditEntry, {
    action: 'SERVICE_WRITE',
    ...actorColumns(viewer),
    targetType: 'Operation',
    targetId: null,
    details: {
      operation: data.operation,
      fields: data.fields,
      outcome: data.outcome,
      requestId: data.requestId ?? null,
    },
  });
  await em.flush();
  return entry;
}

const filterInput = z
  .object({
    search: z.string().trim().max(200).nullish(),
    actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).nullish(),
    actorId: zId.nullish(),
    actorName: z.string().trim().max(120).nullish(),
    actorKinds: z.array(z.enum(ACTOR_KINDS)).max(ACTOR_KINDS.length).nullish(),
    targetType: z.string().trim().max(40).nullish(),
    targetId: zId.nullish(),
    createdAfter: z.coerce.date().nullish(),
    createdBefore: z.coerce.date().nullish(),
  })
  .refine((f) => !f.createdAfter || !f.createdBefore || f.createdAfter < f.createdBefore, {
    message: 'must be after createdAfter',
    path: ['createdBefore'],
  });

/** The audit log, newest first by keyset, so pages stay put while entries are recorded. */
export function listAudit(em: EntityManager, args: ConnectionArgs & { filter?: unknown }) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<AuditEntry>[] = [];
  if (f.actions?.length) w.push({ action: { $in: f.actions } });
  if (f.actorId) w.push({ actorId: f.actorId });
  if (f.actorName) w.push({ actorName: f.actorName });
  if (f.actorKinds?.length) w.push({ actorKind: { $in: f.actorKinds } });
  if (f.targetType) w.push({ targetType: f.targetType });
  if (f.targetId) w.push({ targetId: f.targetId });
  if (f.createdAfter) w.push({ createdAt: { $gte: f.createdAfter } });
  if (f.createdBefore) w.push({ createdAt: { $lt: f.createdBefore } });
  if (f.search) {
    const like = containsPattern(f.search);
    w.push({ $or: [{ actorName: { $ilike: like } }, { targetType: { $ilike: like } }] });
  }
  return findConnection(em, AuditEntry, w.length ? { $and: w } : {}, args, [
    { createdAt: QueryOrder.DESC },
    { id: QueryOrder.DESC },
  ]);
}
