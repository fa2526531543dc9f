import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { clientViewer, signViewerToken, ttDemoLinks, VIEWER_HEADER } from '@nexus/platform';
import type { IdentityDeps } from '../../subgraphs/identity/src/context.ts';
import { bearer, gql, type GqlResponse } from '../support/client.ts';
import { codes, data, fieldPaths, signInStaff, type Staff } from '../support/staff.ts';
import {
  inviteTraveller,
  portalMailTo,
  secretsOf,
  signInTraveller,
  startPortalSystem,
  type PortalSystem,
} from '../support/portal.ts';

/**
 * The client portal's doors: invitation by staff, sign-in by link (used only on confirmation) or
 * code, sessions and their end, and what a traveller's token may reach (nothing of staff's).
 */
let world: PortalSystem;
let staff: Staff;
let seq = 0;
// Demo TT-API travellers, one per test account (an account is one traveler); the family of demo
// client 21 is kept for the party test.
const PARTY_CLIENT = ttDemoLinks.clients[21]!;
const spare = ttDemoLinks.travelers.filter((t) => t.clientId !== PARTY_CLIENT.id);
const traveller = (access: 'VIEW_OWN' | 'PAY_FOR_PARTY' | 'MANAGE_FAMILY' = 'VIEW_OWN') => {
  const n = `${Date.now().toString(36)}${(seq++).toString(36)}`;
  const t = spare.shift();
  if (!t) throw new Error('no demo traveler left');
  return {
    email: `traveller-${n}@example.test`,
    ttClientId: t.clientId,
    ttTravelerId: t.id,
    access,
    name: `${t.firstName} ${t.lastName}`,
  };
};
const url = () => world.system.gatewayUrl;

const STATUS = 'query($t: String!) { portalSignInLinkStatus(token: $t) }';
const CONFIRM = 'mutation($t: String!) { portalConfirmSignIn(token: $t) { accessToken refreshToken } }';
const WITH_CODE =
  'mutation($e: String!, $c: String!) { portalSignInWithCode(email: $e, code: $c) { accessToken refreshToken } }';
const REQUEST = 'mutation($e: String!) { portalRequestSignIn(email: $e) { message validMinutes } }';
const ME = '{ portalMe { id email name access travelerId clientId hasPassword notifyPaymentDue } }';

beforeAll(async () => {
  // The per-address limits as deployed (the helper raises them for other files).
  world = await startPortalSystem({
    env: { PORTAL_SIGN_IN_REQUESTS_PER_ADDRESS: '5', PORTAL_SIGN_IN_ATTEMPTS_PER_ADDRESS: '10' },
  });
  staff = await signInStaff(world.system);
}, 120_000);
afterAll(async () => {
  await world?.close();
});

describe('sign-in link', () => {
  it('is not used up by opening it (GET, status); confirming uses it once', async () => {
    const t = traveller();
    const { message, accountId } = await inviteTraveller(world.system, world.mail, t);
    expect(message.subject).toMatch(/traveller portal/i);
    const { token, link } = secretsOf(message);
    // A mail scanner (or the traveller) opens the link: nothing is used up.
    const opened = await fetch(link.replace(/^https?:\/\/[^/]+/, url()), { headers: { accept: 'text/html' } });
    await opened.arrayBuffer();
    expect(opened.status).toBeLessThan(500);
    expect(data(await gql(url(), STATUS, { t: token }))).toEqual({ portalSignInLinkStatus: 'VALID' });
    expect(data(await gql(url(), STATUS, { t: token }))).toEqual({ portalSignInLinkStatus: 'VALID' });

    const first = await gql<{ portalConfirmSignIn: { accessToken: string } }>(url(), CONFIRM, { t: token });
    const session = data(first).portalConfirmSignIn;
    const me = data(
      await gql<{ portalMe: { id: string; email: string; access: string } }>(
        url(),
        ME,
        {},
        bearer(session.accessToken),
      ),
    );
    expect(me.portalMe).toMatchObject({
      id: accountId,
      email: t.email,
      access: 'VIEW_OWN',
      travelerId: t.ttTravelerId,
    });

    const again = await gql(url(), CONFIRM, { t: token });
    expect(codes(again)).toEqual(['UNAUTHENTICATED']);
    expect(again.errors?.[0]?.message).toMatch(/already used/);
    expect(data(await gql(url(), STATUS, { t: token }))).toEqual({ portalSignInLinkStatus: 'USED' });
    // The staff list shows the account as taken up.
    const listed = data(
      await staff.as.agent<{ travelerAccounts: { nodes: { id: string; status: string }[] } }>(
        'query($f: TravelerAccountFilter) { travelerAccounts(filter: $f) { nodes { id status } } }',
        { f: { ttTravelerId: t.ttTravelerId } },
      ),
    );
    expect(listed.travelerAccounts.nodes).toEqual([{ id: accountId, status: 'ACTIVE' }]);
  });

  it('invites only a TT-API traveler of the client named, and sends nothing otherwise', async () => {
    const t = traveller();
    const other = ttDemoLinks.clients.find((c) => c.id !== t.ttClientId)!;
    const invite = (input: Record<string, unknown>) =>
      staff.as.advisor('mutation($i: InviteTravelerInput!) { inviteTraveler(input: $i) { id } }', {
        i: { email: t.email, name: t.name, access: 'VIEW_OWN', ...input },
      });
    const since = world.mail.messages.length;
    const wrongClient = await invite({ ttClientId: other.id, ttTravelerId: t.ttTravelerId });
    expect(codes(wrongClient)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(wrongClient)).toEqual(['input.ttClientId']);
    const unknown = await invite({ ttClientId: t.ttClientId, ttTravelerId: crypto.randomUUID() });
    expect(fieldPaths(unknown)).toEqual(['input.ttTravelerId']);
    expect(
      codes(
        await staff.as.agent(
          'mutation { inviteTraveler(input: { email: "a@b.test", name: "A", ttClientId: "c", ttTravelerId: "t" }) { id } }',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const listed = await staff.as.agent<{ travelerAccounts: { totalCount: number } }>(
      'query($f: TravelerAccountFilter) { travelerAccounts(filter: $f) { totalCount } }',
      { f: { ttTravelerId: t.ttTravelerId } },
    );
    expect(data(listed).travelerAccounts.totalCount).toBe(0);
    expect(world.mail.messages.slice(since).filter((m) => m.envelopeTo.includes(t.email))).toEqual([]);
  });

  it('refuses a forged or cut token with a clear error, and reveals nothing', async () => {
    const forged = 'A'.repeat(43);
    expect(data(await gql(url(), STATUS, { t: forged }))).toEqual({ portalSignInLinkStatus: 'INVALID' });
    expect(data(await gql(url(), STATUS, { t: 'short' }))).toEqual({ portalSignInLinkStatus: 'INVALID' });
    const res = await gql(url(), CONFIRM, { t: forged });
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.errors?.[0]?.message).toBe('This sign-in link is not valid. Ask for a new one.');
    expect(res.raw).not.toMatch(/stack|sql|select /i);
  });
});

describe('one-time code', () => {
  it('signs in once, expires after 15 minutes (injected clock) and answers alike for unknown addresses', async () => {
    const t = traveller();
    await inviteTraveller(world.system, world.mail, t);
    const since = world.mail.messages.length;
    const asked = data(await gql(url(), REQUEST, { e: t.email }));
    const unknown = data(await gql(url(), REQUEST, { e: `nobody-${seq++}@example.test` }));
    expect(unknown).toEqual(asked);
    const { code, token } = secretsOf(await portalMailTo(world.mail, t.email, since));

    const identity = world.system.deps.identity as IdentityDeps;
    const real = identity.clock;
    identity.clock = () => new Date(Date.now() + 16 * 60_000);
    try {
      const late = await gql(url(), WITH_CODE, { e: t.email, c: code });
      expect(codes(late)).toEqual(['UNAUTHENTICATED']);
      expect(data(await gql(url(), STATUS, { t: token }))).toEqual({ portalSignInLinkStatus: 'EXPIRED' });
      expect((await gql(url(), CONFIRM, { t: token })).errors?.[0]?.message).toMatch(/expired/);
    } finally {
      identity.clock = real;
    }
    // An unknown address and a wrong code get the very same answer.
    const wrong = await gql(url(), WITH_CODE, { e: t.email, c: code === '000000' ? '111111' : '000000' });
    const stranger = await gql(url(), WITH_CODE, { e: `nobody-${seq++}@example.test`, c: code });
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(stranger.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);

    const ok = data(
      await gql<{ portalSignInWithCode: { accessToken: string } }>(url(), WITH_CODE, { e: t.email, c: code }),
    );
    expect(ok.portalSignInWithCode.accessToken).toBeTruthy();
    expect(codes(await gql(url(), WITH_CODE, { e: t.email, c: code }))).toEqual(['UNAUTHENTICATED']);
    // Bad input names the field and changes nothing.
    const bad = await gql(url(), WITH_CODE, { e: t.email, c: '12ab' });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
  });

  it('limits requests per address, the same for unknown addresses', async () => {
    const limited = async (email: string) => {
      const answers: GqlResponse[] = [];
      for (let i = 0; i < 6; i++) answers.push(await gql(url(), REQUEST, { e: email }));
      return answers.map((a) => codes(a)[0] ?? 'OK');
    };
    const t = traveller();
    await inviteTraveller(world.system, world.mail, t);
    const known = await limited(t.email);
    const unknown = await limited(`nobody-${seq++}@example.test`);
    expect(known).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect(unknown).toEqual(known);
  });
});

describe('sessions', () => {
  it('rotates the refresh token (cookie on /portal/graphql) and ends the session on reuse', async () => {
    const t = await signInTraveller(world.system, world.mail, traveller());
    const refresh = (token: string) =>
      gql<{ portalRefreshSession: { accessToken: string; refreshToken: string } }>(
        url(),
        'mutation($r: String) { portalRefreshSession(refreshToken: $r) { accessToken refreshToken } }',
        { r: token },
      );
    const next = await refresh(t.refreshToken);
    const rotated = data(next).portalRefreshSession;
    expect(rotated.refreshToken).not.toBe(t.refreshToken);
    // Presenting the used token again ends the whole session, the rotated token included.
    expect(codes(await refresh(t.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await refresh(rotated.refreshToken))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(url(), ME, {}, bearer(rotated.accessToken)))).toEqual(['UNAUTHENTICATED']);

    // Browsers: the portal endpoint keeps the refresh token in its own HttpOnly cookie.
    const t2 = traveller();
    const { message } = await inviteTraveller(world.system, world.mail, t2);
    const res = await fetch(`${url()}/portal/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: WITH_CODE, variables: { e: t2.email, c: secretsOf(message).code } }),
    });
    await res.arrayBuffer();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^nexus_portal_refresh=/);
    expect(cookie).toMatch(/Path=\/portal\/graphql/);
    expect(cookie).toMatch(/HttpOnly/);
  });

  it('closes a disabled account’s websocket and refuses its tokens', async () => {
    const t = await signInTraveller(world.system, world.mail, traveller());
    const ws = new WebSocket(`${url().replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    const acked = new Promise<void>((resolve) =>
      ws.on('message', (m: Buffer) => JSON.parse(m.toString()).type === 'connection_ack' && resolve()),
    );
    ws.on('open', () =>
      ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.token}` } })),
    );
    await acked;
    data(
      await staff.as.advisor('mutation($id: ID!) { disableTravelerAccount(id: $id) { id status } }', {
        id: t.accountId,
      }),
    );
    expect(await closed).toBe(4403);
    expect(codes(await t.call(ME))).toEqual(['UNAUTHENTICATED']);
    // Nothing sent before works either.
    const refreshed = await gql(
      url(),
      'mutation($r: String) { portalRefreshSession(refreshToken: $r) { accessToken } }',
      {
        r: t.refreshToken,
      },
    );
    expect(codes(refreshed)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('what a traveller may reach', () => {
  it('reads its own account; no staff field, no introspection; staff do not read portal fields', async () => {
    const t = await signInTraveller(world.system, world.mail, traveller('PAY_FOR_PARTY'));
    expect(data(await t.call<{ portalMe: { access: string } }>(ME)).portalMe.access).toBe('PAY_FOR_PARTY');
    for (const query of [
      '{ me { id } }',
      '{ users(first: 1) { totalCount } }',
      '{ contacts(first: 1) { totalCount } }',
      '{ travelerAccounts(first: 1) { totalCount } }',
      '{ __schema { queryType { name } } }',
    ]) {
      const res = await t.call(query);
      expect(codes(res), query).toEqual(['FORBIDDEN']);
      expect(res.data ?? null, query).toBeNull();
    }
    expect(
      codes(
        await t.call(
          'mutation { inviteTraveler(input: { email: "a@b.test", name: "A", ttClientId: "c", ttTravelerId: "t" }) { id } }',
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(codes(await staff.as.admin(ME))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(url(), ME))).toEqual(['UNAUTHENTICATED']);

    // A subgraph's own shield refuses the same, whatever reaches it.
    const secret = world.system.iso.vars.INTERNAL_TOKEN_SECRET ?? '';
    const viewer = clientViewer({
      accountId: t.accountId,
      ttClientId: 'c',
      ttTravelerId: 't',
      access: 'MANAGE_FAMILY',
    });
    const direct = await fetch(`${world.system.subgraphUrls.identity}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [VIEWER_HEADER]: await signViewerToken(viewer, 'identity', secret),
      },
      body: JSON.stringify({ query: '{ users(first: 1) { totalCount } travelerAccounts(first: 1) { totalCount } }' }),
    });
    const body = (await direct.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('reads its party’s trips; another client’s trip and a missing id are the same NOT_FOUND; levels gate PAYER and FAMILY', async () => {
    const client = PARTY_CLIENT;
    const own = ttDemoLinks.travelers.find((t) => t.clientId === client.id)!;
    const other = ttDemoLinks.clients[22]!;
    const trips = [...world.system.simulator.control.db.clientTrips.values()];
    const ownTrip = trips.find((t) => t.clientId === client.id && t.travelerIds.includes(own.id))!;
    const otherTrip = trips.find((t) => t.clientId === other.id)!;
    const t = await signInTraveller(world.system, world.mail, {
      email: `own-${seq++}@example.test`,
      ttClientId: client.id,
      ttTravelerId: own.id,
      access: 'VIEW_OWN',
    });
    const listed = data(
      await t.call<{ portalTrips: { nodes: { id: string }[] } }>('{ portalTrips(first: 50) { nodes { id } } }'),
    );
    expect(listed.portalTrips.nodes.map((n) => n.id)).toContain(ownTrip.id);
    expect(listed.portalTrips.nodes.map((n) => n.id)).not.toContain(otherTrip.id);
    const trip = (id: string) => t.call(`query($id: ID!) { portalTrip(id: $id) { id } }`, { id });
    const foreign = await trip(otherTrip.id);
    const missing = await trip(crypto.randomUUID());
    expect(codes(foreign)).toEqual(['NOT_FOUND']);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    expect(foreign.data?.portalTrip ?? null).toBeNull();
    // VIEW_OWN does not open what the client owes or the family; the gateway refuses before any read.
    expect(codes(await t.call('{ portalInvoices(first: 5) { totalCount } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await t.call('{ portalFamily(first: 5) { totalCount } }'))).toEqual(['FORBIDDEN']);
  });

  it('keeps the notification choices (SELF) and an optional password', async () => {
    const t = traveller();
    const s = await signInTraveller(world.system, world.mail, t);
    const updated = data(
      await s.call<{ portalUpdateNotifications: { notifyPaymentDue: boolean; notifyItineraryPublished: boolean } }>(
        'mutation { portalUpdateNotifications(input: { notifyPaymentDue: true }) { notifyPaymentDue notifyItineraryPublished } }',
      ),
    );
    expect(updated.portalUpdateNotifications).toEqual({ notifyPaymentDue: true, notifyItineraryPublished: false });
    const short = await s.call('mutation { portalSetPassword(input: { newPassword: "short" }) }');
    expect(codes(short)).toEqual(['BAD_USER_INPUT']);
    data(await s.call('mutation { portalSetPassword(input: { newPassword: "a long enough secret" }) }'));
    const signedIn = await gql<{ portalSignInWithPassword: { accessToken: string } }>(
      url(),
      'mutation($e: String!, $p: String!) { portalSignInWithPassword(email: $e, password: $p) { accessToken } }',
      { e: t.email, p: 'a long enough secret' },
    );
    expect(data(signedIn).portalSignInWithPassword.accessToken).toBeTruthy();
    const wrong = await gql(
      url(),
      'mutation($e: String!, $p: String!) { portalSignInWithPassword(email: $e, password: $p) { accessToken } }',
      { e: t.email, p: 'not the password' },
    );
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
  });
});
