/**
 * Money per booking, three ways, in-process against the simulator: a supplier's statement (CSV,
 * with the simulator's seeded discrepancies) matched to bookings; what the agency owes a supplier
 * set against the client's installments; commission collection by supplier; the host-agency and
 * advisor splits and the profit after them. Unreadable statements store nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supplierStatement, type SeededStatement } from '../../subgraphs/travel/simulator/index.ts';
import { SupplierStatement } from '../../subgraphs/travel/src/entities/index.ts';
import { as, codes, ok, startTravel, type Travel } from './harness.ts';

let t: Travel;
let seeded: SeededStatement;
beforeAll(async () => {
  t = await startTravel({ env: { ADVISOR_COMMISSION_SPLIT_PCT: '70' } });
  seeded = supplierStatement(t.sim.control.db);
});
afterAll(async () => t?.stop());

type Line = {
  lineNumber: number | null;
  result: string;
  bookingReference: string | null;
  paidCents: number;
  expectedCents: number | null;
  differenceCents: number | null;
};
type Statement = {
  id: string;
  vendor: { id: string; name: string };
  lineCount: number;
  matched: number;
  amountMismatches: number;
  unknownBookings: number;
  missingLines: number;
  totalCents: number;
  lines: { totalCount: number; nodes: Line[] };
};
const IMPORT = `mutation($input: ImportSupplierStatementInput!) { importSupplierStatement(input: $input) {
  id vendor { id name } lineCount matched amountMismatches unknownBookings missingLines totalCents
  lines(first: 100) { totalCount nodes { lineNumber result bookingReference paidCents expectedCents differenceCents } } } }`;

describe('supplier statements', () => {
  let statement: Statement;

  it('matches a supplier’s CSV statement to bookings and finds every seeded discrepancy', async () => {
    statement = ok(
      await t.run<{ importSupplierStatement: Statement }>(
        IMPORT,
        { input: { vendorId: seeded.vendorId, fileName: seeded.fileName, csv: seeded.csv } },
        as.manager,
      ),
    ).importSupplierStatement;
    const refs = (result: string) =>
      statement.lines.nodes.filter((l) => l.result === result).map((l) => l.bookingReference);
    expect(statement.vendor.id).toBe(seeded.vendorId);
    expect(refs('MATCHED').sort()).toEqual([...seeded.seeded.matched].sort());
    expect(refs('UNKNOWN_BOOKING')).toEqual(seeded.seeded.unknownBookings);
    expect(refs('MISSING')).toEqual(seeded.seeded.missing);
    const mismatches = statement.lines.nodes.filter((l) => l.result === 'AMOUNT_MISMATCH');
    expect(
      mismatches.map((l) => ({
        bookingReference: l.bookingReference,
        paidCents: l.paidCents,
        expectedCents: l.expectedCents,
      })),
    ).toEqual(seeded.seeded.amountMismatches);
    for (const m of mismatches) expect(m.differenceCents).toBe(m.paidCents - (m.expectedCents ?? 0));
    // Discrepancies first; the missing row has no line of the file.
    expect(statement.lines.nodes[0]?.result).toBe('AMOUNT_MISMATCH');
    expect(statement.lines.nodes.find((l) => l.result === 'MISSING')?.lineNumber).toBeNull();
    expect(statement).toMatchObject({
      matched: seeded.seeded.matched.length,
      amountMismatches: seeded.seeded.amountMismatches.length,
      unknownBookings: seeded.seeded.unknownBookings.length,
      missingLines: seeded.seeded.missing.length,
      lineCount: seeded.csv.trim().split(/\r?\n/).length - 1,
    });
    // Listed by supplier, newest first, and filterable by result.
    const listed = ok(
      await t.run<{ supplierStatements: { nodes: { id: string; lines: { nodes: Line[] } }[] } }>(
        `query($v: ID) { supplierStatements(first: 5, filter: { vendorId: $v }) { nodes { id lines(result: UNKNOWN_BOOKING) { nodes { bookingReference } } } } }`,
        { v: seeded.vendorId },
        as.manager,
      ),
    ).supplierStatements.nodes;
    expect(listed.map((s) => s.id)).toEqual([statement.id]);
    expect(listed[0]?.lines.nodes.map((l) => l.bookingReference)).toEqual(['TT-1999-99999']);
  });

  it('refuses an unreadable statement line by line, and an advisor, storing nothing', async () => {
    const count = () => t.deps.orm.em.fork().count(SupplierStatement, {});
    const before = await count();
    const bad = await t.run(
      IMPORT,
      {
        input: {
          vendorId: seeded.vendorId,
          fileName: 'bad.csv',
          csv: 'Booking Reference,Commission Paid\nTT-2026-10001,12.50\nTT-2026-10002,twelve\n,4.00\n',
        },
      },
      as.manager,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const fields = bad.errors?.[0]?.extensions?.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path)).toEqual(['input.csv', 'input.csv']);
    expect(fields.map((f) => f.message)).toEqual([
      'line 3: "twelve" is not an amount',
      'line 4: no booking reference or confirmation number',
    ]);
    const noAmount = await t.run(
      IMPORT,
      {
        input: { vendorId: seeded.vendorId, fileName: 'x.csv', csv: 'Booking Reference,Passenger\nTT-2026-10001,A\n' },
      },
      as.manager,
    );
    expect((noAmount.errors?.[0]?.extensions?.fields as { message: string }[])[0]?.message).toMatch(
      /commission amount column/,
    );
    expect(
      codes(
        await t.run(IMPORT, { input: { vendorId: seeded.vendorId, fileName: 'x.csv', csv: seeded.csv } }, as.advisor),
      ),
    ).toEqual(['FORBIDDEN']);
    expect(await count()).toBe(before);
  });

  it('shows commission by supplier: the part-paid booking, what is outstanding, with collection states on entries', async () => {
    const rows = ok(
      await t.run<{
        commissionsBySupplier: {
          totalCount: number;
          nodes: {
            vendor: { id: string };
            expectedCents: number;
            receivedCents: number;
            partPaidCents: number;
            outstandingCents: number;
          }[];
        };
      }>(
        `{ commissionsBySupplier(first: 100) { totalCount nodes { vendor { id } expectedCents receivedCents partPaidCents outstandingCents } } }`,
        {},
        as.manager,
      ),
    ).commissionsBySupplier;
    const row = rows.nodes.find((r) => r.vendor.id === seeded.vendorId);
    const short = seeded.seeded.amountMismatches[0];
    if (!row || !short) throw new Error('no row for the statement’s supplier');
    expect(row.partPaidCents).toBe(short.expectedCents - short.paidCents);
    expect(row.outstandingCents).toBe(row.expectedCents - row.receivedCents);
    const entry = ok(
      await t.run<{
        bookings: {
          nodes: {
            commissions: {
              nodes: { collection: { state: string; receivedCents: number; outstandingCents: number } }[];
            };
          }[];
        };
      }>(
        `query($s: String) { bookings(first: 1, filter: { search: $s }) { nodes { commissions { nodes { collection { state receivedCents outstandingCents } } } } } }`,
        { s: short.bookingReference },
        as.manager,
      ),
    ).bookings.nodes[0]?.commissions.nodes[0];
    expect(entry?.collection).toEqual({
      state: 'PART_PAID',
      receivedCents: short.paidCents,
      outstandingCents: short.expectedCents - short.paidCents,
    });
  });
});

describe('a booking’s money', () => {
  type Payment = {
    id: string;
    description: string;
    amountCents: number;
    dueDate: string;
    clientFundsByDueCents: number;
    owedByDueCents: number;
    shortfallCents: number;
  };
  type Money = {
    clientPriceCents: number;
    clientPaidCents: number;
    clientBalanceCents: number;
    installments: { nodes: { dueDate: string; amountCents: number; status: string }[] };
    supplierPayments: { totalCount: number; nodes: Payment[] };
    supplierOwedCents: number;
    supplierShortfalls: number;
    grossCommissionCents: number;
    hostAgencyShareCents: number;
    agencyNetCents: number;
    advisorSplitPct: number;
    advisorShareCents: number;
    profitCents: number;
  };
  type Entry = { grossCommissionCents: number; nexionShareCents: number; agentNetCents: number };
  const MONEY = `clientPriceCents clientPaidCents clientBalanceCents installments(first: 100) { nodes { dueDate amountCents status } }
    supplierPayments { totalCount nodes { id description amountCents dueDate clientFundsByDueCents owedByDueCents shortfallCents } }
    supplierOwedCents supplierShortfalls
    grossCommissionCents hostAgencyShareCents agencyNetCents advisorSplitPct advisorShareCents profitCents`;
  const SAVE = `mutation($input: SaveSupplierPaymentInput!) { saveSupplierPayment(input: $input) { ${MONEY} } }`;

  it('sets what the agency owes the supplier against the client’s installments, then splits the commission', async () => {
    // A booking with open installments and a commission entry.
    const list = ok(
      await t.run<{ bookings: { nodes: { id: string; money: Money; commissions: { nodes: Entry[] } }[] } }>(
        `{ bookings(first: 100) { nodes { id money { ${MONEY} } commissions { nodes { grossCommissionCents nexionShareCents agentNetCents } } } } }`,
        {},
        as.manager,
      ),
    ).bookings.nodes;
    const isOpen = (s: { status: string }) => s.status !== 'PAID' && s.status !== 'WAIVED';
    const b = list.find((x) => x.commissions.nodes.length > 0 && x.money.installments.nodes.filter(isOpen).length >= 2);
    if (!b) throw new Error('no demo booking with open installments and a commission');
    const open = b.money.installments.nodes.filter(isOpen);
    const first = open[0];
    const last = open.at(-1);
    if (!first || !last) throw new Error('installments missing');
    expect(b.money.clientBalanceCents).toBe(b.money.clientPriceCents - b.money.clientPaidCents);

    // A supplier deposit due before the client's first open installment, bigger than what the client paid: short.
    const deposit = b.money.clientPaidCents + 10_000;
    const dayBefore = new Date(Date.parse(`${first.dueDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    let money = ok(
      await t.run<{ saveSupplierPayment: Money }>(
        SAVE,
        { input: { bookingId: b.id, description: 'Deposit', amountCents: deposit, dueDate: dayBefore } },
        as.manager,
      ),
    ).saveSupplierPayment;
    expect(money.supplierPayments.nodes).toEqual([
      expect.objectContaining({
        description: 'Deposit',
        clientFundsByDueCents: b.money.clientPaidCents,
        owedByDueCents: deposit,
        shortfallCents: 10_000,
      }),
    ]);
    expect(money.supplierShortfalls).toBe(1);
    // Moved to the last installment's date, the client's money covers it.
    const id = money.supplierPayments.nodes[0]?.id;
    money = ok(
      await t.run<{ saveSupplierPayment: Money }>(
        SAVE,
        { input: { id, bookingId: b.id, description: 'Deposit', amountCents: deposit, dueDate: last.dueDate } },
        as.manager,
      ),
    ).saveSupplierPayment;
    const funds = b.money.clientPaidCents + open.reduce((n, s) => n + s.amountCents, 0);
    expect(money.supplierPayments.nodes[0]).toMatchObject({
      clientFundsByDueCents: funds,
      shortfallCents: Math.max(0, deposit - funds),
    });
    expect(money.supplierOwedCents).toBe(deposit);

    // Splits: the host agency's share, then the advisor's 70 % of the rest; the profit is what remains.
    const entries = b.commissions.nodes;
    const gross = entries.reduce((n, c) => n + c.grossCommissionCents, 0);
    const host = entries.reduce((n, c) => n + c.nexionShareCents, 0);
    const net = entries.reduce((n, c) => n + c.agentNetCents, 0);
    expect(money).toMatchObject({
      grossCommissionCents: gross,
      hostAgencyShareCents: host,
      agencyNetCents: net,
      advisorSplitPct: 70,
      advisorShareCents: Math.round(net * 0.7),
      profitCents: net - Math.round(net * 0.7),
    });

    // Bad input names the field and stores nothing; advisors cannot see or change supplier money.
    const bad = await t.run(
      SAVE,
      { input: { bookingId: b.id, description: 'Final', amountCents: 0, dueDate: last.dueDate } },
      as.manager,
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect((bad.errors?.[0]?.extensions?.fields as { path: string }[]).map((f) => f.path)).toEqual([
      'input.amountCents',
    ]);
    expect(
      codes(
        await t.run(
          SAVE,
          { input: { bookingId: b.id, description: 'Final', amountCents: 5, dueDate: last.dueDate } },
          as.advisor,
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const removed = ok(
      await t.run<{ removeSupplierPayment: Money }>(
        `mutation($id: ID!) { removeSupplierPayment(id: $id) { ${MONEY} } }`,
        { id },
        as.manager,
      ),
    ).removeSupplierPayment;
    expect(removed.supplierPayments.totalCount).toBe(0);
  });
});
