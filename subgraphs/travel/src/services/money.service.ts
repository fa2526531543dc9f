/**
 * Money per booking, three ways: what the client owes (TT-API installments), what the agency owes
 * its suppliers (Nexus-side supplier payments, each due date set against the client's installments),
 * and commission (TT-API entries; what suppliers actually paid comes from their statements, imported
 * as CSV and matched to bookings here). Then the host-agency and advisor splits and the agency's
 * profit per booking after them. Every amount is in cents (integers end to end).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { badInput, findConnection, notFound, parseInput, zId, type ConnectionArgs, type Viewer } from '@nexus/platform';
import {
  SupplierPayment,
  SupplierStatement,
  SupplierStatementLine,
  type StatementLineResult,
} from '../entities/index.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  MAX_PAGE_LIMIT,
  type Booking,
  type CommissionEntry,
  type ListResult,
  type PaymentSchedule,
} from '../tt-api/contract.ts';

const isoDay = z.iso.date();
const todayOf = (now: Date) => now.toISOString().slice(0, 10);
const dayString = (d: unknown): string =>
  d instanceof Date ? d.toISOString().slice(0, 10) : typeof d === 'string' ? d.slice(0, 10) : String(d);

/** Every row of a TT-API list, page by page (at most `maxPages` pages of 100). */
export async function allPages<T>(fetch: (page: number) => Promise<ListResult<T>>, maxPages = 50): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; page <= maxPages; page++) {
    const res = await fetch(page);
    out.push(...res.data);
    if (page >= res.pagination.totalPages || res.data.length === 0) break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Commission collection: expected, received, part-paid, overdue
// ---------------------------------------------------------------------------------------------

export type CollectionState = 'EXPECTED' | 'RECEIVED' | 'PART_PAID' | 'OVERDUE';
export interface CommissionCollectionSource {
  state: CollectionState;
  expectedCents: number;
  receivedCents: number;
  outstandingCents: number;
}

const RECEIVED_STATUSES = new Set(['received', 'split_paid', 'final']);

/** What suppliers paid per booking according to the statements imported so far. */
export async function statementPaidByBooking(em: EntityManager, bookingIds: readonly string[]) {
  const paid = new Map<string, number>();
  if (bookingIds.length === 0) return paid;
  const lines = await em.find(SupplierStatementLine, {
    bookingId: { $in: [...new Set(bookingIds)] },
    result: { $in: ['MATCHED', 'AMOUNT_MISMATCH'] },
  });
  for (const l of lines) if (l.bookingId) paid.set(l.bookingId, (paid.get(l.bookingId) ?? 0) + Number(l.paidCents));
  return paid;
}

/**
 * Where one commission stands in collection: RECEIVED once TT-API says so or the statements paid it
 * in full, PART_PAID when they paid some, OVERDUE when nothing came by the expected pay date.
 */
export function collectionOf(entry: CommissionEntry, statementPaid: number, today: string): CommissionCollectionSource {
  const expected = entry.grossCommissionCents;
  if (RECEIVED_STATUSES.has(entry.status) || statementPaid >= expected)
    return {
      state: 'RECEIVED',
      expectedCents: expected,
      receivedCents: Math.max(expected, statementPaid),
      outstandingCents: 0,
    };
  const received = statementPaid;
  const outstanding = expected - received;
  const state: CollectionState =
    received > 0
      ? 'PART_PAID'
      : entry.expectedPayDate !== null && entry.expectedPayDate < today
        ? 'OVERDUE'
        : 'EXPECTED';
  return { state, expectedCents: expected, receivedCents: received, outstandingCents: outstanding };
}

export interface SupplierCommissionRow {
  vendorId: string;
  entries: number;
  expectedCents: number;
  receivedCents: number;
  partPaidCents: number;
  overdueCents: number;
  /** Still to come from this supplier, over every entry not received in full. */
  outstandingCents: number;
}

/** Commission by supplier: what each owes, has paid, has part-paid, and is late with. */
export async function commissionsBySupplier(
  em: EntityManager,
  tt: TtApiClient,
  now: Date,
): Promise<SupplierCommissionRow[]> {
  const entries = await allPages((page) =>
    tt.listCommissions({ page, limit: MAX_PAGE_LIMIT, sortBy: 'createdAt', sortOrder: 'asc' }),
  );
  const paid = await statementPaidByBooking(
    em,
    entries.map((e) => e.bookingId),
  );
  const today = todayOf(now);
  const rows = new Map<string, SupplierCommissionRow>();
  for (const e of entries) {
    const c = collectionOf(e, paid.get(e.bookingId) ?? 0, today);
    const row = rows.get(e.vendorId) ?? {
      vendorId: e.vendorId,
      entries: 0,
      expectedCents: 0,
      receivedCents: 0,
      partPaidCents: 0,
      overdueCents: 0,
      outstandingCents: 0,
    };
    row.entries++;
    row.expectedCents += c.expectedCents;
    row.receivedCents += c.receivedCents;
    row.outstandingCents += c.outstandingCents;
    if (c.state === 'PART_PAID') row.partPaidCents += c.outstandingCents;
    if (c.state === 'OVERDUE') row.overdueCents += c.outstandingCents;
    rows.set(e.vendorId, row);
  }
  return [...rows.values()].sort(
    (a, b) => b.outstandingCents - a.outstandingCents || a.vendorId.localeCompare(b.vendorId),
  );
}

// ---------------------------------------------------------------------------------------------
// One booking's money
// ---------------------------------------------------------------------------------------------

export interface SupplierPaymentSource {
  row: SupplierPayment;
  /** What the client will have paid by this due date (paid so far plus open installments due by then). */
  clientFundsByDueCents: number;
  /** What the agency owes this supplier by this due date, this payment included. */
  owedByDueCents: number;
  /** owedByDue - clientFundsByDue when the client's money would not cover it; else 0. */
  shortfallCents: number;
}

export interface BookingMoneySource {
  booking: Booking;
  installments: PaymentSchedule[];
  supplierPayments: SupplierPaymentSource[];
  commissions: (CommissionEntry & { collection: CommissionCollectionSource })[];
  advisorSplitPct: number;
}

const OPEN_INSTALLMENT = new Set(['upcoming', 'due', 'overdue']);

/** The client's money expected by `day`: paid so far plus open installments due on or before it. */
const clientFundsBy = (booking: Booking, installments: readonly PaymentSchedule[], day: string) =>
  booking.amountPaidCents +
  installments.filter((s) => OPEN_INSTALLMENT.has(s.status) && s.dueDate <= day).reduce((n, s) => n + s.amountCents, 0);

export function setAgainstInstallments(
  booking: Booking,
  installments: readonly PaymentSchedule[],
  payments: readonly SupplierPayment[],
): SupplierPaymentSource[] {
  const sorted = [...payments].sort((a, b) => dayString(a.dueDate).localeCompare(dayString(b.dueDate)));
  return sorted.map((row) => {
    const due = dayString(row.dueDate);
    const owed = sorted.filter((p) => dayString(p.dueDate) <= due).reduce((n, p) => n + Number(p.amountCents), 0);
    const funds = clientFundsBy(booking, installments, due);
    return { row, clientFundsByDueCents: funds, owedByDueCents: owed, shortfallCents: Math.max(0, owed - funds) };
  });
}

export async function bookingMoney(
  em: EntityManager,
  tt: TtApiClient,
  booking: Booking,
  advisorSplitPct: number,
  now: Date,
): Promise<BookingMoneySource> {
  const [schedules, commissions, payments] = await Promise.all([
    tt.listPaymentSchedules({ bookingId: booking.id, limit: MAX_PAGE_LIMIT, sortBy: 'dueDate', sortOrder: 'asc' }),
    tt.listCommissions({ bookingId: booking.id, limit: MAX_PAGE_LIMIT }),
    em.find(SupplierPayment, { bookingId: booking.id }, { orderBy: { dueDate: 'asc', createdAt: 'asc' } }),
  ]);
  const paid = await statementPaidByBooking(em, [booking.id]);
  const today = todayOf(now);
  // One booking's statement payments count once, against its first entry.
  let left = paid.get(booking.id) ?? 0;
  const withCollection = commissions.data.map((e) => {
    const take = Math.min(left, e.grossCommissionCents);
    left -= take;
    return { ...e, collection: collectionOf(e, take, today) };
  });
  return {
    booking,
    installments: schedules.data,
    supplierPayments: setAgainstInstallments(booking, schedules.data, payments),
    commissions: withCollection,
    advisorSplitPct,
  };
}

/** Host-agency and advisor splits, and the agency's profit after them. */
export function splitsOf(m: BookingMoneySource) {
  const live = m.commissions;
  const gross = live.reduce((n, e) => n + e.grossCommissionCents, 0);
  const hostAgency = live.reduce((n, e) => n + e.nexionShareCents, 0);
  const agencyNet = live.reduce((n, e) => n + e.agentNetCents, 0);
  const advisor = Math.round((agencyNet * m.advisorSplitPct) / 100);
  return {
    grossCommissionCents: gross,
    hostAgencyShareCents: hostAgency,
    agencyNetCents: agencyNet,
    advisorSplitPct: m.advisorSplitPct,
    advisorShareCents: advisor,
    profitCents: agencyNet - advisor,
  };
}

// ---------------------------------------------------------------------------------------------
// Supplier payments (what the agency owes suppliers)
// ---------------------------------------------------------------------------------------------

const supplierPaymentSchema = z.object({
  id: zId.nullish(),
  bookingId: zId,
  description: z.string().trim().min(1, 'required').max(120),
  amountCents: z.int().positive('must be more than zero').max(100_000_000_00),
  dueDate: isoDay,
  paidAt: z.date().nullish(),
  reference: z.string().trim().max(100).nullish(),
});

/** Creates or changes one amount the agency owes the booking's supplier. */
export async function saveSupplierPayment(em: EntityManager, tt: TtApiClient, viewer: Viewer, input: unknown) {
  const parsed = parseInput(supplierPaymentSchema, input, 'input');
  const booking = await tt.getBooking(parsed.bookingId).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND')
      throw badInput('No such booking.', [{ path: 'input.bookingId', message: 'not found in TT-API' }]);
    throw e;
  });
  const fields = {
    bookingId: booking.id,
    vendorId: booking.vendorId,
    description: parsed.description,
    amountCents: parsed.amountCents,
    dueDate: parsed.dueDate,
    paidAt: parsed.paidAt ?? null,
    reference: parsed.reference || null,
  };
  let row: SupplierPayment;
  if (parsed.id) {
    const found = await em.findOne(SupplierPayment, { id: parsed.id, bookingId: booking.id });
    if (!found) throw notFound('SupplierPayment', parsed.id);
    em.assign(found, fields);
    row = found;
  } else row = em.create(SupplierPayment, { ...fields, createdById: viewer.id });
  await em.flush();
  return row;
}

export async function removeSupplierPayment(em: EntityManager, id: string) {
  const row = await em.findOne(SupplierPayment, { id: parseInput(zId, id, 'id') });
  if (!row) throw notFound('SupplierPayment', id);
  await em.remove(row).flush();
  return id;
}

// ---------------------------------------------------------------------------------------------
// Supplier statements: CSV in, matched to bookings
// ---------------------------------------------------------------------------------------------

export const MAX_STATEMENT_LINES = 5000;
const importSchema = z.object({
  vendorId: zId,
  fileName: z.string().trim().min(1).max(200),
  csv: z.string().min(1, 'the file is empty').max(2_000_000, 'at most 2 MB'),
  statementDate: isoDay.nullish(),
});

const norm = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const COLUMNS = {
  reference: ['booking reference', 'booking ref', 'reference', 'booking', 'booking number', 'agency reference'],
  confirmation: ['confirmation number', 'confirmation', 'confirmation no', 'conf', 'conf no', 'supplier reference'],
  amount: ['commission paid', 'commission', 'commission amount', 'amount paid', 'amount', 'paid'],
} as const;

/** `1,234.56`, `$1234.5`, `-12.00` -> cents, exactly (no floating point). */
export function parseMoney(raw: string): number | null {
  const s = raw.replace(/[$€£\s]/g, '');
  const m = /^(-)?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const whole = Number((m[2] ?? '0').replace(/,/g, ''));
  const frac = Number((m[3] ?? '0').padEnd(2, '0'));
  const cents = whole * 100 + frac;
  return m[1] ? -cents : cents;
}

interface ParsedLine {
  lineNumber: number;
  reference: string | null;
  confirmation: string | null;
  paidCents: number;
}

export function parseStatementCsv(csv: string): ParsedLine[] {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (e) {
    throw badInput('The statement is not a readable CSV file.', [
      { path: 'input.csv', message: e instanceof Error ? e.message.slice(0, 200) : 'unreadable' },
    ]);
  }
  const [header, ...body] = records;
  if (!header) throw badInput('The statement is empty.', [{ path: 'input.csv', message: 'no header line' }]);
  const names = header.map(norm);
  const find = (aliases: readonly string[]) => names.findIndex((n) => aliases.includes(n));
  const ref = find(COLUMNS.reference);
  const conf = find(COLUMNS.confirmation);
  const amount = find(COLUMNS.amount);
  const missing = [
    ref < 0 && conf < 0 ? 'a booking reference or confirmation number column' : null,
    amount < 0 ? 'a commission amount column (e.g. "Commission Paid")' : null,
  ].filter((x): x is string => x !== null);
  if (missing.length > 0)
    throw badInput('The statement’s header lacks a column Nexus needs.', [
      { path: 'input.csv', message: `line 1 needs ${missing.join(' and ')}` },
    ]);
  if (body.length > MAX_STATEMENT_LINES)
    throw badInput('The statement is too long.', [
      { path: 'input.csv', message: `at most ${MAX_STATEMENT_LINES} lines` },
    ]);
  const problems: { path: string; message: string }[] = [];
  const lines: ParsedLine[] = [];
  body.forEach((cells, k) => {
    const lineNumber = k + 2;
    const reference = (ref >= 0 ? cells[ref] : '')?.trim() || null;
    const confirmation = (conf >= 0 ? cells[conf] : '')?.trim() || null;
    const paid = parseMoney(cells[amount] ?? '');
    if (!reference && !confirmation)
      problems.push({ path: 'input.csv', message: `line ${lineNumber}: no booking reference or confirmation number` });
    if (paid === null)
      problems.push({
        path: 'input.csv',
        message: `line ${lineNumber}: "${(cells[amount] ?? '').slice(0, 30)}" is not an amount`,
      });
    else lines.push({ lineNumber, reference, confirmation, paidCents: paid });
  });
  if (problems.length > 0)
    throw badInput('Some statement lines cannot be read; nothing was imported.', problems.slice(0, 20));
  if (lines.length === 0)
    throw badInput('The statement has no lines.', [{ path: 'input.csv', message: 'no lines below the header' }]);
  return lines;
}

const OWED = new Set(['earned', 'invoiced']);
const key = (s: string) => s.trim().toUpperCase();

/**
 * Imports a supplier's statement and matches it: each line to a booking of that supplier (by
 * booking reference, else the supplier's confirmation number) and its commission entry. MATCHED
 * when the amount is what TT-API expects, AMOUNT_MISMATCH otherwise, UNKNOWN_BOOKING when no booking
 * of the supplier fits; and MISSING for each commission the supplier owes (earned or invoiced) that
 * the statement leaves out. Nothing is stored when a line cannot be read.
 */
export async function importSupplierStatement(em: EntityManager, tt: TtApiClient, viewer: Viewer, input: unknown) {
  const parsed = parseInput(importSchema, input, 'input');
  const lines = parseStatementCsv(parsed.csv);
  await tt.getVendor(parsed.vendorId).catch((e: unknown) => {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND')
      throw badInput('No such supplier.', [{ path: 'input.vendorId', message: 'not found in TT-API' }]);
    throw e;
  });
  const [bookings, entries] = await Promise.all([
    allPages((page) =>
      tt.listBookings({
        vendorId: parsed.vendorId,
        page,
        limit: MAX_PAGE_LIMIT,
        sortBy: 'createdAt',
        sortOrder: 'asc',
      }),
    ),
    allPages((page) =>
      tt.listCommissions({
        vendorId: parsed.vendorId,
        page,
        limit: MAX_PAGE_LIMIT,
        sortBy: 'createdAt',
        sortOrder: 'asc',
      }),
    ),
  ]);
  const byRef = new Map(bookings.map((b) => [key(b.bookingReference), b]));
  const byConf = new Map(
    bookings.flatMap((b) => (b.vendorConfirmationNumber ? [[key(b.vendorConfirmationNumber), b] as const] : [])),
  );
  const entryOf = new Map<string, CommissionEntry>();
  for (const e of entries) if (!entryOf.has(e.bookingId)) entryOf.set(e.bookingId, e);

  type Row = Omit<SupplierStatementLine, 'id' | 'statementId'>;
  const rows: Row[] = [];
  const seen = new Set<string>();
  for (const l of lines) {
    const booking =
      (l.reference ? byRef.get(key(l.reference)) : undefined) ??
      (l.confirmation ? byConf.get(key(l.confirmation)) : undefined);
    if (!booking) {
      rows.push({
        lineNumber: l.lineNumber,
        result: 'UNKNOWN_BOOKING',
        bookingReference: l.reference,
        confirmationNumber: l.confirmation,
        paidCents: l.paidCents,
        bookingId: null,
        commissionEntryId: null,
        expectedCents: null,
        differenceCents: null,
      });
      continue;
    }
    seen.add(booking.id);
    const entry = entryOf.get(booking.id);
    const expected = entry?.grossCommissionCents ?? 0;
    const result: StatementLineResult = entry && l.paidCents === expected ? 'MATCHED' : 'AMOUNT_MISMATCH';
    rows.push({
      lineNumber: l.lineNumber,
      result,
      bookingReference: booking.bookingReference,
      confirmationNumber: l.confirmation ?? booking.vendorConfirmationNumber,
      paidCents: l.paidCents,
      bookingId: booking.id,
      commissionEntryId: entry?.id ?? null,
      expectedCents: expected,
      differenceCents: l.paidCents - expected,
    });
  }
  const bookingById = new Map(bookings.map((b) => [b.id, b]));
  for (const e of entries) {
    if (!OWED.has(e.status) || seen.has(e.bookingId)) continue;
    seen.add(e.bookingId);
    const b = bookingById.get(e.bookingId);
    rows.push({
      lineNumber: null,
      result: 'MISSING',
      bookingReference: b?.bookingReference ?? null,
      confirmationNumber: b?.vendorConfirmationNumber ?? null,
      paidCents: 0,
      bookingId: e.bookingId,
      commissionEntryId: e.id,
      expectedCents: e.grossCommissionCents,
      differenceCents: -e.grossCommissionCents,
    });
  }
  const count = (r: StatementLineResult) => rows.filter((x) => x.result === r).length;
  return em.transactional(async (tx) => {
    const statement = tx.create(SupplierStatement, {
      vendorId: parsed.vendorId,
      fileName: parsed.fileName,
      statementDate: parsed.statementDate ?? null,
      totalCents: lines.reduce((n, l) => n + l.paidCents, 0),
      lineCount: lines.length,
      matched: count('MATCHED'),
      amountMismatches: count('AMOUNT_MISMATCH'),
      unknownBookings: count('UNKNOWN_BOOKING'),
      missingLines: count('MISSING'),
      importedById: viewer.id,
    });
    for (const r of rows) tx.create(SupplierStatementLine, { ...r, statementId: statement.id });
    await tx.flush();
    return statement;
  });
}

const ORDER: Record<StatementLineResult, number> = { AMOUNT_MISMATCH: 0, UNKNOWN_BOOKING: 1, MISSING: 2, MATCHED: 3 };

/** A statement's lines: discrepancies first, then by line number. */
export async function statementLines(em: EntityManager, statementId: string, result?: StatementLineResult | null) {
  const rows = await em.find(SupplierStatementLine, { statementId, ...(result ? { result } : {}) });
  return rows.sort((a, b) => ORDER[a.result] - ORDER[b.result] || (a.lineNumber ?? 1e9) - (b.lineNumber ?? 1e9));
}

export const listSupplierStatements = (
  em: EntityManager,
  args: ConnectionArgs & { filter?: { vendorId?: string | null } | null },
) => {
  const vendorId = args.filter?.vendorId;
  return findConnection(
    em,
    SupplierStatement,
    vendorId ? { vendorId: parseInput(zId, vendorId, 'filter.vendorId') } : {},
    args,
    [{ importedAt: 'desc', id: 'desc' }],
  );
};

export async function getSupplierStatement(em: EntityManager, id: string) {
  return em.findOne(SupplierStatement, { id: parseInput(zId, id, 'id') });
}

// ---------------------------------------------------------------------------------------------
// The satisfaction dashboard's figures
// ---------------------------------------------------------------------------------------------

export interface SatisfactionSummarySource {
  responses: number;
  npsResponses: number;
  /** % promoters (9-10) minus % detractors (0-6); null without NPS answers. */
  npsScore: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  csatResponses: number;
  /** Share of CSAT answers at 4 or 5, in percent; null without CSAT answers. */
  csatPct: number | null;
  postTripResponses: number;
  postTripAverage: number | null;
  /** Share of answers saying they would recommend, in percent, over those that said. */
  wouldRecommendPct: number | null;
}

/** NPS, CSAT and post-trip figures over every score TT-API holds (or one client's). */
export async function satisfactionSummary(
  tt: TtApiClient,
  clientId?: string | null,
): Promise<SatisfactionSummarySource> {
  const rows = await allPages((page) =>
    tt.listSatisfactionScores({ page, limit: MAX_PAGE_LIMIT, ...(clientId ? { clientId } : {}) }),
  );
  const nps = rows.filter((r) => r.scoreType === 'nps');
  const csat = rows.filter((r) => r.scoreType === 'csat');
  const post = rows.filter((r) => r.scoreType === 'post_trip');
  const promoters = nps.filter((r) => r.score >= 9).length;
  const detractors = nps.filter((r) => r.score <= 6).length;
  const said = rows.filter((r) => r.wouldRecommend !== null);
  const pct = (n: number, of: number) => (of === 0 ? null : Math.round((n / of) * 1000) / 10);
  return {
    responses: rows.length,
    npsResponses: nps.length,
    npsScore: nps.length === 0 ? null : Math.round(((promoters - detractors) / nps.length) * 100),
    promoters,
    passives: nps.length - promoters - detractors,
    detractors,
    csatResponses: csat.length,
    csatPct: pct(csat.filter((r) => r.score >= 4).length, csat.length),
    postTripResponses: post.length,
    postTripAverage:
      post.length === 0 ? null : Math.round((post.reduce((n, r) => n + r.score, 0) / post.length) * 10) / 10,
    wouldRecommendPct: pct(said.filter((r) => r.wouldRecommend).length, said.length),
  };
}
