import { QueryOrder, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  PORTAL_ACCESS_LEVELS,
  SERVICES,
  badInput,
  conflict,
  gatewayExecutor,
  runAs,
  upstreamUnavailable,
  findConnection,
  notFound,
  parseInput,
  requireClient,
  zEmail,
  zId,
  zName,
  type ConnectionArgs,
  type PortalAccess,
  type Viewer,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { PortalAccount, PortalSignIn, User } from '../entities/index.ts';
import { audit } from './audit.service.ts';
import { containsPattern } from './like.ts';
import { endAllPortalSessions, sendSignInMail, voidPortalAccessTokens } from './portal-sessions.service.ts';

export type TravelerAccountStatus = 'INVITED' | 'ACTIVE' | 'DISABLED';
export const statusOf = (a: PortalAccount): TravelerAccountStatus =>
  !a.active ? 'DISABLED' : a.activatedAt ? 'ACTIVE' : 'INVITED';

const zAccess = z.enum(PORTAL_ACCESS_LEVELS as [PortalAccess, ...PortalAccess[]]);
/** TT-API ids: opaque strings of letters, digits and `_-:.`. */
const zTtId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be a TT-API id' });

const filterInput = z.object({
  ttClientId: zTtId.nullish(),
  ttTravelerId: zTtId.nullish(),
  crmContactId: zId.nullish(),
  search: z.string().trim().max(200).nullish(),
  status: z.enum(['INVITED', 'ACTIVE', 'DISABLED']).nullish(),
});

export function listTravelerAccounts(em: EntityManager, args: ConnectionArgs & { filter?: unknown }) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const w: FilterQuery<PortalAccount>[] = [];
  if (f.ttClientId) w.push({ ttClientId: f.ttClientId });
  if (f.ttTravelerId) w.push({ ttTravelerId: f.ttTravelerId });
  if (f.crmContactId) w.push({ crmContactId: f.crmContactId });
  if (f.status === 'DISABLED') w.push({ active: false });
  if (f.status === 'ACTIVE') w.push({ active: true, activatedAt: { $ne: null } });
  if (f.status === 'INVITED') w.push({ active: true, activatedAt: null });
  if (f.search)
    w.push({
      $or: [{ name: { $ilike: containsPattern(f.search) } }, { email: { $ilike: containsPattern(f.search) } }],
    });
  return findConnection(em, PortalAccount, w.length ? { $and: w } : {}, args, [
    { name: QueryOrder.ASC },
    { id: QueryOrder.ASC },
  ]);
}

export async function getTravelerAccount(em: EntityManager, id: unknown): Promise<PortalAccount | null> {
  return em.findOne(PortalAccount, { id: parseInput(zId, id, 'id') });
}

async function target(em: EntityManager, id: unknown, path = 'id'): Promise<PortalAccount> {
  const accountId = parseInput(zId, id, path);
  const account = await em.findOne(PortalAccount, { id: accountId });
  if (!account) throw notFound('TravelerAccount', accountId);
  return account;
}

const inviteInput = z.object({
  email: zEmail,
  name: zName,
  ttClientId: zTtId,
  ttTravelerId: zTtId,
  access: zAccess.default('VIEW_OWN'),
  crmContactId: zId.nullish(),
});

const TRAVELER = `query PortalInviteTraveler($id: ID!) { traveler(id: $id) { id client { id } } }`;

let executor: { key: string; run: ReturnType<typeof gatewayExecutor> } | undefined;
const graphOf = (d: IdentityDeps) => {
  const key = `${d.env.GATEWAY_URL}|${d.env.INTERNAL_TOKEN_SECRET}`;
  if (executor?.key !== key)
    executor = {
      key,
      run: gatewayExecutor({ gatewayUrl: d.env.GATEWAY_URL, secret: d.env.INTERNAL_TOKEN_SECRET, timeoutMs: 15_000 }),
    };
  return executor.run;
};

/**
 * The TT-API traveler must exist and travel on the client named: an account's scope is exactly
 * these two ids, so a mismatch would open another family's records. Asked through the graph (travel
 * holds TT-API); when it cannot answer, nothing is invited.
 */
async function checkTraveler(d: IdentityDeps, viewer: Viewer, ttClientId: string, ttTravelerId: string) {
  const requestId = viewer.requestId ?? crypto.randomUUID();
  const outcome = await runAs(
    graphOf(d),
    SERVICES.portalInvitations,
    { query: TRAVELER, variables: { id: ttTravelerId } },
    requestId,
  ).catch(() => null);
  const unavailable = () =>
    upstreamUnavailable(
      'travel',
      'The traveller could not be checked in TT-API right now; nothing was sent. Try again shortly.',
    );
  if (!outcome) throw unavailable();
  if (!outcome.ok && outcome.code !== 'NOT_FOUND' && outcome.code !== 'BAD_USER_INPUT') throw unavailable();
  const traveler = outcome.ok ? (outcome.data.traveler as { id: string; client: { id: string } | null } | null) : null;
  if (!traveler)
    throw badInput('input.ttTravelerId: no such TT-API traveler', [
      { path: 'input.ttTravelerId', message: 'is not a TT-API traveler' },
    ]);
  if (traveler.client?.id !== ttClientId)
    throw badInput('input.ttClientId: the traveler does not travel on this client', [
      { path: 'input.ttClientId', message: 'is not the traveler’s client' },
    ]);
}

const inviterName = async (em: EntityManager, viewer: Viewer) =>
  viewer.kind === 'user' && viewer.id ? ((await em.findOne(User, { id: viewer.id }))?.name ?? null) : null;

/**
 * Creates the traveller's account, or takes up the one their TT-API traveler already has (a second
 * invitation before they signed in, or a changed address), and emails the sign-in link.
 */
export async function inviteTraveler(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  input: unknown,
): Promise<PortalAccount> {
  const data = parseInput(inviteInput, input);
  await checkTraveler(d, viewer, data.ttClientId, data.ttTravelerId);
  const byTraveler = await em.findOne(PortalAccount, { ttTravelerId: data.ttTravelerId });
  const byEmail = await em.findOne(PortalAccount, { email: data.email });
  if (byEmail && byEmail.ttTravelerId !== data.ttTravelerId)
    throw conflict(`${data.email} already signs in to the portal as another traveller.`, {
      fields: [{ path: 'input.email', message: 'belongs to another traveller account' }],
    });
  if (byTraveler && byTraveler.ttClientId !== data.ttClientId)
    throw conflict('This traveller already has a portal account with another client.', {
      fields: [{ path: 'input.ttClientId', message: 'differs from the account’s client' }],
    });
  if (byTraveler && !byTraveler.active)
    throw conflict('This traveller’s portal account is disabled; enable it first.', {
      fields: [{ path: 'input.ttTravelerId', message: 'has a disabled account' }],
    });
  const now = d.clock();
  const account =
    byTraveler ??
    em.create(PortalAccount, {
      email: data.email,
      name: data.name,
      ttClientId: data.ttClientId,
      ttTravelerId: data.ttTravelerId,
      access: data.access,
      invitedAt: now,
    });
  const accessChanged = byTraveler !== null && byTraveler.access !== data.access;
  const emailChanged = byTraveler !== null && byTraveler.email !== data.email;
  account.name = data.name;
  account.email = data.email;
  account.access = data.access;
  account.crmContactId = data.crmContactId ?? account.crmContactId ?? null;
  account.invitedAt = now;
  account.invitedById = viewer.kind === 'user' ? viewer.id : null;
  audit(
    em,
    viewer,
    'PORTAL_ACCOUNT_INVITED',
    { type: 'TravelerAccount', id: account.id },
    {
      email: account.email,
      ttClientId: account.ttClientId,
      ttTravelerId: account.ttTravelerId,
      access: account.access,
    },
  );
  await em.flush();
  // Links already sent to an old address stop working.
  if (emailChanged) await em.nativeUpdate(PortalSignIn, { accountId: account.id, usedAt: null }, { usedAt: d.clock() });
  await sendSignInMail(em, d, account, { invitation: true, invitedBy: await inviterName(em, viewer) });
  if (accessChanged || emailChanged) await endAllPortalSessions(em, d, account.id);
  return account;
}

export async function resendInvitation(em: EntityManager, d: IdentityDeps, viewer: Viewer, id: unknown) {
  const account = await target(em, id);
  if (!account.active)
    throw conflict('This portal account is disabled; enable it first.', {
      fields: [{ path: 'id', message: 'is disabled' }],
    });
  account.invitedAt = d.clock();
  account.invitedById = viewer.kind === 'user' ? viewer.id : null;
  audit(em, viewer, 'PORTAL_ACCOUNT_INVITED', { type: 'TravelerAccount', id: account.id }, { resent: true });
  await em.flush();
  await sendSignInMail(em, d, account, { invitation: true, invitedBy: await inviterName(em, viewer) });
  return account;
}

export async function changeAccess(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  input: { id: string; access: string },
) {
  const account = await target(em, input.id, 'input.id');
  const access = parseInput(zAccess, input.access, 'input.access');
  if (account.access === access) return account;
  const from = account.access;
  account.access = access;
  audit(em, viewer, 'PORTAL_ACCESS_CHANGED', { type: 'TravelerAccount', id: account.id }, { from, to: access });
  await em.flush();
  // Tokens carry the scope: the new level applies from the next refresh.
  await voidPortalAccessTokens(d, account.id);
  return account;
}

/** Disabling ends every session at once (HTTP and open sockets); nothing sent before works. */
export async function setAccountActive(
  em: EntityManager,
  d: IdentityDeps,
  viewer: Viewer,
  id: unknown,
  active: boolean,
) {
  const account = await target(em, id);
  if (account.active === active) return account;
  account.active = active;
  audit(em, viewer, active ? 'PORTAL_ACCOUNT_ENABLED' : 'PORTAL_ACCOUNT_DISABLED', {
    type: 'TravelerAccount',
    id: account.id,
  });
  await em.flush();
  if (!active) {
    await em.nativeUpdate(PortalSignIn, { accountId: account.id, usedAt: null }, { usedAt: d.clock() });
    await endAllPortalSessions(em, d, account.id);
  }
  return account;
}

/* ---------- the traveller's own account (SELF) ---------- */

/** The signed-in traveller's account; a disabled or missing one is a session that has ended. */
export async function portalSelf(em: EntityManager, viewer: Viewer): Promise<PortalAccount> {
  const scope = requireClient(viewer);
  const account = await em.findOne(PortalAccount, { id: scope.accountId, active: true });
  if (!account) throw notFound('PortalMe', scope.accountId);
  return account;
}

const notificationsInput = z.object({
  notifyItineraryPublished: z.boolean().nullish(),
  notifyPaymentDue: z.boolean().nullish(),
  notifyScheduleChange: z.boolean().nullish(),
});

export async function updatePortalNotifications(
  em: EntityManager,
  viewer: Viewer,
  input: unknown,
): Promise<PortalAccount> {
  const data = parseInput(notificationsInput, input);
  const account = await portalSelf(em, viewer);
  if (data.notifyItineraryPublished != null) account.notifyItineraryPublished = data.notifyItineraryPublished;
  if (data.notifyPaymentDue != null) account.notifyPaymentDue = data.notifyPaymentDue;
  if (data.notifyScheduleChange != null) account.notifyScheduleChange = data.notifyScheduleChange;
  await em.flush();
  return account;
}
