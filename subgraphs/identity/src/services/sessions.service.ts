import argon2 from 'argon2';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  createLogger,
  parseInput,
  revocationChannel,
  randomSecret,
  sameDigest,
  sha256,
  rateLimited,
  revokedSessionKey,
  signAccessToken,
  unauthenticated,
  userTokensNotBeforeKey,
  type Logger,
  type Revocation,
  type Role,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { RefreshToken, User } from '../entities/index.ts';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: { id: string; email: string; name: string; role: Role };
}

const WRONG_CREDENTIALS = 'Email or password is incorrect.';
const SESSION_ENDED = 'Your session has ended. Sign in again.';

/** A hash of a password nobody has, so an unknown email costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= argon2.hash(randomSecret(), { type: argon2.argon2id }));

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

// Lockout: after 5 failures within 15 minutes an address is locked for 1 minute, doubling with every
// further failure up to an hour. Keyed by the email's hash whether or not an account exists, so the
// lockout itself tells nobody which emails are real.
const FAILURE_WINDOW_S = 15 * 60;
const FREE_FAILURES = 5;
const MAX_LOCK_S = 60 * 60;
const failKey = (d: IdentityDeps, email: string) => `${d.env.REDIS_PREFIX}:login-fail:${sha256(email)}`;
const lockKey = (d: IdentityDeps, email: string) => `${d.env.REDIS_PREFIX}:login-lock:${sha256(email)}`;

async function assertNotLocked(d: IdentityDeps, email: string) {
  const ttl = await d.redis.pTTL(lockKey(d, email));
  if (ttl > 0) throw rateLimited(ttl, 'Too many failed sign-in attempts. Try again later.');
}

async function recordFailure(d: IdentityDeps, email: string) {
  const key = failKey(d, email);
  const failures = await d.redis.incr(key);
  if (failures === 1) await d.redis.expire(key, FAILURE_WINDOW_S);
  if (failures >= FREE_FAILURES) {
    const lockSeconds = Math.min(60 * 2 ** (failures - FREE_FAILURES), MAX_LOCK_S);
    await d.redis.set(lockKey(d, email), '1', { EX: lockSeconds });
    await d.redis.expire(key, Math.max(FAILURE_WINDOW_S, lockSeconds * 2));
  }
}

const loginInput = z.object({
  email: z.string().trim().toLowerCase().max(254, { message: 'must be at most 254 characters' }),
  password: z.string().min(1, { message: 'is required' }).max(1024, { message: 'must be at most 1024 characters' }),
});

async function issueSession(em: EntityManager, d: IdentityDeps, user: User, familyId?: string): Promise<Session> {
  const secret = randomSecret();
  const refreshTokenExpiresAt = new Date(Date.now() + d.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  const row = em.create(RefreshToken, {
    familyId: familyId ?? crypto.randomUUID(),
    userId: user.id,
    tokenHash: sha256(secret),
    expiresAt: refreshTokenExpiresAt,
  });
  await em.flush();
  const { token, expiresAt } = await signAccessToken(
    { userId: user.id, role: user.role, sessionId: row.familyId },
    d.env.JWT_SECRET,
    d.env.ACCESS_TOKEN_TTL_SECONDS,
  );
  return {
    accessToken: token,
    accessTokenExpiresAt: expiresAt,
    refreshToken: `${row.id}.${secret}`,
    refreshTokenExpiresAt,
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
  };
}

export async function login(
  em: EntityManager,
  d: IdentityDeps,
  rawEmail: string,
  rawPassword: string,
): Promise<Session> {
  const { email, password } = parseInput(loginInput, { email: rawEmail, password: rawPassword });
  await assertNotLocked(d, email);
  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  const ok =
    user && user.active
      ? await argon2.verify(user.passwordHash, password)
      : (await argon2.verify(await timingDummy(), password)) && false;
  if (!user || !ok) {
    await recordFailure(d, email);
    throw unauthenticated(WRONG_CREDENTIALS);
  }
  await d.redis.del([failKey(d, email), lockKey(d, email)]);
  user.lastLoginAt = new Date();
  return issueSession(em, d, user);
}

const parseRefreshToken = (token: string | null | undefined) => {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token ?? '');
  return m && m[1] && m[2] ? { id: m[1], secret: m[2] } : null;
};

/** Revokes every token of a session family and tells the gateway its access tokens are void. */
export async function revokeFamily(em: EntityManager, d: IdentityDeps, familyId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
  await d.redis.set(revokedSessionKey(d.env.REDIS_PREFIX, familyId), '1', { EX: d.env.ACCESS_TOKEN_TTL_SECONDS + 60 });
  await announceRevocation(d, { kind: 'session', id: familyId });
}

let revocationLog: Logger | undefined;

/**
 * Open sockets hold credentials too; the gateway closes those this revocation voids. A lost message
 * only delays that (the gateway re-checks the Redis markers on every socket operation and event),
 * so a Redis hiccup here does not fail the change that caused it.
 */
export async function announceRevocation(d: IdentityDeps, revocation: Revocation): Promise<void> {
  try {
    await d.redis.publish(revocationChannel(d.env.REDIS_PREFIX), JSON.stringify(revocation));
  } catch (err) {
    (revocationLog ??= createLogger('identity')).warn({ err, revocation }, 'revocation not published');
  }
}

/** Ends every session of a user and voids the access tokens issued so far. */
export async function revokeAllSessions(em: EntityManager, d: IdentityDeps, userId: string): Promise<void> {
  await em.nativeUpdate(RefreshToken, { userId, revokedAt: null }, { revokedAt: new Date() });
  await voidAccessTokens(d, userId);
}

/**
 * Ends every session of a user except the one `presented` (a refresh token of theirs) belongs to:
 * each other session family is revoked, which voids its access tokens too.
 */
export async function endOtherSessions(
  em: EntityManager,
  d: IdentityDeps,
  userId: string,
  presented: string | null | undefined,
): Promise<void> {
  const parsed = parseRefreshToken(presented);
  const current = parsed ? await em.findOne(RefreshToken, { id: parsed.id, userId }) : null;
  const keep = current && sameDigest(current.tokenHash, sha256(parsed?.secret ?? '')) ? current.familyId : null;
  const open = await em.find(RefreshToken, { userId, revokedAt: null }, { fields: ['familyId'] });
  const families = new Set(open.map((t) => t.familyId).filter((f) => f !== keep));
  for (const familyId of families) await revokeFamily(em, d, familyId);
}

/** Access tokens issued before now stop working; refresh tokens keep working (role changes). */
export async function voidAccessTokens(d: IdentityDeps, userId: string): Promise<void> {
  const notBeforeMs = Date.now();
  await d.redis.set(userTokensNotBeforeKey(d.env.REDIS_PREFIX, userId), String(notBeforeMs), {
    EX: d.env.ACCESS_TOKEN_TTL_SECONDS + 60,
  });
  await announceRevocation(d, { kind: 'user', id: userId, notBeforeMs });
}

export async function refresh(
  em: EntityManager,
  d: IdentityDeps,
  presented: string | null | undefined,
): Promise<Session> {
  const parsed = parseRefreshToken(presented);
  if (!parsed) throw unauthenticated(SESSION_ENDED);
  type Outcome = { kind: 'ok'; session: Session } | { kind: 'reused'; familyId: string } | { kind: 'invalid' };
  const outcome: Outcome = await em.transactional(async (tem) => {
    const row = await tem.findOne(RefreshToken, { id: parsed.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row || !sameDigest(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' };
    if (row.usedAt || row.revokedAt) return { kind: 'reused', familyId: row.familyId };
    if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    const user = await tem.findOne(User, { id: row.userId });
    if (!user || !user.active) return { kind: 'reused', familyId: row.familyId };
    row.usedAt = new Date();
    return { kind: 'ok', session: await issueSession(tem, d, user, row.familyId) };
  });
  if (outcome.kind === 'ok') return outcome.session;
  // A token presented twice has leaked (or was replayed): end the whole session family.
  if (outcome.kind === 'reused') await revokeFamily(em.fork(), d, outcome.familyId);
  throw unauthenticated(SESSION_ENDED);
}

export async function logout(
  em: EntityManager,
  d: IdentityDeps,
  presented: string | null | undefined,
): Promise<boolean> {
  const parsed = parseRefreshToken(presented);
  if (!parsed) return true;
  const row = await em.findOne(RefreshToken, { id: parsed.id });
  if (row && sameDigest(row.tokenHash, sha256(parsed.secret))) await revokeFamily(em, d, row.familyId);
  return true;
}
