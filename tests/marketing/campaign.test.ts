import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data } from '../support/staff.ts';
import { checkCampaigns } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import {
  audienceHas,
  campaignReaches,
  createContacts,
  draftCampaign,
  startMarketingWorld,
  type MarketingWorld,
} from './harness.ts';

/**
 * The sending pipeline end to end: contacts created in crm reach marketing's audience through the
 * outbox feed, a campaign goes out through the scheduled checker to a real SMTP server, and each
 * recipient gets exactly one merged email with the compliance footer and one-click unsubscribe.
 */
describe('marketing campaigns', () => {
  let world: MarketingWorld;
  beforeAll(async () => {
    world = await startMarketingWorld();
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const schedule = async (campaignId: string) =>
    data(
      await world.staff.as.advisor(
        'mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id status } }',
        { i: { id: campaignId } },
      ),
    );

  it('sends a 200-recipient campaign exactly once per recipient, merged, with footer and List-Unsubscribe headers; a worker stopped mid-send loses and duplicates nothing', async () => {
    const worker = await world.startWorker();
    const emails = Array.from({ length: 200 }, (_, i) => `client${i}@mail${i % 4}.example.test`);
    await createContacts(world, 'bulk200', emails);
    await audienceHas(world, 'bulk200', 200);
    const { campaignId } = await draftCampaign(world, 'bulk200');
    world.catcher.clear();
    await schedule(campaignId);
    const deps = await world.openDeps();
    await checkCampaigns(deps, world.log);

    // Stop the worker part-way (it drains what it is doing), then a new one finishes the rest.
    await world.catcher.waitFor(40, 60_000);
    await worker.stop();
    const second = await world.startWorker();
    // Rows whose job died with the first worker are queued again by the checker once they are
    // stale: run it with the clock past that point until the campaign completes. Rows queued twice
    // must still be sent once.
    let done = await campaignReaches(world, campaignId, 'SENT', 5_000).catch(() => null);
    while (!done) {
      const later = new Date(Date.now() + 10 * 60_000);
      deps.now = () => later;
      await checkCampaigns(deps, world.log);
      done = await campaignReaches(world, campaignId, 'SENT', 5_000).catch(() => null);
    }
    expect(done).toMatchObject({ totalRecipients: 200, totalSent: 200, totalFailed: 0 });

    const mails = world.catcher.messages;
    const recipients = mails.flatMap((m) => m.envelopeTo);
    expect(recipients).toHaveLength(200);
    expect(new Set(recipients)).toEqual(new Set(emails));
    const one = mails.find((m) => m.envelopeTo[0] === 'client7@mail3.example.test');
    expect(one?.subject).toBe('Offers for First7');
    expect(one?.parsed.text).toContain('Hello First7 Last7, your code is CLIENT7@MAIL3.EXAMPLE.TEST.');
    expect(one?.parsed.html).toContain('100 Harbour Street');
    expect(one?.parsed.html).toContain('#0B1120');
    // Headers as a mail client reads them (RFC 5322 unfolding).
    const headers = (one?.raw ?? '').replace(/\r?\n(?=[ \t])/g, '');
    expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/nexus\.test\/unsubscribe\/[A-Za-z0-9_.-]+>\r?$/m);
    expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    // The link in the body goes through the signed click redirect, never straight out.
    expect(one?.parsed.html).toMatch(/href="http:\/\/nexus\.test\/t\/c\/[^"]+"/);
    expect(one?.parsed.html).not.toContain('href="https://traveltamers.test/offers/kyoto"');
    await second.stop();
  }, 180_000);

  it('suppresses 550 recipients without retry, retries 452 until accepted, loses nothing, and never mails a suppressed contact', async () => {
    const worker = await world.startWorker();
    const emails = [
      ...Array.from({ length: 6 }, (_, i) => `ok${i}@storm.example.test`),
      'dead1@storm.example.test',
      'dead2@storm.example.test',
      ...Array.from({ length: 6 }, (_, i) => `full${i}@storm.example.test`),
      'suppressed@storm.example.test',
    ];
    await createContacts(world, 'storm', emails);
    await audienceHas(world, 'storm', emails.length);
    // A previous provider's suppression list: this address must never receive marketing mail.
    const deps = await world.openDeps();
    await deps.orm.em
      .fork()
      .execute(
        `insert into suppression (email, reason, detail, created_at) values ('suppressed@storm.example.test', 'IMPORTED', 'old ESP', now())`,
      );

    const refusals = new Map<string, number>();
    world.catcher.judge((address) => {
      if (address.startsWith('dead')) {
        refusals.set(address, (refusals.get(address) ?? 0) + 1);
        return { code: 550, message: '5.1.1 No such mailbox' };
      }
      // A storm of 4xx: every mailbox at full* is refused twice, then accepts.
      if (address.startsWith('full') && (refusals.get(address) ?? 0) < 2) {
        refusals.set(address, (refusals.get(address) ?? 0) + 1);
        return { code: 452, message: '4.2.2 Mailbox full, try later' };
      }
      return undefined;
    });
    world.catcher.clear();
    const { campaignId } = await draftCampaign(world, 'storm');
    await schedule(campaignId);
    await checkCampaigns(deps, world.log);
    const done = await campaignReaches(world, campaignId, 'SENT', 90_000);
    world.catcher.judge(() => undefined);

    expect(done).toMatchObject({ totalRecipients: emails.length - 1, totalSent: 12, totalFailed: 2 });
    const delivered = world.catcher.messages.flatMap((m) => m.envelopeTo).sort();
    expect(delivered).toEqual(emails.filter((e) => e.startsWith('ok') || e.startsWith('full')).sort());
    expect(refusals.get('dead1@storm.example.test')).toBe(1);
    expect(refusals.get('dead2@storm.example.test')).toBe(1);
    for (let i = 0; i < 6; i++) expect(refusals.get(`full${i}@storm.example.test`)).toBe(2);

    const contacts = await deps.orm.em
      .fork()
      .execute<{ email: string; email_status: string }[]>(
        `select email, email_status from audience_member where email like 'dead%@storm.example.test' order by email`,
      );
    expect(contacts).toEqual([
      { email: 'dead1@storm.example.test', email_status: 'BOUNCED' },
      { email: 'dead2@storm.example.test', email_status: 'BOUNCED' },
    ]);
    await worker.stop();
  }, 180_000);

  it('refuses bad input clearly and changes nothing', async () => {
    const as = world.staff.as.advisor;
    const unknownVar = await as('mutation($i: CreateEmailTemplateInput!) { createEmailTemplate(input: $i) { id } }', {
      i: { name: 'Bad', subject: 'Hi {{ contact.nickname }}', body: '<p>x</p>' },
    });
    expect(unknownVar.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(unknownVar.errors?.[0]?.extensions?.fields)).toContain('input.subject');

    const withDefault = await as<{ createEmailTemplate: { id: string } }>(
      'mutation($i: CreateEmailTemplateInput!) { createEmailTemplate(input: $i) { id } }',
      {
        i: {
          name: 'Defaults',
          subject: 'Hi {{ contact.timezone | default: "traveller" }}',
          body: '<p>{{ contact.firstName | capitalize }}</p><script>alert(1)</script>',
        },
      },
    );
    const templateId = data(withDefault).createEmailTemplate.id;
    const preview = data(
      await as<{ emailTemplatePreview: { html: string; subject: string } }>(
        'query($id: ID!) { emailTemplatePreview(templateId: $id) { subject html } }',
        { id: templateId },
      ),
    ).emailTemplatePreview;
    expect(preview.html).not.toContain('<script');

    const badCriteria = await as('mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id } }', {
      i: { name: 'Bad', kind: 'DYNAMIC', criteria: { or: [{ field: 'shoeSize', op: 'eq', value: 3 }] } },
    });
    expect(badCriteria.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(badCriteria.errors?.[0]?.extensions?.fields)).toContain('input.criteria.or.0.field');

    const seg = data(
      await as<{ createSegment: { id: string } }>(
        'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id } }',
        {
          i: { name: 'Nobody', kind: 'DYNAMIC', criteria: { field: 'tags', op: 'contains', value: 'no-such-tag' } },
        },
      ),
    ).createSegment;
    const badSplit = await as('mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', {
      i: {
        name: 'Split',
        templateId,
        segmentIds: [seg.id],
        variants: [
          { key: 'A', percent: 60 },
          { key: 'B', percent: 30 },
        ],
      },
    });
    expect(badSplit.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.variants', message: 'add up to 90, not 100' },
    ]);
    const campaign = data(
      await as<{ createCampaign: { id: string } }>(
        'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
        {
          i: { name: 'Empty', templateId, segmentIds: [seg.id] },
        },
      ),
    ).createCampaign;
    const empty = await as('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
      i: { id: campaign.id },
    });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const past = await as('mutation($i: ScheduleCampaignInput!) { scheduleCampaign(input: $i) { id } }', {
      i: { id: campaign.id, sendAt: '2020-01-01T00:00:00Z' },
    });
    expect(past.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.sendAt', message: 'must not be in the past' },
    ]);
    const after = data(
      await as<{ campaign: { status: string } }>('query($id: ID!) { campaign(id: $id) { status } }', {
        id: campaign.id,
      }),
    );
    expect(after.campaign.status).toBe('DRAFT');
  });

  it('lets viewers read but not send, and managers delete', async () => {
    const read = await world.staff.as.viewer('{ campaigns(first: 5) { totalCount } emailMergeVariables }');
    expect(read.errors).toBeUndefined();
    const write = await world.staff.as.agent('mutation { createSegment(input: { name: "x", kind: STATIC }) { id } }');
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
