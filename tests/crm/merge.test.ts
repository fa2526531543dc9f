import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, signInStaff, unique, type Staff } from '../support/staff.ts';
import { createDeal, createTask } from './kit.ts';

/** Finding duplicates, merging them (everything related moves, audited) and undoing the merge. */
let system: System;
let staff: Staff;
beforeAll(async () => {
  system = await startSystem();
  staff = await signInStaff(system);
});
afterAll(async () => system?.close());

const CONTACT = `id firstName lastName email phone jobTitle tags customFields deletedAt company { id }
  activities(first: 50) { totalCount nodes { id } } deals(first: 50) { totalCount nodes { id } } tasks(first: 50) { totalCount nodes { id } }`;
interface ContactData {
  id: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  tags: string[];
  customFields: Record<string, unknown>;
  deletedAt: string | null;
  company: { id: string } | null;
  activities: { totalCount: number; nodes: { id: string }[] };
  deals: { totalCount: number; nodes: { id: string }[] };
  tasks: { totalCount: number; nodes: { id: string }[] };
}
const contact = async (id: string) =>
  data(
    await staff.as.viewer<{ contact: ContactData | null }>(
      `query($id: ID!) { contact(id: $id, includeDeleted: true) { ${CONTACT} } }`,
      { id },
    ),
  ).contact;
const ids = (page: { nodes: { id: string }[] }) => page.nodes.map((n) => n.id).sort();

const MERGE = `mutation($input: MergeContactsInput!) { mergeContacts(input: $input) {
  id kind survivorId mergedId survivorContact { id } mergedContact { id deletedAt } mergedBy { id name } mergedAt undoableUntil undoneAt
  movedActivityCount movedDealCount movedTaskCount movedContactCount changedFields
} }`;
const UNDO = `mutation($input: UndoMergeInput!) { undoMerge(input: $input) { id undoneAt undoneBy { id } } }`;

async function newContact(input: string) {
  return data(
    await staff.as.advisor<{ createContact: { id: string } }>(`mutation { createContact(input: { ${input} }) { id } }`),
  ).createContact.id;
}

describe('duplicate contacts', () => {
  it('are found by email (ignoring a +tag), phone and similar names', async () => {
    const tag = unique('dup').replace(/\W/g, '');
    const a = await newContact(
      `firstName: "Orla", lastName: "Fennimore${tag}", email: "orla.${tag}@fen.example", phone: "+1 (555) 010-9988"`,
    );
    const b = await newContact(
      `firstName: "Orla", lastName: "Fenimore${tag}", email: "orla.${tag}+travel@fen.example"`,
    );
    const c = await newContact(`firstName: "Someone", lastName: "Else${tag}", phone: "555.010.9988"`);
    const Q = `query($id: ID) { duplicateContacts(filter: { contactId: $id }, first: 50) { totalCount nodes { first { id } second { id } reasons similarity } } }`;
    type D = {
      duplicateContacts: {
        totalCount: number;
        nodes: { first: { id: string }; second: { id: string }; reasons: string[]; similarity: number }[];
      };
    };
    const forA = data(await staff.as.viewer<D>(Q, { id: a })).duplicateContacts;
    const pairB = forA.nodes.find((n) => n.second.id === b || n.first.id === b);
    expect(pairB).toMatchObject({ first: { id: a }, second: { id: b } });
    expect(pairB?.reasons).toEqual(expect.arrayContaining(['SAME_EMAIL', 'SIMILAR_NAME']));
    const pairC = forA.nodes.find((n) => n.second.id === c || n.first.id === c);
    expect(pairC?.reasons).toEqual(['SAME_PHONE']);
    const all = data(await staff.as.viewer<D>(Q, {})).duplicateContacts;
    expect(all.nodes.some((n) => [n.first.id, n.second.id].sort().join() === [a, b].sort().join())).toBe(true);
    expect(all.nodes.some((n) => [n.first.id, n.second.id].sort().join() === [a, c].sort().join())).toBe(true);
  });
});

describe('merging contacts', () => {
  it('moves activities, deals, tasks and custom fields to the survivor, soft-deletes the loser, audits it, and undoes it', async () => {
    const tag = unique('m').replace(/\W/g, '');
    const survivor = await newContact(
      `firstName: "Ida", lastName: "Merge${tag}", tags: ["vip"], customFields: { diet: "vegan", seat: "aisle" }`,
    );
    const loser = await newContact(
      `firstName: "Ida", lastName: "Merge${tag}", email: "ida.${tag}@merge.example", phone: "+44 20 7946 0000", jobTitle: "Travel Coordinator", tags: ["cruise", "vip"], customFields: { seat: "window", passport: "renewed" }`,
    );
    const deal = await createDeal(staff, { title: unique('Loser deal'), primaryContactId: loser });
    const task = await createTask(staff, { title: unique('Loser task'), contactId: loser });
    const acts: string[] = [];
    for (const type of ['EMAIL', 'CALL']) {
      acts.push(
        data(
          await staff.as.agent<{ logActivity: { id: string } }>(
            `mutation($c: ID!, $t: ActivityType!) { logActivity(input: { type: $t, subject: "x", contactId: $c }) { id } }`,
            { c: loser, t: type },
          ),
        ).logActivity.id,
      );
    }
    const survivorAct = data(
      await staff.as.agent<{ logActivity: { id: string } }>(
        `mutation($c: ID!) { logActivity(input: { type: NOTE, subject: "mine", contactId: $c }) { id } }`,
        { c: survivor },
      ),
    ).logActivity.id;

    expect(codes(await staff.as.advisor(MERGE, { input: { survivorId: survivor, duplicateId: loser } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await staff.as.manager(MERGE, { input: { survivorId: survivor, duplicateId: survivor } }))).toEqual([
      'BAD_USER_INPUT',
    ]);

    const record = data(
      await staff.as.manager<{
        mergeContacts: {
          id: string;
          kind: string;
          mergedContact: { deletedAt: string | null };
          mergedBy: { id: string; name: string };
          movedActivityCount: number;
          movedDealCount: number;
          movedTaskCount: number;
          changedFields: string[];
          mergedAt: string;
          undoableUntil: string;
        };
      }>(MERGE, { input: { survivorId: survivor, duplicateId: loser } }),
    ).mergeContacts;
    expect(record).toMatchObject({
      kind: 'CONTACT',
      mergedBy: { id: staff.id.manager, name: 'Morgan Manager' },
      movedActivityCount: 2,
      movedDealCount: 1,
      movedTaskCount: 1,
    });
    expect(record.mergedContact.deletedAt).toEqual(expect.any(String));
    expect(record.changedFields.sort()).toEqual(['customFields', 'email', 'jobTitle', 'phone', 'tags']);
    expect(Date.parse(record.undoableUntil) - Date.parse(record.mergedAt)).toBe(30 * 86_400_000);

    const merged = await contact(survivor);
    expect(merged).toMatchObject({
      email: `ida.${tag}@merge.example`,
      phone: '+44 20 7946 0000',
      jobTitle: 'Travel Coordinator',
      deletedAt: null,
    });
    // The survivor's own values win; the loser's fill the gaps.
    expect(merged?.customFields).toEqual({ diet: 'vegan', seat: 'aisle', passport: 'renewed' });
    expect(merged?.tags.sort()).toEqual(['cruise', 'vip']);
    expect(ids(merged!.activities)).toEqual([...acts, survivorAct].sort());
    expect(ids(merged!.deals)).toEqual([deal.id]);
    expect(ids(merged!.tasks)).toEqual([task.id]);
    const gone = await contact(loser);
    expect(gone?.deletedAt).toEqual(expect.any(String));
    expect(
      data(await staff.as.viewer<{ contact: null }>(`query($id: ID!) { contact(id: $id) { id } }`, { id: loser }))
        .contact,
    ).toBeNull();
    expect(
      data(
        await staff.as.viewer<{ deal: { primaryContact: { id: string } } }>(
          `query($id: ID!) { deal(id: $id) { primaryContact { id } } }`,
          { id: deal.id },
        ),
      ).deal.primaryContact.id,
    ).toBe(survivor);

    const audit = data(
      await staff.as.manager<{ merges: { nodes: { id: string }[] } }>(
        `{ merges(filter: { kind: CONTACT }, first: 5) { nodes { id } } }`,
      ),
    ).merges;
    expect(audit.nodes[0]?.id).toBe(record.id);
    expect(codes(await staff.as.advisor(`{ merges { totalCount } }`))).toEqual(['FORBIDDEN']);

    // Undo: the loser and everything it brought go back; the survivor's filled fields are cleared.
    const undone = data(
      await staff.as.manager<{ undoMerge: { undoneAt: string; undoneBy: { id: string } } }>(UNDO, {
        input: { mergeId: record.id },
      }),
    ).undoMerge;
    expect(undone.undoneBy.id).toBe(staff.id.manager);
    const back = await contact(loser);
    expect(back).toMatchObject({ deletedAt: null, email: `ida.${tag}@merge.example`, phone: '+44 20 7946 0000' });
    expect(ids(back!.activities)).toEqual([...acts].sort());
    expect(ids(back!.deals)).toEqual([deal.id]);
    expect(ids(back!.tasks)).toEqual([task.id]);
    const restored = await contact(survivor);
    expect(restored).toMatchObject({
      email: null,
      phone: null,
      jobTitle: null,
      customFields: { diet: 'vegan', seat: 'aisle' },
      tags: ['vip'],
    });
    expect(ids(restored!.activities)).toEqual([survivorAct]);
    expect(codes(await staff.as.manager(UNDO, { input: { mergeId: record.id } }))).toEqual(['CONFLICT']);
  });
});

describe('what others hear of a contact merge', () => {
  /** Messages crm recorded for the other subgraphs and for webhooks about `contactId`, oldest first. */
  const sent = (contactId: string) =>
    (system.deps.crm as { orm: MikroORM }).orm.em
      .getConnection()
      .execute<{ queue: string; job_name: string; payload: Record<string, unknown> }[]>(
        `select queue, job_name, payload from outbox_message
          where payload->>'contactId' = ? or payload->'contact'->>'id' = ? or payload->'data'->>'contactId' = ?
          order by created_at, id`,
        [contactId, contactId, contactId],
      );

  it('removes the merged contact from the audience and tells webhooks it was merged into the survivor; an undo brings it back', async () => {
    const tag = unique('feed').replace(/\W/g, '');
    const survivor = await newContact(`firstName: "Noor", lastName: "Feed${tag}"`);
    const loser = await newContact(`firstName: "Noor", lastName: "Feed${tag}", email: "noor.${tag}@feed.example"`);
    const before = (await sent(loser)).length;
    const record = data(
      await staff.as.manager<{ mergeContacts: { id: string } }>(MERGE, {
        input: { survivorId: survivor, duplicateId: loser },
      }),
    ).mergeContacts;

    const afterMerge = (await sent(loser)).slice(before);
    expect(afterMerge).toContainEqual(
      expect.objectContaining({
        queue: 'marketing',
        job_name: 'audience-contact',
        payload: expect.objectContaining({ op: 'delete', contactId: loser }),
      }),
    );
    for (const queue of ['travel', 'sales', 'service'])
      expect(afterMerge).toContainEqual(
        expect.objectContaining({
          queue,
          job_name: 'contact-owner',
          payload: expect.objectContaining({ contactId: loser, deleted: true }),
        }),
      );
    const deleted = afterMerge.find(
      (m) => m.queue === 'webhooks' && (m.payload as { type: string }).type === 'contact.deleted',
    );
    expect(deleted?.payload).toMatchObject({ data: { contactId: loser, mergedIntoId: survivor } });
    // The survivor took the merged contact's email: marketing's audience and webhooks hear it.
    const survivorNews = await sent(survivor);
    expect(survivorNews).toContainEqual(
      expect.objectContaining({
        queue: 'marketing',
        payload: expect.objectContaining({
          op: 'upsert',
          contact: expect.objectContaining({ id: survivor, email: `noor.${tag}@feed.example` }),
        }),
      }),
    );
    expect(
      survivorNews.find((m) => (m.payload as { type?: string }).type === 'contact.updated')?.payload,
    ).toMatchObject({
      data: { contactId: survivor, changedFields: expect.arrayContaining(['email']) },
    });

    const beforeUndo = (await sent(loser)).length;
    data(await staff.as.manager(UNDO, { input: { mergeId: record.id } }));
    expect((await sent(loser)).slice(beforeUndo)).toContainEqual(
      expect.objectContaining({
        queue: 'marketing',
        payload: expect.objectContaining({
          op: 'upsert',
          contact: expect.objectContaining({ id: loser, email: `noor.${tag}@feed.example` }),
        }),
      }),
    );
  });
});

describe('merging companies', () => {
  it('finds them by domain, moves their contacts and deals, and undoes', async () => {
    const tag = unique('co').replace(/\W/g, '').toLowerCase();
    const mk = async (name: string) =>
      data(
        await staff.as.advisor<{ createCompany: { id: string } }>(
          `mutation($n: String!, $d: String!) { createCompany(input: { name: $n, domain: $d }) { id } }`,
          { n: name, d: `${tag}.example` },
        ),
      ).createCompany.id;
    const keep = await mk(`Harbor Lights ${tag}`);
    const drop = await mk(`Harbour Lights Inc ${tag}`);
    const pairs = data(
      await staff.as.viewer<{
        duplicateCompanies: { nodes: { first: { id: string }; second: { id: string }; reasons: string[] }[] };
      }>(
        `query($id: ID) { duplicateCompanies(filter: { companyId: $id }) { nodes { first { id } second { id } reasons } } }`,
        {
          id: keep,
        },
      ),
    ).duplicateCompanies;
    expect(pairs.nodes.find((p) => p.second.id === drop)?.reasons).toContain('SAME_DOMAIN');

    const person = await newContact(`firstName: "Moved", lastName: "Person${tag}", companyId: "${drop}"`);
    const deal = await createDeal(staff, { title: unique('Company deal'), companyId: drop });
    const MERGE_CO = `mutation($input: MergeCompaniesInput!) { mergeCompanies(input: $input) { id movedContactCount movedDealCount survivorCompany { id } mergedCompany { id deletedAt } } }`;
    const record = data(
      await staff.as.manager<{
        mergeCompanies: {
          id: string;
          movedContactCount: number;
          movedDealCount: number;
          mergedCompany: { deletedAt: string };
        };
      }>(MERGE_CO, { input: { survivorId: keep, duplicateId: drop } }),
    ).mergeCompanies;
    expect(record).toMatchObject({ movedContactCount: 1, movedDealCount: 1 });
    expect(record.mergedCompany.deletedAt).toEqual(expect.any(String));
    const co = data(
      await staff.as.viewer<{ company: { contacts: { nodes: { id: string }[] }; deals: { nodes: { id: string }[] } } }>(
        `query($id: ID!) { company(id: $id) { contacts { nodes { id } } deals { nodes { id } } } }`,
        { id: keep },
      ),
    ).company;
    expect(ids(co.contacts)).toEqual([person]);
    expect(ids(co.deals)).toEqual([deal.id]);
    data(await staff.as.manager(UNDO, { input: { mergeId: record.id } }));
    expect((await contact(person))?.company?.id).toBe(drop);
  });
});
