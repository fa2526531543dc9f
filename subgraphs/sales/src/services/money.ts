import type { DiscountType, StoredLine } from '../entities/index.ts';

/**
 * Quote arithmetic, in integer cents only (BigInt inside, so no intermediate product loses
 * precision). The documented rounding:
 * - a line in another currency: its unit price and cost are converted at the quote's recorded rate
 *   (micro-units, 6 decimals) and rounded half-even to the cent;
 * - gross = quantity x unit price; a percentage discount is rounded half-even per line;
 * - a quote-level discount is shared over the included lines in proportion to their net, by largest
 *   remainder, so the shares add up to the discount exactly;
 * - tax is computed per line on what remains and rounded half-even (for tax-inclusive lines it is
 *   the part of the amount that is tax: amount x rate / (10000 + rate));
 * - the totals are the sums of the lines.
 */

/** a / b rounded half to even, for b > 0. */
export function divHalfEven(a: bigint, b: bigint): bigint {
  const negative = a < 0n;
  const n = negative ? -a : a;
  let q = n / b;
  const r = n % b;
  const twice = r * 2n;
  if (twice > b || (twice === b && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** `1.0835` -> 1083500n micro-units; null for anything that is not a positive decimal of up to 6 places. */
export function parseRate(rate: string): bigint | null {
  const m = /^(\d{1,9})(?:\.(\d{1,6}))?$/.exec(rate.trim());
  if (!m) return null;
  const micro = BigInt(m[1] ?? '0') * 1_000_000n + BigInt((m[2] ?? '').padEnd(6, '0') || '0');
  return micro > 0n ? micro : null;
}

export const formatRate = (micro: bigint) => {
  const whole = micro / 1_000_000n;
  const frac = (micro % 1_000_000n).toString().padStart(6, '0');
  return `${whole}.${frac}`;
};

export interface LineAmounts {
  included: boolean;
  gross: number;
  discount: number;
  quoteDiscountShare: number;
  net: number;
  tax: number;
  total: number;
  cost: number;
  margin: number;
}

export interface Totals {
  subtotal: number;
  lineDiscounts: number;
  quoteDiscount: number;
  net: number;
  tax: number;
  total: number;
  cost: number;
  margin: number;
  marginPercent: number | null;
  discountPercent: number;
  depositDue: number;
}

export interface QuotePricing {
  currency: string;
  exchangeRates: Record<string, string>;
  lines: StoredLine[];
  discountType?: DiscountType | null;
  discountPercent?: number | null;
  discountAmount?: number | null;
  depositPercent: number;
  /** A fixed deposit; when set it is due instead of the percentage (never more than the total). */
  depositAmount?: number | null;
}

/** A stored line with its computed amounts (what GraphQL's QuoteLine resolves from). */
export type PricedLine = StoredLine & LineAmounts & { position: number };

/** Whether a line counts: add-ons and option-group alternatives only when selected. */
export const isIncluded = (line: Pick<StoredLine, 'optional' | 'optionGroup' | 'selected'>) =>
  line.optional || line.optionGroup ? line.selected : true;

const toNumber = (v: bigint) => {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER))
    throw new RangeError('amount out of range');
  return Number(v);
};

/** The rate into the quote's currency in micro-units; throws for a currency with no rate (validated before). */
const rateOf = (q: QuotePricing, currency: string): bigint => {
  if (currency === q.currency) return 1_000_000n;
  const rate = q.exchangeRates[currency];
  const micro = rate === undefined ? null : parseRate(rate);
  if (micro === null) throw new RangeError(`no exchange rate for ${currency}`);
  return micro;
};

export function priceQuote(q: QuotePricing): { lines: LineAmounts[]; totals: Totals } {
  const rows = q.lines.map((line) => {
    const rate = rateOf(q, line.currency);
    const unit = divHalfEven(BigInt(line.unitPrice) * rate, 1_000_000n);
    const unitCost = divHalfEven(BigInt(line.unitCost) * rate, 1_000_000n);
    const qty = BigInt(line.quantity);
    const gross = qty * unit;
    let discount = 0n;
    if (line.discountType === 'PERCENT') discount = divHalfEven(gross * BigInt(line.discountPercent ?? 0), 10_000n);
    else if (line.discountType === 'AMOUNT')
      discount = divHalfEven(BigInt(line.discountAmount ?? 0) * rate, 1_000_000n);
    return { line, included: isIncluded(line), gross, discount, afterLine: gross - discount, cost: qty * unitCost };
  });
  const included = rows.filter((r) => r.included);
  const base = included.reduce((s, r) => s + r.afterLine, 0n);
  let quoteDiscount = 0n;
  if (q.discountType === 'PERCENT') quoteDiscount = divHalfEven(base * BigInt(q.discountPercent ?? 0), 10_000n);
  else if (q.discountType === 'AMOUNT') quoteDiscount = BigInt(q.discountAmount ?? 0);
  if (quoteDiscount > base) quoteDiscount = base;

  // Largest remainder: floor shares, then the leftover cents to the biggest remainders (earlier line on ties).
  const shares = new Map<(typeof rows)[number], bigint>();
  if (base > 0n && quoteDiscount > 0n) {
    const parts = included.map((r, i) => {
      const exact = quoteDiscount * r.afterLine;
      return { r, i, floor: exact / base, rem: exact % base };
    });
    let left = quoteDiscount - parts.reduce((s, x) => s + x.floor, 0n);
    parts.sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
    for (const part of parts) {
      shares.set(part.r, part.floor + (left > 0n ? 1n : 0n));
      if (left > 0n) left -= 1n;
    }
  }

  const lines: LineAmounts[] = rows.map((r) => {
    const share = r.included ? (shares.get(r) ?? 0n) : 0n;
    const net = r.afterLine - share;
    const rate = BigInt(r.line.taxRate);
    const tax = r.line.taxInclusive
      ? net - divHalfEven(net * 10_000n, 10_000n + rate)
      : divHalfEven(net * rate, 10_000n);
    const netExTax = r.line.taxInclusive ? net - tax : net;
    return {
      included: r.included,
      gross: toNumber(r.gross),
      discount: toNumber(r.discount),
      quoteDiscountShare: toNumber(share),
      net: toNumber(netExTax),
      tax: toNumber(tax),
      total: toNumber(netExTax + tax),
      cost: toNumber(r.cost),
      margin: toNumber(netExTax - r.cost),
    };
  });

  const sum = (pick: (l: LineAmounts) => number) =>
    lines.filter((l) => l.included).reduce((s, l) => s + BigInt(pick(l)), 0n);
  const subtotal = sum((l) => l.gross);
  const lineDiscounts = sum((l) => l.discount);
  const net = sum((l) => l.net);
  const tax = sum((l) => l.tax);
  const total = sum((l) => l.total);
  const cost = sum((l) => l.cost);
  const margin = net - cost;
  const discounts = lineDiscounts + quoteDiscount;
  return {
    lines,
    totals: {
      subtotal: toNumber(subtotal),
      lineDiscounts: toNumber(lineDiscounts),
      quoteDiscount: toNumber(quoteDiscount),
      net: toNumber(net),
      tax: toNumber(tax),
      total: toNumber(total),
      cost: toNumber(cost),
      margin: toNumber(margin),
      marginPercent: net > 0n ? toNumber(divHalfEven(margin * 10_000n, net)) : null,
      discountPercent: subtotal > 0n ? toNumber(divHalfEven(discounts * 10_000n, subtotal)) : 0,
      depositDue:
        q.depositAmount != null
          ? toNumber(BigInt(q.depositAmount) < total ? BigInt(q.depositAmount) : total)
          : toNumber(divHalfEven(total * BigInt(q.depositPercent), 100n)),
    },
  };
}

/** `$1,234.56`-style text for pages and PDFs (integer formatting, no floats). */
export function formatMoney(cents: number, currency: string): string {
  const negative = cents < 0;
  const abs = BigInt(Math.abs(cents));
  const whole = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${currency} ${whole}.${frac}`;
}
