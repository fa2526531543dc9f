import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_USERS } from '@nexus/platform';
import { User } from './entities/index.ts';
import { hashPassword } from './services/sessions.service.ts';
import { announceStaff } from './services/staff-feed.ts';

/** Demo staff accounts; idempotent (existing emails are left as they are). */
export async function seedIdentity(em: EntityManager, demoPassword: string): Promise<number> {
  const existing = new Set((await em.find(User, {}, { filters: false, fields: ['email'] })).map((u) => u.email));
  const missing = DEMO_USERS.filter((u) => !existing.has(u.email));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(demoPassword);
  for (const u of missing) announceStaff(em, em.create(User, { id: u.id, email: u.email, name: u.name, role: u.role, passwordHash }));
  await em.flush();
  return missing.length;
}

/** The first admin of a fresh deployment; does nothing once any admin exists. */
export async function bootstrapAdmin(em: EntityManager, email: string, password: string): Promise<boolean> {
  if (await em.count(User, { role: 'ADMIN' }, { filters: false })) return false;
  announceStaff(
    em,
    em.create(User, { email: email.trim().toLowerCase(), name: 'Administrator', role: 'ADMIN', passwordHash: await hashPassword(password) }),
  );
  await em.flush();
  return true;
}
