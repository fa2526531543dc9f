import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { Acceptance, Quote } from '../entities/index.ts';
import { formatMoney, priceQuote } from '../services/money.ts';

/**
 * Quote PDFs with pdf-lib. Text is set in DejaVu Sans, embedded from the `dejavu-fonts-ttf` package
 * (read once from node_modules; nothing is downloaded), so names like Zoë or Kraków print as typed.
 * Dark Sanctuary colours: a near-black band with the agency's name, gold accents.
 */
const require = createRequire(import.meta.url);
const fontPath = (file: string) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`);
let fontBytes: { regular: Uint8Array; bold: Uint8Array } | null = null;
const fonts = () =>
  (fontBytes ??= {
    regular: readFileSync(fontPath('DejaVuSans.ttf')),
    bold: readFileSync(fontPath('DejaVuSans-Bold.ttf')),
  });

const INK = rgb(0.09, 0.09, 0.11);
const SANCTUARY = rgb(0.07, 0.07, 0.1);
const GOLD = rgb(0.79, 0.64, 0.3);
const MUTED = rgb(0.42, 0.42, 0.46);
const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

export interface Agency {
  name: string;
  address: string;
}

interface Ctx {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
}

/** Cuts text to fit a width, adding an ellipsis. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  // Binary search on the length: each measurement lays the text out, so trimming a character at a
  // time made long descriptions the bulk of a big quote's render time.
  let lo = 1;
  let hi = text.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (font.widthOfTextAtSize(`${text.slice(0, mid)}…`, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}

/** Splits text into lines that fit a width. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

function drawLogo(page: PDFPage, x: number, y: number) {
  // The agency's mark: a gold compass diamond.
  page.drawSvgPath('M 12 0 L 24 12 L 12 24 L 0 12 Z', { x, y, color: GOLD });
  page.drawSvgPath('M 12 6 L 18 12 L 12 18 L 6 12 Z', { x, y, color: SANCTUARY });
}

function header(c: Ctx, agency: Agency, title: string) {
  const [w, h] = A4;
  c.page.drawRectangle({ x: 0, y: h - 80, width: w, height: 80, color: SANCTUARY });
  drawLogo(c.page, MARGIN, h - 40);
  c.page.drawText(agency.name, { x: MARGIN + 34, y: h - 44, size: 18, font: c.bold, color: GOLD });
  c.page.drawText(agency.address, {
    x: MARGIN + 34,
    y: h - 62,
    size: 8,
    font: c.regular,
    color: rgb(0.85, 0.85, 0.88),
  });
  c.page.drawText(title, {
    x: w - MARGIN - c.bold.widthOfTextAtSize(title, 12),
    y: h - 44,
    size: 12,
    font: c.bold,
    color: rgb(1, 1, 1),
  });
  c.y = h - 110;
}

const COLS = { desc: MARGIN, qty: 330, unit: 370, disc: 445, total: A4[0] - MARGIN };

function tableHeader(c: Ctx) {
  const size = 8;
  c.page.drawText('Description', { x: COLS.desc, y: c.y, size, font: c.bold, color: MUTED });
  c.page.drawText('Qty', { x: COLS.qty, y: c.y, size, font: c.bold, color: MUTED });
  c.page.drawText('Unit price', { x: COLS.unit, y: c.y, size, font: c.bold, color: MUTED });
  c.page.drawText('Discount', { x: COLS.disc, y: c.y, size, font: c.bold, color: MUTED });
  const t = 'Amount';
  c.page.drawText(t, { x: COLS.total - c.bold.widthOfTextAtSize(t, size), y: c.y, size, font: c.bold, color: MUTED });
  c.y -= 6;
  c.page.drawLine({ start: { x: MARGIN, y: c.y }, end: { x: A4[0] - MARGIN, y: c.y }, thickness: 0.8, color: GOLD });
  c.y -= 14;
}

const right = (c: Ctx, text: string, x: number, size: number, bold = false) => {
  const font = bold ? c.bold : c.regular;
  c.page.drawText(text, { x: x - font.widthOfTextAtSize(text, size), y: c.y, size, font, color: INK });
};

export async function renderQuotePdf(
  quote: Quote,
  agency: Agency,
  o: { acceptance?: Acceptance | null; reference: string },
): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const { regular: r, bold: b } = fonts();
  const regular = await doc.embedFont(r, { subset: true });
  const bold = await doc.embedFont(b, { subset: true });
  doc.setTitle(`${agency.name} quote ${o.reference}`);
  doc.setAuthor(agency.name);
  doc.setCreationDate(quote.createdAt);
  doc.setModificationDate(quote.updatedAt);
  const c: Ctx = { doc, page: doc.addPage(A4), y: 0, regular, bold };
  const newPage = () => {
    c.page = doc.addPage(A4);
    header(c, agency, `Quote ${o.reference}`);
  };
  const ensure = (space: number, withTable = false) => {
    if (c.y - space > 70) return;
    newPage();
    if (withTable) tableHeader(c);
  };

  header(c, agency, `Quote ${o.reference}`);
  c.page.drawText(quote.title, { x: MARGIN, y: c.y, size: 16, font: bold, color: INK });
  c.y -= 18;
  const meta = [
    quote.recipientName ? `Prepared for ${quote.recipientName}` : null,
    `Valid until ${quote.expiresOn}`,
    `Currency ${quote.currency}`,
  ].filter((s): s is string => s !== null);
  c.page.drawText(meta.join('   ·   '), { x: MARGIN, y: c.y, size: 9, font: regular, color: MUTED });
  c.y -= 28;

  const priced = priceQuote(quote);
  tableHeader(c);
  quote.lines.forEach((line, i) => {
    const amounts = priced.lines[i];
    if (!amounts) return;
    ensure(28, true);
    const tag = line.optionGroup ? ` [option: ${line.optionGroup}]` : line.optional ? ' [add-on]' : '';
    const chosen = amounts.included ? '' : ' (not chosen)';
    c.page.drawText(fit(`${line.description}${tag}${chosen}`, regular, 9, COLS.qty - COLS.desc - 8), {
      x: COLS.desc,
      y: c.y,
      size: 9,
      font: regular,
      color: amounts.included ? INK : MUTED,
    });
    c.page.drawText(String(line.quantity), { x: COLS.qty, y: c.y, size: 9, font: regular, color: INK });
    c.page.drawText(formatMoney(line.unitPrice, line.currency), {
      x: COLS.unit,
      y: c.y,
      size: 9,
      font: regular,
      color: INK,
    });
    c.page.drawText(amounts.discount ? formatMoney(-amounts.discount, quote.currency) : '', {
      x: COLS.disc,
      y: c.y,
      size: 9,
      font: regular,
      color: INK,
    });
    right(c, formatMoney(amounts.gross - amounts.discount, quote.currency), COLS.total, 9);
    c.y -= 16;
  });

  const t = priced.totals;
  const rows: [string, number, boolean][] = [
    ['Subtotal', t.subtotal, false],
    ...(t.lineDiscounts ? ([['Line discounts', -t.lineDiscounts, false]] as [string, number, boolean][]) : []),
    ...(t.quoteDiscount ? ([['Quote discount', -t.quoteDiscount, false]] as [string, number, boolean][]) : []),
    ['Net', t.net, false],
    ['Tax', t.tax, false],
    ['Total', t.total, true],
    ...(t.depositDue ? ([['Deposit due on acceptance', t.depositDue, false]] as [string, number, boolean][]) : []),
  ];
  ensure(rows.length * 16 + 20);
  c.y -= 4;
  c.page.drawLine({
    start: { x: 330, y: c.y + 10 },
    end: { x: A4[0] - MARGIN, y: c.y + 10 },
    thickness: 0.5,
    color: MUTED,
  });
  for (const [label, cents, strong] of rows) {
    c.page.drawText(label, { x: 330, y: c.y, size: strong ? 11 : 9, font: strong ? bold : regular, color: INK });
    right(c, formatMoney(cents, quote.currency), COLS.total, strong ? 11 : 9, strong);
    c.y -= strong ? 20 : 15;
  }

  for (const [title, text] of [
    ['Terms', quote.terms],
    ['Cancellation', quote.cancellationPolicy],
  ] as const) {
    if (!text) continue;
    ensure(40);
    c.y -= 8;
    c.page.drawText(title, { x: MARGIN, y: c.y, size: 10, font: bold, color: INK });
    c.y -= 14;
    for (const l of wrap(text, regular, 9, A4[0] - 2 * MARGIN)) {
      ensure(14);
      c.page.drawText(l, { x: MARGIN, y: c.y, size: 9, font: regular, color: INK });
      c.y -= 12;
    }
  }

  if (o.acceptance) {
    const a = o.acceptance;
    ensure(90);
    c.y -= 12;
    c.page.drawRectangle({
      x: MARGIN,
      y: c.y - 62,
      width: A4[0] - 2 * MARGIN,
      height: 74,
      borderColor: GOLD,
      borderWidth: 1,
    });
    const lines = [
      `Accepted by ${a.name} on ${a.acceptedAt}`,
      `From ${a.ip} (${fit(a.userAgent, regular, 8, 380)})`,
      `Version hash SHA-256 ${a.versionHash}`,
      'Confirmed with a one-time code sent to the recipient’s email address.',
    ];
    c.page.drawText('Electronic acceptance', { x: MARGIN + 8, y: c.y - 4, size: 10, font: bold, color: INK });
    c.y -= 18;
    for (const l of lines) {
      c.page.drawText(l, { x: MARGIN + 8, y: c.y, size: 8, font: regular, color: INK });
      c.y -= 11;
    }
  }

  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const label = `Page ${i + 1} of ${pages.length}`;
    page.drawText(label, {
      x: A4[0] - MARGIN - regular.widthOfTextAtSize(label, 8),
      y: 30,
      size: 8,
      font: regular,
      color: MUTED,
    });
    page.drawText(`${agency.name} · ${o.reference}`, { x: MARGIN, y: 30, size: 8, font: regular, color: MUTED });
  });
  return doc.save();
}
