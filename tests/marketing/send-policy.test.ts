import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '@nexus/platform';
import type { MarketingDeps } from '../../subgraphs/marketing/src/context.ts';
import { processCampaignSend, startCampaign } from '../../subgraphs/marketing/src/services/sending.ts';
import { effectiveSendRate, loadSettings } from '../../subgraphs/marketing/src/services/send-policy.ts';
import { data } from '../support/staff.ts';
import { audienceHas, draftCampaign, startMarketingWorld, type MarketingWorld } from './harness.ts';

/**
 * The send policy every marketing send goes through, with the clock injected: each recipient's
 * local send time, quiet hours in their time zone, the frequency cap across campaigns, UTM tagging
 * of links, and the warm-up ramp of the throttle; the settings are a manager's to change.
 */
describe('marketing send policy', () => {
  let world: MarketingWorld;
  let deps: MarketingDeps;
  const people = {
    syd: { id: '', email: 'syd@policy.example.test', tz: 'Australia/Sydney' },
    ny: { id: '', email: 'ny@policy.example.test', tz: 'America/New_York' },
    utc: { id: '', email: 'utc@policy.example.test', tz: null },
  };
  beforeAll(async () => {
    world = await startMarketingWorld();
    deps = await world.openDeps();
    // Contacts with their time zones, fed to marketing by a worker that then stops: from here on
    // this file runs each send job itself, at the time it injects.
    const feed = await world.startWorker();
    for (const p of Object.values(people))
      p.id = data(
        await world.staff.as.advisor<{ createContact: { id: string } }>(
          'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }',
          {
            i: {
              firstName: 'Pat',
              lastName: p.email.split('@')[0],
              email: p.email,
              tags: ['policy'],
              customFields: p.tz ? { timezone: p.tz } : {},
            },
          },
        ),
      ).createContact.id;
    await audienceHas(world, 'policy', 3);
    await feed.stop();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const at = (iso: string) => {
    const t = new Date(iso);
    deps.now = () => t;
  };
  /** Runs the send job of each row of the campaign once, as the worker would, at the injected time. */
  const runSends = async (campaignId: string) => {
    const rows = await deps.orm.em
      .fork()
      .execute<{ id: string; to_address: string }[]>(`select id, to_address from email_send where campaign_id = ?`, [
        campaignId,
      ]);
    const out: Record<string, unknown> = {};
    for (const r of rows)
      out[r.to_address.split('@')[0] ?? ''] = await processCampaignSend(
        deps,
        { data: { sendId: r.id }, attemptsMade: 0, opts: { attempts: 3 } } as unknown as Job<{ sendId: string }>,
        world.log,
      );
    return out;
  };
  const sendOf = async (contactId: string, campaignId: string) =>
    data(
      await world.staff.as.viewer<{
        contact: {
          emailSends: {
            nodes: { campaignId: string; status: string; notBefore: string | null; lastError: string | null }[];
          };
        };
      }>(
        'query($id: ID!) { contact(id: $id) { emailSends(first: 50) { nodes { campaignId status notBefore lastError } } } }',
        {
          id: contactId,
        },
      ),
    ).contact.emailSends.nodes.find((n) => n.campaignId === campaignId);
  const redirectOf = async (html: unknown) => {
    const path = new URL(/href="(http:\/\/nexus\.test\/t\/c\/[^"]+)"/.exec(String(html))?.[1] ?? '').pathname;
    const res = await fetch(`${world.system.gatewayUrl}${path}`, { redirect: 'manual' });
    return new URL(res.headers.get('location') ?? '');
  };
  const UPDATE = `mutation($i: UpdateMarketingSendingSettingsInput!) {
    updateMarketingSendingSettings(input: $i) { frequencyCapCount quietHoursStart quietHoursEnd defaultTimezone warmupStartRate configuredSendRate effectiveSendRate } }`;

  it('lets managers change the sending settings, refusing bad values and lower ranks', async () => {
    const today = new Date().toISOString().slice(0, 10);
    expect((await world.staff.as.advisor(UPDATE, { i: { frequencyCapCount: 2 } })).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    for (const [i, field] of [
      [{ quietHoursStart: 25, quietHoursEnd: 8 }, 'input.quietHoursStart'],
      [{ quietHoursStart: 21 }, 'input.quietHoursEnd'],
      [{ defaultTimezone: 'Mars/Olympus_Mons' }, 'input.defaultTimezone'],
      [{ warmupStartRate: 10 }, 'input.warmupStartedOn'],
    ] as const) {
      const err = (await world.staff.as.manager(UPDATE, { i })).errors?.[0];
      expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(err?.extensions)).toContain(field);
    }
    const before = data(
      await world.staff.as.viewer<{
        marketingSendingSettings: { quietHoursStart: number | null; frequencyCapCount: number | null };
      }>('{ marketingSendingSettings { quietHoursStart frequencyCapCount } }'),
    ).marketingSendingSettings;
    expect(before).toEqual({ quietHoursStart: null, frequencyCapCount: null });

    const saved = data(
      await world.staff.as.manager<{ updateMarketingSendingSettings: Record<string, unknown> }>(UPDATE, {
        i: {
          frequencyCapCount: 2,
          frequencyCapDays: 7,
          quietHoursStart: 21,
          quietHoursEnd: 8,
          warmupStartRate: 10,
          warmupStartedOn: today,
          warmupDailyIncreasePercent: 100,
        },
      }),
    ).updateMarketingSendingSettings;
    expect(saved).toEqual({
      frequencyCapCount: 2,
      quietHoursStart: 21,
      quietHoursEnd: 8,
      defaultTimezone: 'UTC',
      warmupStartRate: 10,
      configuredSendRate: 100,
      effectiveSendRate: 10,
    });
    // The ramp doubles daily up to the configured rate.
    const settings = await loadSettings(deps.orm.em, true);
    const day = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000);
    expect([0, 1, 3, 4, 10].map((n) => effectiveSendRate(settings, 100, day(n)))).toEqual([10, 20, 80, 100, 100]);
    expect(effectiveSendRate(settings, 100, day(-1))).toBe(100);
  });

  it("sends at 09:00 in each recipient's time zone, with UTM-tagged links", async () => {
    const { campaignId } = await draftCampaign(world, 'policy', {
      sendLocalTime: '09:00',
      utmCampaign: 'spring-kyoto',
    });
    world.catcher.clear();
    at('2027-03-01T00:00:00Z');
    expect(await startCampaign(deps, campaignId, world.log)).toBe(3);
    expect((await sendOf(people.syd.id, campaignId))?.notBefore).toBe('2027-03-01T22:00:00.000Z'); // 09:00 on 2 March, Sydney
    expect((await sendOf(people.ny.id, campaignId))?.notBefore).toBe('2027-03-01T14:00:00.000Z'); // 09:00 EST
    expect((await sendOf(people.utc.id, campaignId))?.notBefore).toBe('2027-03-01T09:00:00.000Z'); // the default zone

    expect(await runSends(campaignId)).toEqual({ syd: 'deferred', ny: 'deferred', utc: 'deferred' });
    at('2027-03-01T09:01:00Z');
    expect(await runSends(campaignId)).toEqual({ syd: 'deferred', ny: 'deferred', utc: 'sent' });
    at('2027-03-01T14:01:00Z');
    expect(await runSends(campaignId)).toMatchObject({ syd: 'deferred', ny: 'sent' });
    at('2027-03-01T22:01:00Z');
    expect(await runSends(campaignId)).toMatchObject({ syd: 'sent' });
    const mails = await world.catcher.waitFor(3);
    expect(mails.flatMap((m) => m.envelopeTo)).toEqual([people.utc.email, people.ny.email, people.syd.email]);

    const target = await redirectOf(mails[0]?.parsed.html);
    expect(target.origin + target.pathname).toBe('https://traveltamers.test/offers/kyoto');
    expect(Object.fromEntries(target.searchParams)).toEqual({
      utm_source: 'nexus',
      utm_medium: 'email',
      utm_campaign: 'spring-kyoto',
    });
  });

  it('holds mail in quiet hours until they end locally, and caps marketing email per contact across campaigns', async () => {
    const second = (await draftCampaign(world, 'policy')).campaignId;
    world.catcher.clear();
    at('2027-03-03T12:00:00Z'); // Sydney 23:00, New York 07:00, UTC noon; quiet 21:00 to 08:00
    await startCampaign(deps, second, world.log);
    expect(await runSends(second)).toEqual({ syd: 'deferred', ny: 'deferred', utc: 'sent' });
    expect(await sendOf(people.syd.id, second)).toMatchObject({
      status: 'QUEUED',
      notBefore: '2027-03-03T21:00:00.000Z',
    });
    expect(await sendOf(people.ny.id, second)).toMatchObject({
      status: 'QUEUED',
      notBefore: '2027-03-03T13:00:00.000Z',
    });

    // The UTC contact has had two marketing emails within 7 days: a third campaign skips them.
    const third = (await draftCampaign(world, 'policy')).campaignId;
    at('2027-03-04T12:00:00Z');
    await startCampaign(deps, third, world.log);
    expect((await runSends(third)).utc).toBe('skipped');
    expect(await sendOf(people.utc.id, third)).toMatchObject({ status: 'SKIPPED', lastError: 'frequency cap' });

    // Once the first falls out of the window the contact may hear again; UTM tagging can be turned off.
    const fourth = (await draftCampaign(world, 'policy', { utmEnabled: false })).campaignId;
    at('2027-03-09T15:00:00Z');
    await startCampaign(deps, fourth, world.log);
    expect(await runSends(fourth)).toMatchObject({ utc: 'sent', ny: 'sent' });
    const mail = world.catcher.messages.find(
      (m) => m.envelopeTo.includes(people.utc.email) && m !== world.catcher.messages[0],
    );
    const target = await redirectOf(mail?.parsed.html);
    expect(target.toString()).toBe('https://traveltamers.test/offers/kyoto');
  });

  it('refuses a bad local send time or UTM value, naming the field', async () => {
    for (const [extra, field] of [
      [{ sendLocalTime: '9am' }, 'input.sendLocalTime'],
      [{ utmSource: 'news letter' }, 'input.utmSource'],
    ] as const) {
      const res = await world.staff.as.advisor(
        'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
        {
          i: { name: 'Bad', templateId: randomUUID(), segmentIds: [randomUUID()], ...extra },
        },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(res.errors?.[0]?.extensions)).toContain(field);
    }
  });
});
