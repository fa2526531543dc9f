import type { EntityManager } from '@mikro-orm/postgresql';
import { QUEUES, STAFF_CHANGED_JOB, enqueue } from '@nexus/platform';
import { User } from '../entities/index.ts';

/**
 * Tells crm who the staff are (the `staff-changed` contract): crm keeps its own directory of who may
 * own records and be assigned work, and refuses an owner or assignee that is not an active staff
 * member. Recorded in the caller's unit of work (the outbox), so a change is never announced unless
 * it was committed, and never lost while Redis is down.
 */
export function announceStaff(em: EntityManager, user: User): void {
  const updatedAt = new Date().toISOString();
  enqueue(
    em,
    QUEUES.crm,
    STAFF_CHANGED_JOB,
    { id: user.id, name: user.name, email: user.email, role: user.role, active: user.active, updatedAt },
    { jobId: `staff:${user.id}:${updatedAt}` },
  );
}

/**
 * Announces every user again (at start-up): crm's directory converges even if it was created after
 * the users were, or lost messages while it was being restored. Messages that are not newer than
 * what crm holds change nothing there.
 */
export async function announceAllStaff(em: EntityManager): Promise<number> {
  const users = await em.find(User, {}, { filters: false });
  for (const user of users) announceStaff(em, user);
  await em.flush();
  return users.length;
}
