import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { data, eventually } from '../support/staff.ts';
import { audienceHas, createContacts, startMarketingWorld, type MarketingWorld } from './harness.ts';

/**
 * The audience projection: crm's durable feed (create, update, delete), the rebuild from crm, CSV
 * imports with a per-row report, and one-to-one mail from a contact's page.
 */
describe('marketing audience', () => {
  let world: MarketingWorld;
  let worker: Awaited<ReturnType<MarketingWorld['startWorker']>>;
  beforeAll(async () => {
    world = await startMarketingWorld();
    worker = await world.startWorker();
  }, 120_000);
  afterAll(async () => {
    await worker?.stop();
    await world?.close();
  });

  const count = async (criteria: unknown) =>
    data(
      await world.staff.as.viewer<{ segmentCount: number }>('query($c: JSON!) { segmentCount(criteria: $c) }', {
        c: criteria,
      }),
    ).segmentCount;

  it('follows crm: created, updated and deleted contacts, and rebuilds from crm', async () => {
    const [id] = await createContacts(world, 'feed', ['feed@audience.example.test']);
    await audienceHas(world, 'feed', 1);
    data(
      await world.staff.as.advisor('mutation($i: UpdateContactInput!) { updateContact(input: $i) { id } }', {
        i: { id, tags: ['feed', 'vip'], leadScore: 77 },
      }),
    );
    await eventually(async () =>
      expect(
        await count({
          // Demo contacts may be vip with high scores too: count this test's contact only.
          and: [
            { field: 'tags', op: 'contains', value: 'feed' },
            { field: 'tags', op: 'contains', value: 'vip' },
            { field: 'score', op: 'gte', value: 77 },
          ],
        }),
      ).toBe(1),
    );

    const contact = data(
      await world.staff.as.viewer<{ contact: { emailStatus: string; engagement: { sends: number } } }>(
        'query($id: ID!) { contact(id: $id) { emailStatus engagement { sends } } }',
        { id },
      ),
    );
    expect(contact.contact).toEqual({ emailStatus: 'SUBSCRIBED', engagement: { sends: 0 } });

    // The projection is lost; a manager rebuilds it from crm.
    const deps = await world.openDeps();
    await deps.orm.em.fork().execute(`delete from audience_member`);
    const feedVip = {
      and: [
        { field: 'tags', op: 'contains', value: 'feed' },
        { field: 'tags', op: 'contains', value: 'vip' },
      ],
    };
    expect(await count(feedVip)).toBe(0);
    expect((await world.staff.as.advisor('mutation { rebuildAudience }')).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      data(await world.staff.as.manager<{ rebuildAudience: boolean }>('mutation { rebuildAudience }')).rebuildAudience,
    ).toBe(true);
    await eventually(async () => expect(await count(feedVip)).toBe(1), 30_000);

    data(await world.staff.as.manager('mutation($id: ID!) { deleteContact(id: $id) { id } }', { id }));
    await eventually(async () => expect(await count({ field: 'tags', op: 'contains', value: 'feed' })).toBe(0));
  }, 120_000);

  it('imports list members and suppressions from CSV with a report per row, refusing bad rows', async () => {
    const [known] = await createContacts(world, 'csv', ['known@csv.example.test']);
    await audienceHas(world, 'csv', 1);
    const list = data(
      await world.staff.as.advisor<{ createSegment: { id: string } }>(
        'mutation { createSegment(input: { name: "VIP list", kind: STATIC }) { id } }',
      ),
    ).createSegment;
    const report = data(
      await world.staff.as.advisor<{
        importSegmentMembers: { line: number; email: string; ok: boolean; message: string | null }[];
      }>(
        'mutation($s: ID!, $csv: String!) { importSegmentMembers(segmentId: $s, csv: $csv) { line email ok message } }',
        {
          s: list.id,
          csv: 'name,email\nKnown,KNOWN@csv.example.test\nBroken,not-an-email\nStranger,stranger@csv.example.test\n',
        },
      ),
    ).importSegmentMembers;
    expect(report).toEqual([
      { line: 2, email: 'known@csv.example.test', ok: true, message: null },
      { line: 3, email: 'not-an-email', ok: false, message: 'is not a valid email address' },
      { line: 4, email: 'stranger@csv.example.test', ok: false, message: 'is not a known contact' },
    ]);
    const seg = data(
      await world.staff.as.viewer<{ segment: { memberCount: number } }>(
        'query($id: ID!) { segment(id: $id) { memberCount } }',
        { id: list.id },
      ),
    );
    expect(seg.segment.memberCount).toBe(1);

    expect(
      (await world.staff.as.advisor('mutation { importSuppressions(csv: "a@b.test") { ok } }')).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    const sup = data(
      await world.staff.as.manager<{ importSuppressions: { ok: boolean }[] }>(
        'mutation($csv: String!) { importSuppressions(csv: $csv) { ok } }',
        {
          csv: 'known@csv.example.test\nnope\n',
        },
      ),
    ).importSuppressions;
    expect(sup.map((r) => r.ok)).toEqual([true, false]);
    const after = data(
      await world.staff.as.viewer<{ contact: { emailStatus: string } }>(
        'query($id: ID!) { contact(id: $id) { emailStatus } }',
        { id: known },
      ),
    );
    expect(after.contact.emailStatus).toBe('UNSUBSCRIBED');
  }, 60_000);

  it('composes and sends one email to one contact, listed among its sends', async () => {
    const [id] = await createContacts(world, 'oneoff', ['pat@oneoff.example.test']);
    await audienceHas(world, 'oneoff', 1);
    world.catcher.clear();
    const sent = await world.staff.as.advisor<{ sendEmailToContact: boolean }>(
      'mutation($i: SendEmailToContactInput!) { sendEmailToContact(input: $i) }',
      {
        i: { contactId: id, subject: 'Your Kyoto questions', body: 'Hi {{ contact.firstName }},\n\nHappy to help.' },
      },
    );
    expect(data(sent).sendEmailToContact).toBe(true);
    const [mail] = await world.catcher.waitFor(1);
    expect(mail?.envelopeTo).toEqual(['pat@oneoff.example.test']);
    expect(mail?.parsed.text).toContain('Hi First0,');
    expect(mail?.raw).not.toMatch(/^List-Unsubscribe:/m);
    const sends = await eventually(async () => {
      const c = data(
        await world.staff.as.viewer<{
          contact: { emailSends: { totalCount: number; nodes: { status: string; toAddress: string }[] } };
        }>('query($id: ID!) { contact(id: $id) { emailSends(first: 5) { totalCount nodes { status toAddress } } } }', {
          id,
        }),
      ).contact.emailSends;
      expect(c.nodes[0]?.status).toBe('SENT');
      return c;
    });
    expect(sends).toEqual({ totalCount: 1, nodes: [{ status: 'SENT', toAddress: 'pat@oneoff.example.test' }] });

    const unknown = await world.staff.as.advisor(
      'mutation($i: SendEmailToContactInput!) { sendEmailToContact(input: $i) }',
      {
        i: { contactId: '00000000-0000-4000-8000-000000000000', subject: 'x', body: 'y' },
      },
    );
    expect(unknown.errors?.[0]?.extensions?.fields).toEqual([
      { path: 'input.contactId', message: 'is not a known contact' },
    ]);
  }, 60_000);
});
