/**
 * Issue figure for quotes: the PDF of a 200-line quote (time and size), rendered by the same code
 * as the download, the email attachment and the signed copy (pdf-lib with embedded DejaVu subsets),
 * lines flowing over pages, with totals and terms. In-process, no database: the renderer is the cost.
 *
 *   npm run bench -- sales-pdf
 */
import { randomUUID } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { Quote, type StoredLine } from '../subgraphs/sales/src/entities/index.ts';
import { renderQuotePdf } from '../subgraphs/sales/src/pdf/quote-pdf.ts';
import { percentile, record, round2 } from './support.ts';

const LINES = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 30);

const lines: StoredLine[] = Array.from({ length: LINES }, (_, i) => ({
  id: randomUUID(),
  productId: null,
  description: `Day ${i + 1}: guided excursion to Sintra & Cascais, lunch at a local tasca (ç, ã, é) for the group`,
  quantity: 1 + (i % 8),
  unitPrice: 10_000 + i * 137,
  unitCost: 7_000 + i * 90,
  currency: 'EUR',
  discountType: i % 5 === 0 ? 'PERCENT' : null,
  discountPercent: i % 5 === 0 ? 750 : null,
  discountAmount: null,
  taxRate: i % 3 === 0 ? 2300 : 600,
  taxInclusive: false,
  optionGroup: null,
  optional: i % 17 === 0,
  selected: i % 17 !== 0,
}));

const quote = Object.assign(Object.create(Quote.prototype) as Quote, {
  id: randomUUID(),
  number: 4242,
  version: 1,
  dealId: randomUUID(),
  contactId: null,
  title: 'Portugal in depth: 200 days of a travelling school',
  currency: 'EUR',
  exchangeRates: {},
  status: 'DRAFT',
  approval: 'NOT_REQUIRED',
  recipientName: 'Grace Group',
  recipientEmail: 'grace@example.com',
  expiresOn: '2027-12-31',
  terms: 'Prices held until the expiry date. '.repeat(40),
  cancellationPolicy: 'Full refund until 60 days before departure; 50% until 30 days; none after.',
  depositPercent: 20,
  discountType: 'PERCENT',
  discountPercent: 200,
  discountAmount: null,
  lines,
  acceptance: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});

const agency = { name: 'Travel Tamers', address: '1 Harbour Street, Suite 200, Portland, OR 97204' };
const times: number[] = [];
let bytes = 0;
let pages = 0;
for (let i = 0; i < RUNS + 3; i++) {
  const t0 = performance.now();
  const pdf = await renderQuotePdf(quote, agency, { reference: 'Q-04242' });
  const ms = performance.now() - t0;
  if (i >= 3) times.push(ms); // the first renders load and parse the fonts and warm the JIT
  bytes = pdf.length;
  if (i === 0) pages = (await PDFDocument.load(pdf)).getPageCount();
}

record('sales-pdf', {
  lines: LINES,
  pages,
  runs: RUNS,
  p50Ms: round2(percentile(times, 50)),
  p95Ms: round2(percentile(times, 95)),
  sizeKiB: round2(bytes / 1024),
});
