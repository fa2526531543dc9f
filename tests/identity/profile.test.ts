import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, FORWARDED_REFRESH_HEADER, serviceViewer, viewerFor } from '@nexus/platform';
import { as, startIdentity, type Identity, type Result } from './harness.ts';

/** A staff member's own profile (name, time zone, password) and notification preferences. */

const codes = (r: Result<unknown>) => (r.errors ?? []).map((e) => e.extensions?.code);
const paths = (r: Result<unknown>) =>
  (r.errors ?? []).flatMap((e) => ((e.extensions?.fields as { path: string }[] | undefined) ?? []).map((f) => f.path));
const PASSWORD = process.env.DEMO_PASSWORD ?? 'nexus-demo-password';
const agentId = DEMO_USERS.find((u) => u.role === 'AGENT')?.id ?? '';

let identity: Identity;
beforeAll(async () => {
  identity = await startIdentity();
}, 120_000);
afterAll(async () => identity?.stop());

const ME = `{ me { name timeZone } }`;
const UPDATE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { name timeZone } }`;

describe('profile', () => {
  it('starts in UTC and keeps the name and time zone a person chooses', async () => {
    const before = await identity.run<{ me: { name: string; timeZone: string } }>(ME, {}, as.advisor);
    expect(before.data?.me?.timeZone).toBe('UTC');
    const changed = await identity.run<{ updateProfile: { name: string; timeZone: string } }>(
      UPDATE,
      { input: { name: 'Ada Advisor', timeZone: 'Europe/Lisbon' } },
      as.advisor,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.updateProfile).toEqual({ name: 'Ada Advisor', timeZone: 'Europe/Lisbon' });
    const after = await identity.run<{ me: { name: string; timeZone: string } }>(ME, {}, as.advisor);
    expect(after.data?.me).toEqual({ name: 'Ada Advisor', timeZone: 'Europe/Lisbon' });
  });

  it('refuses an unknown time zone and an empty name, naming the field, and changes nothing', async () => {
    const zone = await identity.run(UPDATE, { input: { timeZone: 'Mars/Olympus' } }, as.agent);
    expect(codes(zone)).toEqual(['BAD_USER_INPUT']);
    expect(paths(zone)).toEqual(['input.timeZone']);
    const name = await identity.run(UPDATE, { input: { name: '  ' } }, as.agent);
    expect(paths(name)).toEqual(['input.name']);
    const me = await identity.run<{ me: { timeZone: string } }>(ME, {}, as.agent);
    expect(me.data?.me?.timeZone).toBe('UTC');
  });

  it('is only for people: a service has no profile', async () => {
    const res = await identity.run(UPDATE, { input: { timeZone: 'UTC' } }, serviceViewer('tt-sync', 'ADMIN'));
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

describe("changing one's own password", () => {
  const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`;
  const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`;

  it('needs the current password, then signs in with the new one only', async () => {
    const wrong = await identity.run(
      CHANGE,
      { input: { currentPassword: 'not-my-password', newPassword: 'a brand new passphrase' } },
      as.viewer,
    );
    expect(codes(wrong)).toEqual(['BAD_USER_INPUT']);
    expect(paths(wrong)).toEqual(['input.currentPassword']);
    const short = await identity.run(CHANGE, { input: { currentPassword: PASSWORD, newPassword: 'short' } }, as.viewer);
    expect(paths(short)).toEqual(['input.newPassword']);

    const done = await identity.run<{ changePassword: boolean }>(
      CHANGE,
      { input: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } },
      as.viewer,
    );
    expect(done.data?.changePassword).toBe(true);
    const old = await identity.run(LOGIN, { email: 'viewer@nexus.test', password: PASSWORD }, as.anonymous);
    expect(codes(old)).toEqual(['UNAUTHENTICATED']);
    const fresh = await identity.run<{ login: { user: { id: string } } }>(
      LOGIN,
      { email: 'viewer@nexus.test', password: 'a brand new passphrase' },
      as.anonymous,
    );
    expect(fresh.data?.login.user.id).toBe(as.viewer.id);
  });

  it("ends the person's other sessions and keeps the one they changed it from", async () => {
    const SIGN_IN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { refreshToken } }`;
    const REFRESH = `mutation($t: String) { refreshSession(refreshToken: $t) { refreshToken } }`;
    const session = async () =>
      (
        await identity.run<{ login: { refreshToken: string } }>(
          SIGN_IN,
          { email: 'agent@nexus.test', password: PASSWORD },
          as.anonymous,
        )
      ).data?.login.refreshToken ?? '';
    const [here, laptop, phone] = [await session(), await session(), await session()];
    const fromHere = {
      header: (n: string) => (n === FORWARDED_REFRESH_HEADER ? here : undefined),
      setHeader: () => undefined,
    };
    const done = await identity.run<{ changePassword: boolean }>(
      CHANGE,
      { input: { currentPassword: PASSWORD, newPassword: 'another new passphrase' } },
      viewerFor(agentId, 'AGENT'),
      fromHere,
    );
    expect(done.data?.changePassword).toBe(true);
    for (const ended of [laptop, phone])
      expect(codes(await identity.run(REFRESH, { t: ended }, as.anonymous))).toEqual(['UNAUTHENTICATED']);
    const kept = await identity.run<{ refreshSession: { refreshToken: string } }>(REFRESH, { t: here }, as.anonymous);
    expect(kept.errors).toBeUndefined();
    expect(kept.data?.refreshSession.refreshToken).toMatch(/\./);
  });
});

describe('notification preferences', () => {
  const PREFS = `{ notificationPreferences { mutedTypes mutableTypes } }`;
  const SET = `mutation($input: UpdateNotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { mutedTypes } }`;
  const TITLES = `{ notifications(first: 50) { nodes { title } } }`;

  it('mutes the chosen types: they are not created, other types still arrive', async () => {
    const agent = viewerFor(agentId, 'AGENT');
    const prefs = await identity.run<{ notificationPreferences: { mutedTypes: string[]; mutableTypes: string[] } }>(
      PREFS,
      {},
      agent,
    );
    expect(prefs.data?.notificationPreferences.mutedTypes).toEqual([]);
    expect(prefs.data?.notificationPreferences.mutableTypes).not.toContain('SYSTEM');
    expect(prefs.data?.notificationPreferences.mutableTypes).toContain('DEAL_STAGE_CHANGED');

    const set = await identity.run<{ updateNotificationPreferences: { mutedTypes: string[] } }>(
      SET,
      { input: { mutedTypes: ['DEAL_STAGE_CHANGED'] } },
      agent,
    );
    expect(set.data?.updateNotificationPreferences.mutedTypes).toEqual(['DEAL_STAGE_CHANGED']);

    await identity.notify({ userId: agentId, title: 'Deal moved', type: 'DEAL_STAGE_CHANGED' });
    await identity.notify({ userId: agentId, title: 'Task for you', type: 'TASK_ASSIGNED' });
    const titles = await identity.run<{ notifications: { nodes: { title: string }[] } }>(TITLES, {}, agent);
    expect(titles.data?.notifications.nodes.map((n) => n.title)).toEqual(['Task for you']);
  });

  it('refuses to mute system alerts', async () => {
    const res = await identity.run(SET, { input: { mutedTypes: ['SYSTEM'] } }, as.manager);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(paths(res)).toEqual(['input.mutedTypes']);
  });
});
