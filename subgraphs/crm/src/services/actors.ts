import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_USERS, RANK_OF, badInput, forbidden, type Viewer } from '@nexus/platform';

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

const DEMO_STAFF = new Set<string>(DEMO_USERS.map((u) => u.id));

/**
 * Refuses an owner or assignee that is not a staff member crm knows. Users live in identity, which
 * crm never calls and which publishes no staff projection to crm yet, so "known" is what crm can
 * see: the caller, the demo staff, and anyone who already owns, is assigned, created or logged a
 * crm record. A deactivated user who still owns records passes; a brand-new user is refused until
 * someone who knows them (they themselves) touches the CRM. One statement.
 */
export async function assertKnownStaff(em: EntityManager, viewer: Viewer, id: string | null | undefined, path: string) {
  if (!id || id === viewer.id || DEMO_STAFF.has(id)) return;
  const [row] = await em.getConnection().execute<{ known: boolean }[]>(
    `select exists (select 1 from "contact" where "owner_id" = ?)
         or exists (select 1 from "company" where "owner_id" = ?)
         or exists (select 1 from "deal" where "owner_id" = ?)
         or exists (select 1 from "task" where "assignee_id" = ? or "created_by_id" = ?)
         or exists (select 1 from "activity" where "logged_by_id" = ?) as "known"`,
    [id, id, id, id, id, id],
  );
  if (!row?.known)
    throw badInput(`${path}: no active staff member has this id.`, [
      { path, message: 'is not an active staff member' },
    ]);
}
