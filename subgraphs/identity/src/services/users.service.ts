import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ROLES,
  badInput,
  conflict,
  notFound,
  parseInput,
  zEmail,
  zId,
  zName,
  type Role,
  type Viewer,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { User } from '../entities/index.ts';
import { audit } from './audit.service.ts';
import { hashPassword, revokeAllSessions, voidAccessTokens } from './sessions.service.ts';

const zPassword = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(1024, { message: 'must be at most 1024 characters' });
const zRole = z.enum(ROLES as [Role, ...Role[]]);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(
  em: EntityManager,
  filter: { search?: string | null; role?: Role | null; active?: boolean | null } | null | undefined,
  limit: number,
  offset: number,
) {
  const paging = parseInput(z.object({ limit: z.number().int().min(1).max(200), offset: z.number().int().min(0) }), { limit, offset }, 'args');
  const search = filter?.search?.trim();
  const where = {
    ...(filter?.role ? { role: filter.role } : {}),
    ...(filter?.active != null ? { active: filter.active } : {}),
    ...(search
      ? { $or: [{ name: { $ilike: `%${escapeLike(search)}%` } }, { email: { $ilike: `%${escapeLike(search)}%` } }] }
      : {}),
  };
  const [nodes, totalCount] = await em.findAndCount(User, where, { orderBy: { name: 'asc', id: 'asc' }, ...paging });
  return { nodes, totalCount };
}

const createUserInput = z.object({ email: zEmail, name: zName, role: zRole, password: zPassword });

export async function createUser(em: EntityManager, viewer: Viewer, input: unknown): Promise<User> {
  const data = parseInput(createUserInput, input);
  if (await em.findOne(User, { email: data.email }, { filters: false })) {
    throw conflict(`A user with email ${data.email} already exists.`, { fields: [{ path: 'input.email', message: 'is already in use' }] });
  }
  const user = em.create(User, {
    email: data.email,
    name: data.name,
    role: data.role,
    passwordHash: await hashPassword(data.password),
  });
  audit(em, viewer.id, 'USER_CREATED', { type: 'User', id: user.id }, { email: user.email, role: user.role });
  await em.flush();
  return user;
}

async function targetUser(em: EntityManager, viewer: Viewer, id: unknown, what: string): Promise<User> {
  const userId = parseInput(zId, id, 'userId');
  if (userId === viewer.id) throw badInput(`You cannot ${what} your own account.`, [{ path: 'userId', message: `cannot ${what} yourself` }]);
  const user = await em.findOne(User, { id: userId });
  if (!user) throw notFound('User', userId);
  return user;
}

export async function changeRole(em: EntityManager, d: IdentityDeps, viewer: Viewer, input: { userId: string; role: string }) {
  const user = await targetUser(em, viewer, input.userId, 'change the role of');
  const role = parseInput(zRole, input.role, 'input.role');
  if (user.role === role) return user;
  const from = user.role;
  user.role = role;
  audit(em, viewer.id, 'USER_ROLE_CHANGED', { type: 'User', id: user.id }, { from, to: role });
  await em.flush();
  // Tokens carry the role: void the old ones so the new role applies at the next refresh.
  await voidAccessTokens(d, user.id);
  return user;
}

export async function setActive(em: EntityManager, d: IdentityDeps, viewer: Viewer, id: string, active: boolean) {
  const user = await targetUser(em, viewer, id, active ? 'reactivate' : 'deactivate');
  if (user.active === active) return user;
  user.active = active;
  audit(em, viewer.id, active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED', { type: 'User', id: user.id });
  await em.flush();
  if (!active) await revokeAllSessions(em, d, user.id);
  return user;
}

export async function resetPassword(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  input: { userId: string; newPassword: string },
) {
  const userId = parseInput(zId, input.userId, 'input.userId');
  const password = parseInput(zPassword, input.newPassword, 'input.newPassword');
  const user = await em.findOne(User, { id: userId });
  if (!user) throw notFound('User', userId);
  user.passwordHash = await hashPassword(password);
  audit(em, viewer.id, 'USER_PASSWORD_RESET', { type: 'User', id: user.id });
  await em.flush();
  await revokeAllSessions(em, d, user.id);
  return user;
}
