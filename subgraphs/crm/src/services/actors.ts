import type { EntityManager } from '@mikro-orm/postgresql';
import { RANK_OF, badInput, forbidden, type Viewer } from '@nexus/platform';
import { isActiveStaff } from './staff.service.ts';

/** The person behind a change: none for an integrator's API key, which is not a staff member. */
export const actorId = (viewer: Viewer): string | null => (viewer.apiKeyId ? null : viewer.id);

/** Advisors and above work on anyone's records; agents only on their own tasks and activities. */
export const managesOthersWork = (viewer: Viewer): boolean => viewer.rank >= RANK_OF.ADVISOR;

/** Agents create contacts and tasks only for themselves: the owner or assignee they name must be them. */
export function assertForSelf(viewer: Viewer, id: string | null | undefined, path: string, what: string) {
  if (id === undefined || managesOthersWork(viewer) || id === viewer.id) return;
  throw forbidden(`Agents may only create ${what} for themselves.`, {
    fields: [{ path, message: 'must be yourself' }],
  });
}

/**
 * Refuses an owner or assignee that is not an active staff member, from crm's staff directory (fed
 * by identity through the `staff-changed` contract). The caller is always allowed: the gateway has
 * just authenticated them as an active user.
 */
export async function assertKnownStaff(em: EntityManager, viewer: Viewer, id: string | null | undefined, path: string) {
  if (!id || (viewer.kind === 'user' && id === viewer.id)) return;
  if (!(await isActiveStaff(em, id)))
    throw badInput(`${path}: no active staff member has this id.`, [{ path, message: 'is not an active staff member' }]);
}
