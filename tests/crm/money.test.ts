import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, ok } from '../support/results.ts';
import { as, startCrm, type Crm } from './harness.ts';

/** Amounts are Cents: exact whole cents beyond 32 bits, stored in bigint columns. */
let crm: Crm;
beforeAll(async () => {
  crm = await startCrm();
  ok(
    await crm.run(
      `mutation { createPipeline(input: { name: "Money", pipelineType: CORPORATE, isDefault: true }) { id } }`,
      {},
      as.manager,
    ),
  );
});
afterAll(async () => {
  await crm?.stop();
});

const CREATE = `mutation($input: CreateDealInput!) { createDeal(input: $input) { id amountCents weightedAmountCents } }`;
const ABOVE_INT = 2_147_483_648;

describe('Cents', () => {
  it('stores and reads back a deal of 2,147,483,648 cents exactly', async () => {
    const deal = ok(
      await crm.run<{ createDeal: { id: string; amountCents: number } }>(
        CREATE,
        { input: { title: 'Big one', amountCents: ABOVE_INT } },
        as.advisor,
      ),
    ).createDeal;
    expect(deal.amountCents).toBe(ABOVE_INT);
    const read = ok(
      await crm.run<{ deal: { amountCents: number }; deals: { nodes: { amountCents: number }[] } }>(
        `query($id: ID!) { deal(id: $id) { amountCents } deals(filter: { amountMinCents: 2147483648 }) { nodes { amountCents } } }`,
        { id: deal.id },
        as.viewer,
      ),
    );
    expect(read.deal.amountCents).toBe(ABOVE_INT);
    expect(read.deals.nodes).toEqual([{ amountCents: ABOVE_INT }]);
    const [row] = await crm.deps.orm.em
      .fork()
      .getConnection()
      .execute<{ amount: string }[]>(`select "amount_cents"::text as "amount" from "deal" where "id" = ?`, [deal.id]);
    expect(row?.amount).toBe('2147483648');
    const summary = ok(
      await crm.run<{ crmDashboard: { openPipelineValueCents: number } }>(
        `{ crmDashboard { openPipelineValueCents } }`,
        {},
        as.viewer,
      ),
    );
    expect(summary.crmDashboard.openPipelineValueCents).toBeGreaterThanOrEqual(ABOVE_INT);
  });

  it('refuses 1.5, "12" and 2^53 as BAD_USER_INPUT, and in the query text too, and writes nothing', async () => {
    const count = async () =>
      (
        await crm.deps.orm.em.fork().getConnection().execute<{ n: number }[]>(`select count(*)::int as n from "deal"`)
      )[0]?.n;
    const before = await count();
    for (const amount of [1.5, '12', 9007199254740992]) {
      const r = await crm.run(CREATE, { input: { title: 'Bad', amountCents: amount } }, as.advisor);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    }
    // Written into the query text, the same values fail validation before anything runs.
    for (const literal of ['1.5', '"12"', '9007199254740992']) {
      const r = await crm.run(
        `mutation { createDeal(input: { title: "Bad", amountCents: ${literal} }) { id } }`,
        {},
        as.advisor,
      );
      expect(r.errors?.length).toBe(1);
      expect(r.data ?? null).toBeNull();
    }
    expect(await count()).toBe(before);
  });
});
