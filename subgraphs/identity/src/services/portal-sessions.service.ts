import { randomInt } from 'node:crypto';
import argon2 from 'argon2';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  QUEUES,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  enqueue,
  parseInput,
  randomSecret,
  rateLimited,
  revokedSessionKey,
  sameDigest,
  sha256,
  signAccessToken,
  unauthenticated,
  userTokensNotBeforeKey,
  zEmail,
  type ClientScope,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { PortalAccount, PortalRefreshToken, PortalSignIn, type PortalSignInKind } from '../entities/index.ts';
import { announceRevocation, hashPassword } from './sessions.service.ts';

/** A portal session as the graph hands it out (PortalSession). */
export interface PortalSession {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Sign-in links and codes asked for by the traveller live 15 minutes; an invitation's link longer. */
export const SIGN_IN_VALID_MINUTES = 15;
/** Wrong codes a live code survives; the next one uses it up. */
const CODE_ATTEMPTS = 5;
const RATE_WINDOW_S = 15 * 60;

const SIGNED_OUT = 'Your portal session has ended. Sign in again.';
const BAD_CODE = 'This code is not valid: it may be mistyped, used or expired. Ask for a new code.';
const WRONG_PASSWORD = 'Email or password is incorrect.';
const LINK_PROBLEM: Record<'EXPIRED' | 'USED' | 'INVALID', string> = {
  EXPIRED: 'This sign-in link has expired. Ask for a new one.',
  USED: 'This sign-in link was already used. Ask for a new one.',
  INVALID: 'This sign-in link is not valid. Ask for a new one.',
};
export const REQUEST_ANSWER =
  'If this address has a portal account, we have emailed it a sign-in link and a six-digit code.';

/** The traveller's scope as signed into their access tokens and read back by every subgraph. */
export const scopeOf = (a: PortalAccount): ClientScope => ({
  accountId: a.id,
  ttClientId: a.ttClientId,
  ttTravelerId: a.ttTravelerId,
  access: a.access,
});

const zToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const zCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { message: 'must be the six digits from the email' });
const zAddress = zEmail;

const linkHash = (token: string) => sha256(`portal-link:${token}`);
// A code is only six digits: salted with the account, so one hash never matches another account's code.
const codeHash = (accountId: string, code: string) => sha256(`portal-code:${accountId}:${code}`);

/* ---------- rate limits (Redis, keyed by hashes: nothing tells which addresses are real) ---------- */

async function countWithin(d: IdentityDeps, key: string, limit: number, message: string): Promise<void> {
  const full = `${d.env.REDIS_PREFIX}:${key}`;
  const n = await d.redis.incr(full);
  if (n === 1) await d.redis.expire(full, RATE_WINDOW_S);
  if (n > limit) {
    const ttl = await d.redis.pTTL(full);
    throw rateLimited(ttl > 0 ? ttl : RATE_WINDOW_S * 1000, message);
  }
}

const TOO_MANY = 'Too many sign-in attempts. Try again later.';
async function limitRequests(d: IdentityDeps, email: string, ip: string) {
  await countWithin(d, `portal-ask-ip:${sha256(ip)}`, d.env.PORTAL_SIGN_IN_REQUESTS_PER_IP, TOO_MANY);
  await countWithin(d, `portal-ask:${sha256(email)}`, d.env.PORTAL_SIGN_IN_REQUESTS_PER_ADDRESS, TOO_MANY);
}
/** Code and password attempts per address and per network address. */
async function limitAttempts(d: IdentityDeps, email: string, ip: string) {
  await countWithin(d, `portal-try-ip:${sha256(ip)}`, d.env.PORTAL_SIGN_IN_ATTEMPTS_PER_IP, TOO_MANY);
  await countWithin(d, `portal-try:${sha256(email)}`, d.env.PORTAL_SIGN_IN_ATTEMPTS_PER_ADDRESS, TOO_MANY);
}

/* ---------- emails ---------- */

/** The page a link opens: it shows a button, and only that button's press uses the token. */
export const confirmUrl = (d: IdentityDeps, token: string) => `${d.env.PUBLIC_URL}/portal/confirm?token=${token}`;

/** Creates a link (and a code) for the account and queues the email that carries them. */
export async function sendSignInMail(
  em: EntityManager,
  d: IdentityDeps,
  account: PortalAccount,
  o: { invitation: boolean; invitedBy?: string | null },
): Promise<void> {
  const now = d.clock();
  const linkMinutes = o.invitation ? d.env.PORTAL_INVITATION_TTL_HOURS * 60 : SIGN_IN_VALID_MINUTES;
  const token = randomSecret();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Only the newest code is live: an older one still in a mailbox stops working.
  await em.nativeUpdate(PortalSignIn, { accountId: account.id, kind: 'CODE', usedAt: null }, { usedAt: now });
  const secret = (kind: PortalSignInKind, hash: string, minutes: number) =>
    em.create(PortalSignIn, {
      accountId: account.id,
      kind,
      secretHash: hash,
      expiresAt: new Date(now.getTime() + minutes * 60_000),
      createdAt: now,
    });
  const link = secret('LINK', linkHash(token), linkMinutes);
  secret('CODE', codeHash(account.id, code), SIGN_IN_VALID_MINUTES);
  const url = confirmUrl(d, token);
  const agency = d.env.PORTAL_AGENCY_NAME;
  const validity = o.invitation
    ? `The link works for ${Math.round(linkMinutes / 60 / 24) >= 1 ? `${Math.round(linkMinutes / 60 / 24)} days` : `${linkMinutes / 60} hours`}; the code for ${SIGN_IN_VALID_MINUTES} minutes.`
    : `The link and the code work for ${SIGN_IN_VALID_MINUTES} minutes, once.`;
  const text = [
    `Hello ${account.name},`,
    '',
    o.invitation
      ? `${o.invitedBy ? `${o.invitedBy} at ${agency}` : agency} invited you to your traveller portal: your trips, itinerary, documents and payments in one place, on your phone too.`
      : `Here is how to sign in to your ${agency} traveller portal.`,
    '',
    `Sign in: ${url}`,
    `Or enter this code on the sign-in page: ${code}`,
    '',
    validity,
    'If you did not ask for this, ignore this email: nobody can sign in without it.',
    '',
    agency,
  ].join('\n');
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: account.email,
    subject: o.invitation ? `Your ${agency} traveller portal` : `Sign in to your ${agency} traveller portal`,
    text,
    html: null,
    category: o.invitation ? 'portal-invitation' : 'portal-sign-in',
    dedupeKey: `portal-sign-in:${link.id}`,
  });
  await em.flush();
}

/* ---------- sessions ---------- */

export async function issuePortalSession(
  em: EntityManager,
  d: IdentityDeps,
  account: PortalAccount,
  familyId?: string,
): Promise<PortalSession> {
  const secret = randomSecret();
  const refreshTokenExpiresAt = new Date(Date.now() + d.env.REFRESH_TOKEN_TTL_DAYS * 86_400_000);
  const row = em.create(PortalRefreshToken, {
    familyId: familyId ?? crypto.randomUUID(),
    accountId: account.id,
    tokenHash: sha256(secret),
    expiresAt: refreshTokenExpiresAt,
  });
  if (!familyId) {
    account.lastSignInAt = new Date();
    account.activatedAt ??= account.lastSignInAt;
  }
  await em.flush();
  const { token, expiresAt } = await signAccessToken(
    { userId: account.id, role: 'CLIENT', sessionId: row.familyId, client: scopeOf(account) },
    d.env.JWT_SECRET,
    d.env.ACCESS_TOKEN_TTL_SECONDS,
  );
  return {
    accessToken: token,
    accessTokenExpiresAt: expiresAt,
    refreshToken: `${row.id}.${secret}`,
    refreshTokenExpiresAt,
  };
}

/** Emails a link and a code when the address has an active account; the same answer either way. */
export async function requestSignIn(em: EntityManager, d: IdentityDeps, rawEmail: unknown, ip: string) {
  const email = parseInput(zAddress, rawEmail, 'email');
  await limitRequests(d, email, ip);
  const account = await em.findOne(PortalAccount, { email, active: true });
  if (account) await sendSignInMail(em, d, account, { invitation: false });
  return { message: REQUEST_ANSWER, validMinutes: SIGN_IN_VALID_MINUTES };
}

type LinkState = 'VALID' | 'EXPIRED' | 'USED' | 'INVALID';

async function linkState(em: EntityManager, d: IdentityDeps, token: string, lock: boolean) {
  if (!zToken.safeParse(token).success) return { state: 'INVALID' as LinkState, row: null, account: null };
  const row = await em.findOne(
    PortalSignIn,
    { secretHash: linkHash(token), kind: 'LINK' },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  if (!row || !sameDigest(row.secretHash, linkHash(token)))
    return { state: 'INVALID' as LinkState, row, account: null };
  const account = await em.findOne(PortalAccount, { id: row.accountId });
  if (!account || !account.active) return { state: 'INVALID' as LinkState, row, account: null };
  if (row.usedAt) return { state: 'USED' as LinkState, row, account };
  if (row.expiresAt.getTime() <= d.clock().getTime()) return { state: 'EXPIRED' as LinkState, row, account };
  return { state: 'VALID' as LinkState, row, account };
}

/** What the landing page shows before the traveller confirms: reading it changes nothing. */
export async function signInLinkStatus(em: EntityManager, d: IdentityDeps, token: string): Promise<LinkState> {
  return (await linkState(em, d, token, false)).state;
}

/** The traveller confirmed on the landing page: the link is used up and a session begins. */
export async function confirmSignIn(em: EntityManager, d: IdentityDeps, token: string): Promise<PortalSession> {
  return em.transactional(async (tem) => {
    const { state, row, account } = await linkState(tem, d, token, true);
    if (state !== 'VALID' || !row || !account)
      throw unauthenticated(LINK_PROBLEM[state === 'VALID' ? 'INVALID' : state]);
    row.usedAt = d.clock();
    return issuePortalSession(tem, d, account);
  });
}

export async function signInWithCode(
  em: EntityManager,
  d: IdentityDeps,
  rawEmail: unknown,
  rawCode: unknown,
  ip: string,
): Promise<PortalSession> {
  const email = parseInput(zAddress, rawEmail, 'email');
  const code = parseInput(zCode, rawCode, 'code');
  await limitAttempts(d, email, ip);
  const outcome = await em.transactional(async (tem) => {
    const account = await tem.findOne(PortalAccount, { email, active: true });
    if (!account) return null;
    const now = d.clock();
    const live = await tem.find(
      PortalSignIn,
      { accountId: account.id, kind: 'CODE', usedAt: null, expiresAt: { $gt: now } },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const hash = codeHash(account.id, code);
    const hit = live.find((r) => sameDigest(r.secretHash, hash));
    if (!hit) {
      for (const r of live) {
        r.failedAttempts += 1;
        if (r.failedAttempts >= CODE_ATTEMPTS) r.usedAt = now;
      }
      await tem.flush();
      return null;
    }
    hit.usedAt = now;
    return issuePortalSession(tem, d, account);
  });
  if (!outcome) throw unauthenticated(BAD_CODE);
  return outcome;
}

/** A hash of a password nobody has, so an unknown email costs the same time as a wrong password. */
let dummyHash: Promise<string> | undefined;
const timingDummy = () => (dummyHash ??= argon2.hash(randomSecret(), { type: argon2.argon2id }));

export async function signInWithPassword(
  em: EntityManager,
  d: IdentityDeps,
  rawEmail: unknown,
  rawPassword: unknown,
  ip: string,
): Promise<PortalSession> {
  const email = parseInput(zAddress, rawEmail, 'email');
  const password = parseInput(z.string().min(1, { message: 'is required' }).max(1024), rawPassword, 'password');
  await limitAttempts(d, email, ip);
  const account = await em.findOne(PortalAccount, { email, active: true }, { populate: ['passwordHash'] });
  const ok = account?.passwordHash
    ? await argon2.verify(account.passwordHash, password)
    : (await argon2.verify(await timingDummy(), password)) && false;
  if (!account || !ok) throw unauthenticated(WRONG_PASSWORD);
  return issuePortalSession(em, d, account);
}

const parseRefreshToken = (token: string | null | undefined) => {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token ?? '');
  return m && m[1] && m[2] ? { id: m[1], secret: m[2] } : null;
};

/** Ends one portal session family and voids its access tokens (open sockets close too). */
export async function revokePortalFamily(em: EntityManager, d: IdentityDeps, familyId: string): Promise<void> {
  await em.nativeUpdate(PortalRefreshToken, { familyId, revokedAt: null }, { revokedAt: new Date() });
  await d.redis.set(revokedSessionKey(d.env.REDIS_PREFIX, familyId), '1', { EX: d.env.ACCESS_TOKEN_TTL_SECONDS + 60 });
  await announceRevocation(d, { kind: 'session', id: familyId });
}

/** Every session of an account ends and its access tokens stop working now (disabled, password set). */
export async function endAllPortalSessions(em: EntityManager, d: IdentityDeps, accountId: string): Promise<void> {
  await em.nativeUpdate(PortalRefreshToken, { accountId, revokedAt: null }, { revokedAt: new Date() });
  await voidPortalAccessTokens(d, accountId);
}

/** Access tokens issued before now stop working (the scope changed); refresh tokens keep working. */
export async function voidPortalAccessTokens(d: IdentityDeps, accountId: string): Promise<void> {
  const notBeforeMs = Date.now();
  await d.redis.set(userTokensNotBeforeKey(d.env.REDIS_PREFIX, accountId), String(notBeforeMs), {
    EX: d.env.ACCESS_TOKEN_TTL_SECONDS + 60,
  });
  await announceRevocation(d, { kind: 'user', id: accountId, notBeforeMs });
}

export async function refreshPortalSession(
  em: EntityManager,
  d: IdentityDeps,
  presented: string | null | undefined,
): Promise<PortalSession> {
  const parsed = parseRefreshToken(presented);
  if (!parsed) throw unauthenticated(SIGNED_OUT);
  type Outcome = { kind: 'ok'; session: PortalSession } | { kind: 'reused'; familyId: string } | { kind: 'invalid' };
  const outcome: Outcome = await em.transactional(async (tem) => {
    const row = await tem.findOne(PortalRefreshToken, { id: parsed.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!row || !sameDigest(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' };
    if (row.usedAt || row.revokedAt) return { kind: 'reused', familyId: row.familyId };
    if (row.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' };
    const account = await tem.findOne(PortalAccount, { id: row.accountId });
    if (!account || !account.active) return { kind: 'reused', familyId: row.familyId };
    row.usedAt = new Date();
    return { kind: 'ok', session: await issuePortalSession(tem, d, account, row.familyId) };
  });
  if (outcome.kind === 'ok') return outcome.session;
  // A token presented twice has leaked (or was replayed): end the whole session family.
  if (outcome.kind === 'reused') await revokePortalFamily(em.fork(), d, outcome.familyId);
  throw unauthenticated(SIGNED_OUT);
}

export async function signOut(em: EntityManager, d: IdentityDeps, presented: string | null | undefined) {
  const parsed = parseRefreshToken(presented);
  if (!parsed) return true;
  const row = await em.findOne(PortalRefreshToken, { id: parsed.id });
  if (row && sameDigest(row.tokenHash, sha256(parsed.secret))) await revokePortalFamily(em, d, row.familyId);
  return true;
}

const zNewPassword = z
  .string()
  .min(12, { message: 'must be at least 12 characters' })
  .max(1024, { message: 'must be at most 1024 characters' });
const setPasswordInput = z.object({
  currentPassword: z.string().max(1024).nullish(),
  newPassword: zNewPassword,
});

/**
 * Sets or changes the optional password. Changing one needs the current one; every other session
 * of the traveller ends, the one asking stays signed in.
 */
export async function setPortalPassword(
  em: EntityManager,
  d: IdentityDeps,
  account: PortalAccount,
  input: unknown,
  presented: string | null | undefined,
): Promise<boolean> {
  const data = parseInput(setPasswordInput, input);
  await em.populate(account, ['passwordHash']);
  if (account.passwordHash) {
    if (!data.currentPassword || !(await argon2.verify(account.passwordHash, data.currentPassword)))
      throw badInput('input.currentPassword: is not your current password', [
        { path: 'input.currentPassword', message: 'is not your current password' },
      ]);
  }
  account.passwordHash = await hashPassword(data.newPassword);
  await em.flush();
  const parsed = parseRefreshToken(presented);
  const current = parsed ? await em.findOne(PortalRefreshToken, { id: parsed.id, accountId: account.id }) : null;
  const keep = current && sameDigest(current.tokenHash, sha256(parsed?.secret ?? '')) ? current.familyId : null;
  const open = await em.find(PortalRefreshToken, { accountId: account.id, revokedAt: null }, { fields: ['familyId'] });
  for (const familyId of new Set(open.map((t) => t.familyId).filter((f) => f !== keep)))
    await revokePortalFamily(em, d, familyId);
  return true;
}
