import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEntry, type AuditAction } from '../entities/index.ts';

/** Records an admin action in the same unit of work as the action itself. */
export function audit(
  em: EntityManager,
  actorId: string | null,
  action: AuditAction,
  target: { type: string; id: string },
  details: Record<string, unknown> | null = null,
): void {
  em.create(AuditEntry, { action, actorId, targetType: target.type, targetId: target.id, details });
}

export async function listAudit(
  em: EntityManager,
  filter: { action?: AuditAction | null; actorId?: string | null; targetId?: string | null },
  limit: number,
  offset: number,
) {
  const where = {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { actorId: filter.actorId } : {}),
    ...(filter.targetId ? { targetId: filter.targetId } : {}),
  };
  const [nodes, totalCount] = await em.findAndCount(AuditEntry, where, {
    orderBy: { createdAt: 'desc', id: 'desc' },
    limit,
    offset,
  });
  return { nodes, totalCount };
}
