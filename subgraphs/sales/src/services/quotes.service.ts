import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import {
  NOTIFY_JOB,
  QUEUES,
  QUOTE_ACCEPTED_JOB,
  TRANSACTIONAL_MAIL_JOB,
  badInput,
  conflict,
  enqueue,
  findConnection,
  notFound,
  parseInput,
  zEmail,
  zId,
  zLine,
  zText,
  type ConnectionArgs,
  type FieldProblem,
  type Viewer,
} from '@nexus/platform';
import { DISCOUNT_TYPES, Product, Quote, QuoteTemplate, type QuoteStatus, type StoredLine } from '../entities/index.ts';
import type { SalesEnv } from '../env.ts';
import { renderQuotePdf } from '../pdf/quote-pdf.ts';
import { formatMoney, formatRate, parseRate, priceQuote } from './money.ts';
import { unitPriceFor } from './products.service.ts';
import { opt, zBasisPoints, zCents, zCurrency, zDate } from './validation.ts';

const lineInput = z.object({
  productId: opt(zId),
  description: opt(zLine(500)),
  quantity: z
    .number()
    .int({ message: 'must be a whole number' })
    .min(1, { message: 'must be at least 1' })
    .max(100_000),
  unitPrice: opt(zCents),
  unitCost: opt(zCents),
  currency: opt(zCurrency),
  discountType: opt(z.enum(DISCOUNT_TYPES)),
  discountPercent: opt(zBasisPoints),
  discountAmount: opt(zCents),
  taxRate: opt(zBasisPoints),
  taxInclusive: opt(z.boolean()),
  optionGroup: opt(zLine(60)),
  optional: opt(z.boolean()),
  selected: opt(z.boolean()),
});
const rateInput = z.object({ currency: zCurrency, rate: z.string() });

const common = {
  contactId: opt(zId),
  title: zLine(200).pipe(z.string().min(1, { message: 'is required' })),
  currency: opt(zCurrency),
  exchangeRates: opt(z.array(rateInput).max(20)),
  lines: opt(z.array(lineInput).max(500, { message: 'at most 500 lines' })),
  discountType: opt(z.enum(DISCOUNT_TYPES)),
  discountPercent: opt(zBasisPoints),
  discountAmount: opt(zCents),
  expiresOn: opt(zDate),
  terms: opt(zText(20_000)),
  cancellationPolicy: opt(zText(20_000)),
  depositPercent: opt(
    z.number().int().min(0, { message: 'must not be negative' }).max(100, { message: 'must be at most 100' }),
  ),
  depositAmount: opt(zCents),
  recipientName: opt(zLine(200)),
  recipientEmail: opt(zEmail),
};
const createInput = z.object({ dealId: zId, supplierHoldUntil: opt(zDate), templateId: opt(zId), ...common });
const updateInput = z.object(common).partial().extend({ id: zId });

/**
 * The deal follows its quote (sent, viewed, accepted): recorded in this unit of work and done by the
 * worker through the graph as service:sales-quotes, so the move survives a restart or a Redis outage.
 */
const moveDealLater = (em: EntityManager, quote: Quote, event: 'SENT' | 'VIEWED' | 'ACCEPTED') =>
  enqueue(
    em,
    QUEUES.sales,
    'quote-deal-move',
    { quoteId: quote.id, dealId: quote.dealId, event },
    { jobId: `quote-deal-move:${quote.id}:${event}` },
  );

/** Statuses whose content is frozen: editing them means a revision. */
const EDITABLE: QuoteStatus[] = ['DRAFT', 'PENDING_APPROVAL'];
const LIVE: QuoteStatus[] = ['SENT', 'VIEWED'];

const today = () => new Date().toISOString().slice(0, 10);
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
export const quoteReference = (q: Pick<Quote, 'number' | 'version'>) =>
  `Q-${String(q.number).padStart(5, '0')}${q.version > 1 ? `-v${q.version}` : ''}`;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Rates as stored (normalised decimal strings); a bad rate names its index. */
function normaliseRates(rates: { currency: string; rate: string }[], quoteCurrency: string): Record<string, string> {
  const problems: FieldProblem[] = [];
  const out: Record<string, string> = {};
  rates.forEach((r, i) => {
    const micro = parseRate(r.rate);
    if (micro === null)
      problems.push({
        path: `input.exchangeRates.${i}.rate`,
        message: 'must be a positive decimal with at most 6 decimals',
      });
    else if (r.currency !== quoteCurrency) out[r.currency] = formatRate(micro);
  });
  if (problems.length) throw badInput(`${problems[0]?.path}: ${problems[0]?.message}`, problems);
  return out;
}

/** Builds stored lines from input: product defaults, currency rates, discount bounds, one choice per option group. */
async function buildLines(
  em: EntityManager,
  input: z.infer<typeof lineInput>[],
  currency: string,
  rates: Record<string, string>,
  issues: FieldProblem[],
): Promise<StoredLine[]> {
  const ids = [...new Set(input.map((l) => l.productId).filter((x): x is string => !!x))];
  const products = new Map((ids.length ? await em.find(Product, { id: { $in: ids } }) : []).map((p) => [p.id, p]));
  const lines = input.map((l, i): StoredLine => {
    const at = (f: string) => `input.lines.${i}.${f}`;
    const product = l.productId ? products.get(l.productId) : undefined;
    if (l.productId && !product) issues.push({ path: at('productId'), message: 'is not a product' });
    else if (product && !product.active) issues.push({ path: at('productId'), message: 'is archived' });
    const description = l.description ?? product?.name ?? '';
    if (!description) issues.push({ path: at('description'), message: 'is required for a line without a product' });
    const unitPrice = l.unitPrice ?? (product ? unitPriceFor(product, l.quantity) : undefined);
    if (unitPrice === undefined)
      issues.push({ path: at('unitPrice'), message: 'is required for a line without a product' });
    const lineCurrency = l.currency ?? product?.currency ?? currency;
    if (lineCurrency !== currency && rates[lineCurrency] === undefined)
      issues.push({ path: at('currency'), message: `has no exchange rate into ${currency} on this quote` });
    const gross = l.quantity * (unitPrice ?? 0);
    if (l.discountType === 'PERCENT' && l.discountPercent === undefined)
      issues.push({ path: at('discountPercent'), message: 'is required for a PERCENT discount' });
    if (l.discountType === 'AMOUNT') {
      if (l.discountAmount === undefined)
        issues.push({ path: at('discountAmount'), message: 'is required for an AMOUNT discount' });
      else if (l.discountAmount > gross)
        issues.push({ path: at('discountAmount'), message: 'must not exceed the line total (quantity x unit price)' });
    }
    return {
      id: randomUUID(),
      productId: product?.id ?? null,
      description,
      quantity: l.quantity,
      unitPrice: unitPrice ?? 0,
      unitCost: l.unitCost ?? product?.unitCost ?? 0,
      currency: lineCurrency,
      discountType: l.discountType ?? null,
      discountPercent: l.discountType === 'PERCENT' ? (l.discountPercent ?? 0) : null,
      discountAmount: l.discountType === 'AMOUNT' ? (l.discountAmount ?? 0) : null,
      taxRate: l.taxRate ?? product?.taxRate ?? 0,
      taxInclusive: l.taxInclusive ?? product?.taxInclusive ?? false,
      optionGroup: l.optionGroup ?? null,
      optional: l.optionGroup ? false : (l.optional ?? false),
      selected: l.selected ?? !(l.optional ?? false),
    };
  });
  // One alternative of each option group is chosen: the one marked, else the first.
  const groups = new Map<string, StoredLine[]>();
  for (const l of lines) if (l.optionGroup) groups.set(l.optionGroup, [...(groups.get(l.optionGroup) ?? []), l]);
  for (const [, members] of groups) {
    const chosen = members.find((m) => m.selected) ?? members[0];
    for (const m of members) m.selected = m === chosen;
  }
  return lines;
}

function checkQuoteDiscount(
  d: { discountType?: string; discountPercent?: number; discountAmount?: number },
  issues: FieldProblem[],
) {
  if (d.discountType === 'PERCENT' && d.discountPercent === undefined)
    issues.push({ path: 'input.discountPercent', message: 'is required for a PERCENT discount' });
  if (d.discountType === 'AMOUNT' && d.discountAmount === undefined)
    issues.push({ path: 'input.discountAmount', message: 'is required for an AMOUNT discount' });
}

function throwIssues(issues: FieldProblem[]) {
  if (!issues.length) return;
  const first = issues[0];
  throw badInput(
    issues.length === 1 && first ? `${first.path}: ${first.message}` : 'Some fields are not valid.',
    issues,
  );
}

/** The quote discount must fit what the lines leave after their own discounts. */
function checkDiscountFits(q: Quote, issues: FieldProblem[]) {
  if (q.discountType !== 'AMOUNT' || q.discountAmount == null) return;
  const priced = priceQuote({ ...q, discountType: null });
  if (q.discountAmount > priced.totals.subtotal - priced.totals.lineDiscounts)
    issues.push({ path: 'input.discountAmount', message: 'must not exceed the quote total after line discounts' });
}

/** A deposit is a percent or an amount, not both. */
function checkDeposit(d: { depositPercent?: number; depositAmount?: number }, issues: FieldProblem[]) {
  if (d.depositPercent !== undefined && d.depositPercent > 0 && d.depositAmount !== undefined)
    issues.push({ path: 'input.depositAmount', message: 'give a deposit percent or an amount, not both' });
}

/** Whether a manager must approve: too much discount, or too little margin where costs are known. */
export function approvalNeeded(
  q: Quote,
  env: Pick<SalesEnv, 'SALES_DISCOUNT_APPROVAL_PERCENT' | 'SALES_MIN_MARGIN_PERCENT'>,
) {
  const t = priceQuote(q).totals;
  const discountTooHigh = t.discountPercent > env.SALES_DISCOUNT_APPROVAL_PERCENT * 100;
  const marginTooLow = t.cost > 0 && t.marginPercent !== null && t.marginPercent < env.SALES_MIN_MARGIN_PERCENT * 100;
  return discountTooHigh || marginTooLow;
}

function settleApproval(q: Quote, env: SalesEnv) {
  q.approval = approvalNeeded(q, env) ? 'REQUIRED' : 'NOT_REQUIRED';
  q.approvedAt = null;
  q.approvedById = null;
}

export async function createQuote(em: EntityManager, env: SalesEnv, viewer: Viewer, input: unknown): Promise<Quote> {
  const d = parseInput(createInput, input);
  const currency = d.currency ?? 'USD';
  const rates = normaliseRates(d.exchangeRates ?? [], currency);
  const issues: FieldProblem[] = [];
  const lines = await buildLines(em, d.lines ?? [], currency, rates, issues);
  checkQuoteDiscount(d, issues);
  checkDeposit(d, issues);
  let template: QuoteTemplate | null = null;
  if (d.templateId) {
    template = await em.findOne(QuoteTemplate, { id: d.templateId });
    if (!template) issues.push({ path: 'input.templateId', message: 'is not a quote template' });
  }
  // The template's wording and deposit are copied in, unless the input gives its own.
  const ownDeposit = d.depositPercent !== undefined || d.depositAmount !== undefined;
  const expiresOn = d.expiresOn ?? d.supplierHoldUntil ?? addDays(today(), 30);
  if (expiresOn < today()) issues.push({ path: 'input.expiresOn', message: 'must not be in the past' });
  throwIssues(issues);
  const [{ n }] = await em.getConnection().execute<[{ n: string }]>(`select nextval('quote_number_seq') as n`);
  const quote = em.create(Quote, {
    number: Number(n),
    version: 1,
    dealId: d.dealId,
    contactId: d.contactId ?? null,
    title: d.title,
    currency,
    exchangeRates: rates,
    lines,
    discountType: d.discountType ?? null,
    discountPercent: d.discountType === 'PERCENT' ? (d.discountPercent ?? 0) : null,
    discountAmount: d.discountType === 'AMOUNT' ? (d.discountAmount ?? 0) : null,
    expiresOn,
    terms: d.terms ?? template?.terms ?? null,
    cancellationPolicy: d.cancellationPolicy ?? template?.cancellationPolicy ?? null,
    depositPercent: ownDeposit ? (d.depositPercent ?? 0) : (template?.depositPercent ?? 0),
    depositAmount: ownDeposit ? (d.depositAmount ?? null) : (template?.depositAmount ?? null),
    templateId: template?.id ?? null,
    recipientName: d.recipientName ?? null,
    recipientEmail: d.recipientEmail ?? null,
    ownerId: viewer.kind === 'user' ? viewer.id : null,
  });
  checkDiscountFits(quote, issues);
  throwIssues(issues);
  settleApproval(quote, env);
  await em.flush();
  return quote;
}

async function loadQuote(em: EntityManager, id: string): Promise<Quote> {
  const quote = await em.findOne(Quote, { id });
  if (!quote) throw notFound('Quote', id);
  return quote;
}

export async function updateQuote(em: EntityManager, env: SalesEnv, input: unknown): Promise<Quote> {
  const d = parseInput(updateInput, input);
  const quote = await loadQuote(em, d.id);
  if (!EDITABLE.includes(quote.status))
    throw conflict(
      `Quote ${quoteReference(quote)} is ${quote.status.toLowerCase()} and cannot be edited; revise it to make a new version.`,
    );
  const currency = d.currency ?? quote.currency;
  const rates = d.exchangeRates ? normaliseRates(d.exchangeRates, currency) : quote.exchangeRates;
  const issues: FieldProblem[] = [];
  const lines = d.lines ? await buildLines(em, d.lines, currency, rates, issues) : quote.lines;
  if (!d.lines)
    quote.lines.forEach((l, i) => {
      if (l.currency !== currency && rates[l.currency] === undefined)
        issues.push({
          path: `input.lines.${i}.currency`,
          message: `has no exchange rate into ${currency} on this quote`,
        });
    });
  const discountType = d.discountType !== undefined ? d.discountType : quote.discountType;
  checkQuoteDiscount(
    {
      discountType: discountType ?? undefined,
      discountPercent: d.discountPercent ?? quote.discountPercent ?? undefined,
      discountAmount: d.discountAmount ?? quote.discountAmount ?? undefined,
    },
    issues,
  );
  if (d.expiresOn && d.expiresOn < today())
    issues.push({ path: 'input.expiresOn', message: 'must not be in the past' });
  checkDeposit(d, issues);
  throwIssues(issues);
  // A new percent replaces a fixed amount and the other way round.
  const deposit =
    d.depositAmount !== undefined
      ? { depositPercent: 0, depositAmount: d.depositAmount }
      : d.depositPercent !== undefined
        ? { depositPercent: d.depositPercent, depositAmount: null }
        : { depositPercent: quote.depositPercent, depositAmount: quote.depositAmount ?? null };
  const draft = {
    contactId: d.contactId ?? quote.contactId,
    title: d.title ?? quote.title,
    currency,
    exchangeRates: rates,
    lines,
    discountType: discountType ?? null,
    discountPercent: discountType === 'PERCENT' ? (d.discountPercent ?? quote.discountPercent ?? 0) : null,
    discountAmount: discountType === 'AMOUNT' ? (d.discountAmount ?? quote.discountAmount ?? 0) : null,
    expiresOn: d.expiresOn ?? quote.expiresOn,
    terms: d.terms ?? quote.terms,
    cancellationPolicy: d.cancellationPolicy ?? quote.cancellationPolicy,
    ...deposit,
    recipientName: d.recipientName ?? quote.recipientName,
    recipientEmail: d.recipientEmail ?? quote.recipientEmail,
  };
  // Checked on a copy so a refused change leaves the managed entity untouched.
  const candidate = Object.assign(Object.create(Quote.prototype) as Quote, { ...quote, ...draft });
  checkDiscountFits(candidate, issues);
  throwIssues(issues);
  em.assign(quote, draft);
  settleApproval(quote, env);
  if (quote.status === 'PENDING_APPROVAL' && quote.approval !== 'REQUIRED') quote.status = 'DRAFT';
  await em.flush();
  return quote;
}

const agencyOf = (env: SalesEnv) => ({ name: env.SALES_AGENCY_NAME, address: env.SALES_AGENCY_ADDRESS });

export const quotePdf = (quote: Quote, env: SalesEnv) =>
  renderQuotePdf(quote, agencyOf(env), { reference: quoteReference(quote), acceptance: quote.acceptance });

export async function sendQuote(
  em: EntityManager,
  env: SalesEnv,
  input: unknown,
): Promise<{ quote: Quote; link: string }> {
  const d = parseInput(z.object({ id: zId, message: opt(zText(5000)) }), input);
  const quote = await loadQuote(em, d.id);
  expireIfDue(quote);
  if (!EDITABLE.includes(quote.status))
    throw conflict(`Quote ${quoteReference(quote)} is ${quote.status.toLowerCase()}; revise it to send a new version.`);
  const issues: FieldProblem[] = [];
  if (!quote.recipientEmail) issues.push({ path: 'input.id', message: 'the quote has no recipientEmail' });
  if (!quote.lines.length) issues.push({ path: 'input.id', message: 'the quote has no lines' });
  if (quote.expiresOn < today()) issues.push({ path: 'input.id', message: 'the quote has expired; change expiresOn' });
  throwIssues(issues);
  if (quote.approval === 'REQUIRED') {
    quote.status = 'PENDING_APPROVAL';
    await em.flush();
    return { quote, link: '' };
  }
  const token = randomBytes(32).toString('base64url');
  quote.tokenHash = sha256(token);
  quote.linkRevokedAt = null;
  quote.status = 'SENT';
  quote.sentAt = new Date();
  const link = `${env.PUBLIC_URL.replace(/\/$/, '')}/q/${token}`;
  const pdf = await quotePdf(quote, env);
  const total = formatMoney(priceQuote(quote).totals.total, quote.currency);
  const greeting = quote.recipientName ? `Dear ${quote.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    d.message ?? `Here is your quote ${quoteReference(quote)}: ${quote.title}.`,
    '',
    `Total: ${total}. Valid until ${quote.expiresOn}.`,
    `View and accept it here: ${link}`,
    '',
    env.SALES_AGENCY_NAME,
  ].join('\n');
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: quote.recipientEmail ?? '',
    contactId: quote.contactId,
    subject: `Your quote ${quoteReference(quote)} from ${env.SALES_AGENCY_NAME}`,
    text,
    html: null,
    attachments: [
      {
        filename: `${quoteReference(quote)}.pdf`,
        contentBase64: Buffer.from(pdf).toString('base64'),
        contentType: 'application/pdf',
      },
    ],
    category: 'quote',
    dedupeKey: `quote-sent:${quote.id}:${quote.tokenHash}`,
  });
  moveDealLater(em, quote, 'SENT');
  await em.flush();
  return { quote, link };
}

export async function approveQuote(em: EntityManager, viewer: Viewer, id: string): Promise<Quote> {
  const quote = await loadQuote(em, parseInput(zId, id, 'id'));
  if (!EDITABLE.includes(quote.status))
    throw conflict(`Quote ${quoteReference(quote)} is ${quote.status.toLowerCase()}; only drafts are approved.`);
  if (quote.approval === 'NOT_REQUIRED')
    throw badInput('id: this quote needs no approval', [{ path: 'id', message: 'needs no approval' }]);
  quote.approval = 'APPROVED';
  quote.approvedAt = new Date();
  quote.approvedById = viewer.id;
  if (quote.status === 'PENDING_APPROVAL') quote.status = 'DRAFT';
  await em.flush();
  return quote;
}

export async function reviseQuote(em: EntityManager, env: SalesEnv, viewer: Viewer, id: string): Promise<Quote> {
  const old = await loadQuote(em, parseInput(zId, id, 'id'));
  expireIfDue(old);
  if (old.supersededById) throw conflict(`Quote ${quoteReference(old)} already has a newer version.`);
  if (EDITABLE.includes(old.status)) throw conflict(`Quote ${quoteReference(old)} is still a draft; edit it instead.`);
  if (old.status === 'ACCEPTED')
    throw conflict(`Quote ${quoteReference(old)} has been accepted and cannot be revised.`);
  const next = em.create(Quote, {
    number: old.number,
    version: old.version + 1,
    dealId: old.dealId,
    contactId: old.contactId,
    title: old.title,
    currency: old.currency,
    exchangeRates: { ...old.exchangeRates },
    lines: old.lines.map((l) => ({ ...l, id: randomUUID() })),
    discountType: old.discountType,
    discountPercent: old.discountPercent,
    discountAmount: old.discountAmount,
    expiresOn: old.expiresOn < today() ? addDays(today(), 30) : old.expiresOn,
    terms: old.terms,
    cancellationPolicy: old.cancellationPolicy,
    depositPercent: old.depositPercent,
    depositAmount: old.depositAmount ?? null,
    templateId: old.templateId ?? null,
    recipientName: old.recipientName,
    recipientEmail: old.recipientEmail,
    ownerId: viewer.kind === 'user' ? viewer.id : old.ownerId,
    previousVersionId: old.id,
  });
  settleApproval(next, env);
  old.supersededById = next.id;
  old.status = 'SUPERSEDED';
  await em.flush();
  return next;
}

export async function revokeQuoteLink(em: EntityManager, id: string): Promise<Quote> {
  const quote = await loadQuote(em, parseInput(zId, id, 'id'));
  if (!quote.tokenHash)
    throw badInput('id: the quote has no link (it was never sent)', [{ path: 'id', message: 'has no link' }]);
  quote.linkRevokedAt ??= new Date();
  await em.flush();
  return quote;
}

/** A sent quote past its last day becomes EXPIRED (on the next read or action). */
export function expireIfDue(quote: Quote): boolean {
  if (LIVE.includes(quote.status) && quote.expiresOn < today()) {
    quote.status = 'EXPIRED';
    return true;
  }
  return false;
}

export const linkActive = (q: Quote) =>
  !!q.tokenHash && !q.linkRevokedAt && LIVE.includes(q.status) && !q.supersededById && q.expiresOn >= today();

export interface QuoteListArgs extends ConnectionArgs {
  filter?: {
    search?: string | null;
    dealId?: string | null;
    status?: QuoteStatus[] | null;
    latestOnly?: boolean | null;
  } | null;
  orderBy?: { field: 'NUMBER' | 'CREATED_AT' | 'EXPIRES_ON'; direction?: 'ASC' | 'DESC' | null } | null;
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listQuotes(em: EntityManager, args: QuoteListArgs) {
  const f = args.filter ?? {};
  const where: FilterQuery<Quote> = {};
  if (f.dealId) where.dealId = parseInput(zId, f.dealId, 'filter.dealId');
  if (f.status?.length) where.status = { $in: f.status };
  if (f.latestOnly ?? true) where.supersededById = null;
  const search = f.search?.trim();
  if (search)
    where.$or = [
      { title: { $ilike: like(search) } },
      { recipientName: { $ilike: like(search) } },
      { recipientEmail: { $ilike: like(search) } },
    ];
  if (!args.orderBy)
    return findConnection(em, Quote, where, args, [{ number: 'desc' }, { version: 'desc' }, { id: 'desc' }]);
  const dir = args.orderBy.direction === 'DESC' ? ('desc' as const) : ('asc' as const);
  const by: Record<string, QueryOrderMap<Quote>[]> = {
    NUMBER: [{ number: dir }, { version: dir }],
    CREATED_AT: [{ createdAt: dir }],
    EXPIRES_ON: [{ expiresOn: dir }],
  };
  return findConnection(em, Quote, where, args, [...(by[args.orderBy.field] ?? []), { id: dir }]);
}

export const quotesOfDeal = (em: EntityManager, dealId: string, args: ConnectionArgs) =>
  findConnection(em, Quote, { dealId }, args, [{ number: 'desc' }, { version: 'desc' }, { id: 'desc' }]);

/** Hash of the exact version a client accepts: what they saw and chose, and the totals. */
export function versionHash(q: Quote): string {
  const priced = priceQuote(q);
  return sha256(
    JSON.stringify({
      id: q.id,
      number: q.number,
      version: q.version,
      currency: q.currency,
      exchangeRates: q.exchangeRates,
      lines: q.lines,
      discount: [q.discountType, q.discountPercent, q.discountAmount],
      deposit: [q.depositPercent, q.depositAmount ?? null],
      terms: q.terms,
      cancellationPolicy: q.cancellationPolicy,
      expiresOn: q.expiresOn,
      totals: priced.totals,
    }),
  );
}

/* ---------- the public link ---------- */

export type LinkState =
  | { ok: true; quote: Quote }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'superseded' | 'answered'; quote?: Quote };

export async function quoteByToken(em: EntityManager, token: string): Promise<LinkState> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: 'unknown' };
  const hash = sha256(token);
  const quote = await em.findOne(Quote, { tokenHash: hash });
  // The lookup is by hash; comparing again in constant time keeps timing from telling near misses.
  if (!quote?.tokenHash || !timingSafeEqual(Buffer.from(quote.tokenHash), Buffer.from(hash)))
    return { ok: false, reason: 'unknown' };
  if (expireIfDue(quote)) await em.flush();
  if (quote.supersededById || quote.status === 'SUPERSEDED') return { ok: false, reason: 'superseded', quote };
  if (quote.linkRevokedAt) return { ok: false, reason: 'revoked', quote };
  if (quote.status === 'EXPIRED') return { ok: false, reason: 'expired', quote };
  if (quote.status === 'ACCEPTED' || quote.status === 'DECLINED') return { ok: false, reason: 'answered', quote };
  return { ok: true, quote };
}

/** A view from a real page load (the page's beacon): never from the GET alone, which scanners make. */
export async function recordView(em: EntityManager, quote: Quote) {
  quote.viewCount += 1;
  if (!quote.firstViewedAt) {
    quote.firstViewedAt = new Date();
    if (quote.ownerId)
      enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
        userId: quote.ownerId,
        type: 'SYSTEM',
        title: `Quote ${quoteReference(quote)} was opened`,
        body: quote.recipientName ? `${quote.recipientName} is looking at ${quote.title}.` : quote.title,
        link: `/sales/quotes/${quote.id}`,
        dedupeKey: `quote-viewed:${quote.id}`,
      });
  }
  if (quote.status === 'SENT') {
    quote.status = 'VIEWED';
    moveDealLater(em, quote, 'VIEWED');
  }
  await em.flush();
}

const CODE_TTL_MS = 15 * 60_000;
const MAX_CODE_ATTEMPTS = 5;

/** Emails a fresh 6-digit code to the quote's recipient; only its hash is kept. */
export async function sendAcceptanceCode(em: EntityManager, env: SalesEnv, quote: Quote) {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  quote.codeHash = sha256(`${quote.id}:${code}`);
  quote.codeExpiresAt = new Date(Date.now() + CODE_TTL_MS);
  quote.codeAttempts = 0;
  quote.codeUsedAt = null;
  enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
    to: quote.recipientEmail ?? '',
    contactId: quote.contactId,
    subject: `Your code to accept quote ${quoteReference(quote)}: ${code}`,
    text: `Your one-time code to accept ${quoteReference(quote)} (${quote.title}) is ${code}. It works once, for 15 minutes.\n\n${env.SALES_AGENCY_NAME}`,
    category: 'quote-code',
    dedupeKey: `quote-code:${quote.id}:${quote.codeHash}`,
  });
  await em.flush();
}

export interface Choices {
  /** option group -> chosen line id */
  options: Record<string, string>;
  /** add-on line ids opted into */
  addons: string[];
}

/** Applies the client's choices to the lines; unknown ids are refused. */
export function applyChoices(quote: Quote, choices: Choices): StoredLine[] {
  const problems: FieldProblem[] = [];
  const lines = quote.lines.map((l) => ({ ...l }));
  for (const [group, lineId] of Object.entries(choices.options)) {
    const members = lines.filter((l) => l.optionGroup === group);
    if (!members.some((m) => m.id === lineId))
      problems.push({ path: `options.${group}`, message: 'is not an option of this group' });
    else for (const m of members) m.selected = m.id === lineId;
  }
  const addonIds = new Set(choices.addons);
  for (const id of addonIds)
    if (!lines.some((l) => l.id === id && l.optional))
      problems.push({ path: 'addons', message: `${id} is not an add-on of this quote` });
  for (const l of lines) if (l.optional) l.selected = addonIds.has(l.id);
  throwIssues(problems);
  return lines;
}

/** Accepts with the typed name and the emailed code; evidence and a signed PDF are kept and mailed. */
export async function acceptQuote(
  em: EntityManager,
  env: SalesEnv,
  quote: Quote,
  input: { name: string; code: string; choices: Choices; ip: string; userAgent: string },
) {
  const name = parseInput(zLine(200).pipe(z.string().min(2, { message: 'type your full name' })), input.name, 'name');
  const now = new Date();
  const given = sha256(`${quote.id}:${input.code.trim()}`);
  const valid =
    !!quote.codeHash &&
    !quote.codeUsedAt &&
    !!quote.codeExpiresAt &&
    quote.codeExpiresAt > now &&
    quote.codeAttempts < MAX_CODE_ATTEMPTS &&
    timingSafeEqual(Buffer.from(quote.codeHash), Buffer.from(given));
  if (!valid) {
    if (quote.codeHash && !quote.codeUsedAt) {
      quote.codeAttempts += 1;
      await em.flush();
    }
    throw badInput('code: the code is wrong, used or expired; ask for a new one', [
      { path: 'code', message: 'is wrong, used or expired' },
    ]);
  }
  return recordAcceptance(em, env, quote, { ...input, name, now, codeUsed: true });
}

/**
 * The acceptance itself, once the client is known to be who the quote is for (the emailed code at
 * `/q`, or a signed-in traveller in the client portal): the choices applied, the evidence and the
 * signed PDF kept and mailed, the owner told, the deal moved, marketing credited, the deposit
 * scheduled, all in one unit of work.
 */
export async function recordAcceptance(
  em: EntityManager,
  env: SalesEnv,
  quote: Quote,
  input: { name: string; choices: Choices; ip: string; userAgent: string; now: Date; codeUsed: boolean },
) {
  const { name, now } = input;
  const lines = applyChoices(quote, input.choices);
  quote.lines = lines;
  if (input.codeUsed) quote.codeUsedAt = now;
  quote.status = 'ACCEPTED';
  quote.acceptedAt = now;
  const hash = versionHash(quote);
  const acceptance = {
    name,
    acceptedAt: now.toISOString(),
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 500),
    versionHash: hash,
    signedPdfSha256: '',
  };
  quote.acceptance = acceptance;
  const pdf = await quotePdf(quote, env);
  quote.acceptance = { ...acceptance, signedPdfSha256: sha256(pdf) };
  quote.signedPdf = Buffer.from(pdf);
  const attachment = {
    filename: `${quoteReference(quote)}-accepted.pdf`,
    contentBase64: Buffer.from(pdf).toString('base64'),
    contentType: 'application/pdf',
  };
  const total = formatMoney(priceQuote(quote).totals.total, quote.currency);
  for (const to of [quote.recipientEmail ?? '', env.SALES_TEAM_EMAIL]) {
    enqueue(em, QUEUES.mail, TRANSACTIONAL_MAIL_JOB, {
      to,
      contactId: to === quote.recipientEmail ? quote.contactId : null,
      subject: `Quote ${quoteReference(quote)} accepted`,
      text: `${name} accepted ${quoteReference(quote)} (${quote.title}) on ${acceptance.acceptedAt}. Total ${total}.\nThe signed quote is attached (SHA-256 ${quote.acceptance.signedPdfSha256}).\n\n${env.SALES_AGENCY_NAME}`,
      attachments: [attachment],
      category: 'quote-accepted',
      dedupeKey: `quote-accepted:${quote.id}:${to}`,
    });
  }
  if (quote.ownerId)
    enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
      userId: quote.ownerId,
      type: 'SYSTEM',
      title: `Quote ${quoteReference(quote)} accepted`,
      body: `${name} accepted ${quote.title} (${total}).`,
      link: `/sales/quotes/${quote.id}`,
      dedupeKey: `quote-accepted:${quote.id}`,
    });
  moveDealLater(em, quote, 'ACCEPTED');
  // Marketing credits the accepted total to the campaign the contact last clicked (outbox: same unit of work).
  if (quote.contactId)
    enqueue(em, QUEUES.marketing, QUOTE_ACCEPTED_JOB, {
      quoteId: quote.id,
      contactId: quote.contactId,
      totalCents: priceQuote(quote).totals.total,
      currency: quote.currency,
      acceptedAt: now.toISOString(),
    });
  const depositDue = priceQuote(quote).totals.depositDue;
  if (depositDue > 0) {
    // Recorded now; the TT-API payment schedule follows from the queue (retried through outages).
    quote.depositDue = depositDue;
    quote.depositSchedule = 'PENDING';
    enqueue(
      em,
      QUEUES.sales,
      'quote-deposit-schedule',
      { quoteId: quote.id, attempt: 0 },
      { jobId: `quote-deposit-schedule:${quote.id}:0` },
    );
  }
  await em.flush();
  return quote;
}

export async function declineQuote(em: EntityManager, quote: Quote, reason: string) {
  const why = parseInput(zText(1000).pipe(z.string().min(1, { message: 'tell us why' })), reason, 'reason');
  quote.status = 'DECLINED';
  quote.declinedAt = new Date();
  quote.declineReason = why;
  if (quote.ownerId)
    enqueue(em, QUEUES.notifications, NOTIFY_JOB, {
      userId: quote.ownerId,
      type: 'SYSTEM',
      title: `Quote ${quoteReference(quote)} declined`,
      body: why,
      link: `/sales/quotes/${quote.id}`,
      dedupeKey: `quote-declined:${quote.id}`,
    });
  await em.flush();
  return quote;
}
