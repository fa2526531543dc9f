import { QueryOrder, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ROLES,
  badInput,
  conflict,
  findConnection,
  notFound,
  parseInput,
  zEmail,
  zId,
  zName,
  type ConnectionArgs,
  type Role,
  type Viewer,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { User } from '../entities/index.ts';
import { audit } from './audit.service.ts';
import { announceStaff } from './staff-feed.ts';
import { containsPattern } from './like.ts';
import { hashPassword, revokeAllSessions, voidAccessTokens } from './sessions.service.ts';

const zPassword = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(1024, { message: 'must be at most 1024 characters' });
const zRole = z.enum(ROLES as [Role, ...Role[]]);

const filterInput = z.object({
  search: z.string().trim().max(200).nullish(),
  role: zRole.nullish(),
  active: z.boolean().nullish(),
});
const USER_ORDER = {
  NAME: (asc: boolean) => ({ name: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  EMAIL: (asc: boolean) => ({ email: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  CREATED_AT: (asc: boolean) => ({ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }),
} satisfies Record<string, (asc: boolean) => QueryOrderMap<User>>;
const orderInput = z
  .object({ field: z.enum(Object.keys(USER_ORDER) as [keyof typeof USER_ORDER]), direction: z.enum(['ASC', 'DESC']) })
  .nullish();

/** The staff directory by keyset: by name unless `orderBy` says otherwise, ties broken by id. */
export function listUsers(em: EntityManager, args: ConnectionArgs & { filter?: unknown; orderBy?: unknown }) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const order = parseInput(orderInput, args.orderBy, 'orderBy');
  const w: FilterQuery<User>[] = [];
  if (f.role) w.push({ role: f.role });
  if (f.active != null) w.push({ active: f.active });
  if (f.search)
    w.push({
      $or: [{ name: { $ilike: containsPattern(f.search) } }, { email: { $ilike: containsPattern(f.search) } }],
    });
  const orderBy: QueryOrderMap<User>[] = order
    ? [
        USER_ORDER[order.field](order.direction === 'ASC'),
        { id: order.direction === 'ASC' ? QueryOrder.ASC : QueryOrder.DESC },
      ]
    : [{ name: QueryOrder.ASC }, { id: QueryOrder.ASC }];
  return findConnection(em, User, w.length ? { $and: w } : {}, args, orderBy);
}

const createUserInput = z.object({ email: zEmail, name: zName, role: zRole, password: zPassword });

export async function createUser(em: EntityManager, viewer: Viewer, input: unknown): Promise<User> {
  const data = parseInput(createUserInput, input);
  if (await em.findOne(User, { email: data.email }, { filters: false })) {
    throw conflict(`A user with email ${data.email} already exists.`, {
      fields: [{ path: 'input.email', message: 'is already in use' }],
    });
  }
  const user = em.create(User, {
    email: data.email,
    name: data.name,
    role: data.role,
    passwordHash: await hashPassword(data.password),
  });
  audit(em, viewer, 'USER_CREATED', { type: 'User', id: user.id }, { email: user.email, role: user.role });
  announceStaff(em, user);
  await em.flush();
  return user;
}

async function targetUser(em: EntityManager, viewer: Viewer, id: unknown, what: string): Promise<User> {
  const userId = parseInput(zId, id, 'userId');
  if (userId === viewer.id)
    throw badInput(`You cannot ${what} your own account.`, [{ path: 'userId', message: `cannot ${what} yourself` }]);
  const user = await em.findOne(User, { id: userId });
  if (!user) throw notFound('User', userId);
  return user;
}

export async function changeRole(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  input: { userId: string; role: string },
) {
  const user = await targetUser(em, viewer, input.userId, 'change the role of');
  const role = parseInput(zRole, input.role, 'input.role');
  if (user.role === role) return user;
  const from = user.role;
  user.role = role;
  audit(em, viewer, 'USER_ROLE_CHANGED', { type: 'User', id: user.id }, { from, to: role });
  announceStaff(em, user);
  await em.flush();
  // Tokens carry the role: void the old ones so the new role applies at the next refresh.
  await voidAccessTokens(d, user.id);
  return user;
}

export async function setActive(em: EntityManager, d: IdentityDeps, viewer: Viewer, id: string, active: boolean) {
  const user = await targetUser(em, viewer, id, active ? 'reactivate' : 'deactivate');
  if (user.active === active) return user;
  user.active = active;
  audit(em, viewer, active ? 'USER_REACTIVATED' : 'USER_DEACTIVATED', { type: 'User', id: user.id });
  announceStaff(em, user);
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
  audit(em, viewer, 'USER_PASSWORD_RESET', { type: 'User', id: user.id });
  await em.flush();
  await revokeAllSessions(em, d, user.id);
  return user;
}
