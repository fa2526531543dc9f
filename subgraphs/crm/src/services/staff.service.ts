import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_USERS, type StaffMemberJob } from '@nexus/platform';

/**
 * Applies one `staff-changed` message from identity: an insert, or an update when it is newer than
 * what crm holds (messages may arrive late or twice). One statement.
 */
export async function applyStaffChange(em: EntityManager, m: StaffMemberJob): Promise<boolean> {
  const rows = await em.getConnection().execute<{ id: string }[]>(
    `insert into "staff_member" ("id", "name", "email", "role", "active", "source_updated_at")
     values (?, ?, ?, ?, ?, ?)
     on conflict ("id") do update set "name" = excluded."name", "email" = excluded."email", "role" = excluded."role",
       "active" = excluded."active", "source_updated_at" = excluded."source_updated_at"
     where "staff_member"."source_updated_at" < excluded."source_updated_at"
     returning "id"`,
    [m.id, m.name, m.email, m.role, m.active, new Date(m.updatedAt)],
  );
  return rows.length > 0;
}

/** The demo staff, as identity's demo seed announces them (so a demo crm knows them without a worker). */
export async function seedDemoStaff(em: EntityManager): Promise<number> {
  let added = 0;
  for (const u of DEMO_USERS) {
    const fresh = await applyStaffChange(em, {
      id: u.id,
      name: u.name,
      email: u.email,
      role: u.role,
      active: true,
      updatedAt: new Date(0).toISOString(),
    });
    if (fresh) added++;
  }
  return added;
}

/** Whether `id` is a staff member crm knows to be active. */
export async function isActiveStaff(em: EntityManager, id: string): Promise<boolean> {
  const [row] = await em
    .getConnection()
    .execute<{ active: boolean }[]>(`select "active" from "staff_member" where "id" = ?`, [id]);
  return row?.active === true;
}
