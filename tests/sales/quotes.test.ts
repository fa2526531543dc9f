import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailCatcher, type MailCatcher } from '@nexus/platform';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * Sales through the whole system: the catalogue, quotes (totals, discounts, approval, revisions),
 * the PDF read back, and the client's public link at /q with a one-time code delivered over real
 * SMTP by marketing's transactional mail processor.
 */
let system: System;
let staff: Staff;
let mail: MailCatcher;

beforeAll(async () => {
  mail = await startMailCatcher();
  system = await startSystem({ worker: true, env: { SMTP_URL: mail.smtpUrl } });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await mail?.close();
});

const QUOTE_FIELDS = `id number version reference status approval linkActive viewCount expiresOn
  totals { subtotal lineDiscounts quoteDiscount net tax total cost margin marginPercent discountPercent depositDue }
  lines(first: 100) { totalCount nodes { id description included selected gross discount quoteDiscountShare net tax total } }`;

interface QuoteShape {
  id: string;
  number: number;
  version: number;
  reference: string;
  status: string;
  approval: string;
  linkActive: boolean;
  viewCount: number;
  totals: Record<string, number | null>;
  lines: {
    totalCount: number;
    nodes: {
      id: string;
      description: string;
      included: boolean;
      gross: number;
      net: number;
      tax: number;
      total: number;
    }[];
  };
}

const dealId = async () => {
  const res = await staff.as.advisor<{ createDeal: { id: string } }>(
    'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
    { i: { title: unique('Lisbon trip') } },
  );
  return data(res).createDeal.id;
};

const createQuote = async (input: Record<string, unknown>) =>
  staff.as.advisor<{ createQuote: QuoteShape }>(
    `mutation($i: CreateQuoteInput!) { createQuote(input: $i) { ${QUOTE_FIELDS} } }`,
    { i: input },
  );

/** The reference the test computes on its own: integers, half-even per line, largest remainder for the quote discount. */
const halfEven = (a: bigint, b: bigint) => {
  let q = a / b;
  const r = a % b;
  if (r * 2n > b || (r * 2n === b && q % 2n === 1n)) q += 1n;
  return q;
};

async function pdfText(base64: string | Uint8Array): Promise<string> {
  const bytes = typeof base64 === 'string' ? new Uint8Array(Buffer.from(base64, 'base64')) : base64;
  const doc = await getDocument({ data: bytes, useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  return text;
}

/** The messages to `to` whose subject matches, once `count` of them have arrived (mail of other tests may come between). */
const mailTo = (to: string, subject: RegExp, count = 1) =>
  eventually(async () => {
    const found = mail.messages.filter((m) => m.envelopeTo.includes(to) && subject.test(m.subject));
    expect(found.length).toBeGreaterThanOrEqual(count);
    return found;
  }, 20_000);

const publicUrl = (link: string) => `${system.gatewayUrl}${new URL(link).pathname}`;
const post = (url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'QuoteTest/1.0', ...headers },
    body,
  });
};

describe('products', () => {
  it('managers manage the catalogue; advisors read it; bad prices name the field', async () => {
    const sku = `T-${Date.now().toString(36)}`;
    const input = {
      sku,
      name: 'Porto 3 nights',
      category: 'Packages',
      unitPrice: 99_900,
      unitCost: 70_000,
      currency: 'EUR',
      billingFrequency: 'ONE_TIME',
      pricingUnit: 'PER_PERSON',
      taxRate: 600,
      tiers: [{ minQuantity: 4, unitPrice: 89_900 }],
      seasons: [{ startsOn: '2027-07-01', endsOn: '2027-08-31', unitPrice: 129_900 }],
    };
    const refused = await staff.as.advisor('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
      i: input,
    });
    expect(codes(refused)).toContain('FORBIDDEN');
    const created = data(
      await staff.as.manager<{ createProduct: { id: string; sku: string; tiers: { minQuantity: number }[] } }>(
        'mutation($i: CreateProductInput!) { createProduct(input: $i) { id sku tiers { minQuantity unitPrice } } }',
        { i: input },
      ),
    ).createProduct;
    expect(created.sku).toBe(sku.toUpperCase());

    const negative = await staff.as.manager('mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }', {
      i: { ...input, sku: `${sku}-2`, unitPrice: -5 },
    });
    expect(codes(negative)).toContain('BAD_USER_INPUT');
    expect(fieldPaths(negative)).toContain('input.unitPrice');

    const list = data(
      await staff.as.viewer<{ products: { nodes: { sku: string }[] } }>(
        'query($s: String) { products(first: 10, filter: { search: $s }) { nodes { sku } } }',
        { s: sku },
      ),
    );
    expect(list.products.nodes.map((p) => p.sku)).toEqual([sku.toUpperCase()]);

    const archived = data(
      await staff.as.manager<{ updateProduct: { active: boolean } }>(
        'mutation($i: UpdateProductInput!) { updateProduct(input: $i) { active } }',
        { i: { id: created.id, active: false } },
      ),
    );
    expect(archived.updateProduct.active).toBe(false);
  });
});

describe('quote totals', () => {
  it('match an integer reference for many lines with percentage discounts, tax, a quote discount and another currency', async () => {
    const deal = await dealId();
    const lines = Array.from({ length: 23 }, (_, i) => ({
      description: `Line ${i + 1}`,
      quantity: (i % 4) + 1,
      unitPrice: 1_333 + i * 777,
      unitCost: 900 + i * 500,
      discountType: i % 3 === 0 ? 'PERCENT' : undefined,
      discountPercent: i % 3 === 0 ? 1250 + i : undefined,
      taxRate: i % 2 ? 825 : 0,
      currency: i === 5 ? 'EUR' : undefined,
    }));
    const res = await createQuote({
      dealId: deal,
      title: 'Tricky totals',
      currency: 'USD',
      exchangeRates: [{ currency: 'EUR', rate: '1.0835' }],
      lines,
      discountType: 'PERCENT',
      discountPercent: 333,
      depositPercent: 25,
    });
    const q = data(res).createQuote;

    // Reference: convert, gross, line discount, quote-discount shares by largest remainder, tax per line.
    const rows = lines.map((l) => {
      const unit = l.currency === 'EUR' ? halfEven(BigInt(l.unitPrice) * 1_083_500n, 1_000_000n) : BigInt(l.unitPrice);
      const gross = BigInt(l.quantity) * unit;
      const disc = l.discountType ? halfEven(gross * BigInt(l.discountPercent ?? 0), 10_000n) : 0n;
      return { gross, disc, after: gross - disc, rate: BigInt(l.taxRate) };
    });
    const base = rows.reduce((s, r) => s + r.after, 0n);
    const quoteDiscount = halfEven(base * 333n, 10_000n);
    const parts = rows.map((r, i) => ({
      i,
      floor: (quoteDiscount * r.after) / base,
      rem: (quoteDiscount * r.after) % base,
    }));
    let left = quoteDiscount - parts.reduce((s, p) => s + p.floor, 0n);
    const shares = new Array<bigint>(rows.length).fill(0n);
    for (const p of [...parts].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1))) {
      shares[p.i] = p.floor + (left > 0n ? 1n : 0n);
      if (left > 0n) left -= 1n;
    }
    const nets = rows.map((r, i) => r.after - (shares[i] ?? 0n));
    const taxes = rows.map((r, i) => halfEven((nets[i] ?? 0n) * r.rate, 10_000n));
    const net = nets.reduce((s, x) => s + x, 0n);
    const tax = taxes.reduce((s, x) => s + x, 0n);

    expect(q.totals.subtotal).toBe(Number(rows.reduce((s, r) => s + r.gross, 0n)));
    expect(q.totals.lineDiscounts).toBe(Number(rows.reduce((s, r) => s + r.disc, 0n)));
    expect(q.totals.quoteDiscount).toBe(Number(quoteDiscount));
    expect(q.totals.net).toBe(Number(net));
    expect(q.totals.tax).toBe(Number(tax));
    expect(q.totals.total).toBe(Number(net + tax));
    expect(q.totals.depositDue).toBe(Number(halfEven((net + tax) * 25n, 100n)));
    expect(q.lines.nodes.map((l) => l.tax)).toEqual(taxes.map(Number));
    expect(q.lines.nodes.every((l) => Number.isInteger(l.total))).toBe(true);
  });

  it('counts the chosen option of a group and only selected add-ons', async () => {
    const q = data(
      await createQuote({
        dealId: await dealId(),
        title: 'Options',
        lines: [
          { description: 'Flights', quantity: 2, unitPrice: 50_000 },
          { description: '4-star hotel', quantity: 1, unitPrice: 100_000, optionGroup: 'Hotel' },
          { description: '5-star hotel', quantity: 1, unitPrice: 180_000, optionGroup: 'Hotel' },
          { description: 'Airport transfer', quantity: 1, unitPrice: 6_000, optional: true },
          { description: 'Lounge', quantity: 2, unitPrice: 4_000, optional: true, selected: true },
        ],
      }),
    ).createQuote;
    expect(q.lines.nodes.map((l) => l.included)).toEqual([true, true, false, false, true]);
    expect(q.totals.total).toBe(100_000 + 100_000 + 8_000);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const deal = await dealId();
    const cases: [Record<string, unknown>, string][] = [
      [{ description: 'x', quantity: -1, unitPrice: 100 }, 'input.lines.0.quantity'],
      [{ description: 'x', quantity: 1, unitPrice: -100 }, 'input.lines.0.unitPrice'],
      [
        { description: 'x', quantity: 1, unitPrice: 100, discountType: 'PERCENT', discountPercent: 10_001 },
        'input.lines.0.discountPercent',
      ],
      [
        { description: 'x', quantity: 2, unitPrice: 100, discountType: 'AMOUNT', discountAmount: 201 },
        'input.lines.0.discountAmount',
      ],
      [{ description: 'x', quantity: 1, unitPrice: 100, currency: 'GBP' }, 'input.lines.0.currency'],
    ];
    for (const [line, path] of cases) {
      const res = await createQuote({ dealId: deal, title: 'Bad', lines: [line] });
      expect(codes(res), path).toContain('BAD_USER_INPUT');
      expect(fieldPaths(res), path).toContain(path);
    }
    const after = data(
      await staff.as.viewer<{ quotes: { totalCount: number } }>(
        'query($d: ID) { quotes(filter: { dealId: $d }) { totalCount } }',
        { d: deal },
      ),
    );
    expect(after.quotes.totalCount).toBe(0);
  });
});

describe('sending, approval and revisions', () => {
  it('a big discount waits for a manager; a sent quote cannot be edited, only revised', async () => {
    const deal = await dealId();
    const q = data(
      await createQuote({
        dealId: deal,
        title: 'Generous',
        recipientEmail: 'client-approval@example.com',
        lines: [
          {
            description: 'Safari',
            quantity: 1,
            unitPrice: 500_000,
            unitCost: 300_000,
            discountType: 'PERCENT',
            discountPercent: 2500,
          },
        ],
      }),
    ).createQuote;
    expect(q.approval).toBe('REQUIRED');
    const send = `mutation($id: ID!) { sendQuote(input: { id: $id }) { link quote { status } } }`;
    const pending = data(
      await staff.as.advisor<{ sendQuote: { link: string; quote: { status: string } } }>(send, { id: q.id }),
    );
    expect(pending.sendQuote.quote.status).toBe('PENDING_APPROVAL');
    expect(pending.sendQuote.link).toBe('');
    expect(
      codes(await staff.as.advisor('mutation($id: ID!) { approveQuote(id: $id) { id } }', { id: q.id })),
    ).toContain('FORBIDDEN');
    data(await staff.as.manager('mutation($id: ID!) { approveQuote(id: $id) { approval } }', { id: q.id }));
    const sent = data(
      await staff.as.advisor<{ sendQuote: { link: string; quote: { status: string } } }>(send, { id: q.id }),
    );
    expect(sent.sendQuote.quote.status).toBe('SENT');
    expect(sent.sendQuote.link).toMatch(/\/q\/[A-Za-z0-9_-]{40,}$/);

    const edit = await staff.as.advisor('mutation($i: UpdateQuoteInput!) { updateQuote(input: $i) { id } }', {
      i: { id: q.id, title: 'Changed' },
    });
    expect(codes(edit)).toContain('CONFLICT');

    const revised = data(
      await staff.as.advisor<{ reviseQuote: { id: string; number: number; version: number; status: string } }>(
        'mutation($id: ID!) { reviseQuote(id: $id) { id number version status } }',
        { id: q.id },
      ),
    ).reviseQuote;
    expect(revised).toMatchObject({ number: q.number, version: 2, status: 'DRAFT' });
    const old = data(
      await staff.as.viewer<{ quote: { status: string; linkActive: boolean } }>(
        'query($id: ID!) { quote(id: $id) { status linkActive } }',
        { id: q.id },
      ),
    );
    expect(old.quote).toEqual({ status: 'SUPERSEDED', linkActive: false });
    // The superseded link shows a clear page and accepts nothing.
    const page = await fetch(publicUrl(sent.sendQuote.link));
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('replaced by a newer version');
    const accept = await post(`${publicUrl(sent.sendQuote.link)}/accept`, { name: 'Ann Client', code: '000000' });
    expect(accept.status).toBe(410);

    const dealQuotes = data(
      await staff.as.viewer<{ _entities: unknown }>(
        'query($id: ID!) { quotes(filter: { dealId: $id, latestOnly: false }) { totalCount } }',
        { id: deal },
      ),
    );
    expect(dealQuotes).toEqual({ quotes: { totalCount: 2 } });
  });
  it("expires on the supplier's hold date by default; an expiry given wins", async () => {
    const deal = await dealId();
    const line = { description: 'Riad', quantity: 1, unitPrice: 90_000 };
    const held = data(
      await createQuote({ dealId: deal, title: 'Held', supplierHoldUntil: '2031-03-14', lines: [line] }),
    ).createQuote as QuoteShape & { expiresOn: string };
    expect(held.expiresOn).toBe('2031-03-14');
    const told = data(
      await createQuote({
        dealId: deal,
        title: 'Told',
        supplierHoldUntil: '2031-03-14',
        expiresOn: '2031-02-01',
        lines: [line],
      }),
    ).createQuote as QuoteShape & { expiresOn: string };
    expect(told.expiresOn).toBe('2031-02-01');
  });

  it('a thin margin waits for a manager though the discount is small; a healthy one does not', async () => {
    const deal = await dealId();
    const lodge = (unitCost: number) => ({
      description: 'Lodge',
      quantity: 2,
      unitPrice: 100_000,
      unitCost,
      discountType: 'PERCENT',
      discountPercent: 500,
    });
    // 5% off 200,000 is 190,000; a cost of 2 x 90,000 leaves 10,000, a 5.26% margin (under the 10% floor).
    const thin = data(
      await createQuote({ dealId: deal, title: 'Thin', recipientEmail: 'thin@example.com', lines: [lodge(90_000)] }),
    ).createQuote;
    expect(thin.totals).toMatchObject({ net: 190_000, cost: 180_000, margin: 10_000, discountPercent: 500 });
    expect(thin.approval).toBe('REQUIRED');
    const send = `mutation($id: ID!) { sendQuote(input: { id: $id }) { quote { status approval } } }`;
    expect(
      data(await staff.as.advisor<{ sendQuote: { quote: { status: string } } }>(send, { id: thin.id })).sendQuote.quote
        .status,
    ).toBe('PENDING_APPROVAL');
    // The same discount with a cost of 2 x 60,000 keeps a 36.8% margin: no approval needed.
    const healthy = data(await createQuote({ dealId: deal, title: 'Healthy', lines: [lodge(60_000)] })).createQuote;
    expect(healthy.approval).toBe('NOT_REQUIRED');
    // Raising the cost of a draft to a thin margin asks for approval again.
    const raised = data(
      await staff.as.advisor<{ updateQuote: { approval: string } }>(
        'mutation($i: UpdateQuoteInput!) { updateQuote(input: $i) { approval } }',
        { i: { id: healthy.id, lines: [lodge(95_000)] } },
      ),
    ).updateQuote;
    expect(raised.approval).toBe('REQUIRED');
  });
});

describe('the public link', () => {
  it('counts views from the page only, accepts with a one-time code and keeps evidence and a signed PDF', async () => {
    const deal = await dealId();
    const q = data(
      await createQuote({
        dealId: deal,
        title: 'Kraków & Zakopane for Zoë',
        recipientName: 'Zoë Client',
        recipientEmail: 'zoe@example.com',
        terms: 'Prices held until the expiry date.',
        depositPercent: 20,
        lines: [
          { description: 'Guided tour Kraków', quantity: 2, unitPrice: 12_345, taxRate: 800 },
          { description: '4-star hotel', quantity: 1, unitPrice: 100_000, optionGroup: 'Hotel' },
          { description: '5-star hotel', quantity: 1, unitPrice: 150_000, optionGroup: 'Hotel' },
          { description: 'Salt mine add-on', quantity: 2, unitPrice: 5_000, optional: true },
        ],
      }),
    ).createQuote;
    const sent = data(
      await staff.as.advisor<{ sendQuote: { link: string } }>(
        'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
        { id: q.id },
      ),
    ).sendQuote;
    const [sentMail] = await mailTo('zoe@example.com', /^Your quote /);
    expect(sentMail?.parsed.text).toContain(new URL(sent.link).pathname);
    const attachment = sentMail?.parsed.attachments[0];
    expect(attachment?.contentType).toBe('application/pdf');
    const text = await pdfText(new Uint8Array(attachment?.content ?? Buffer.alloc(0)));
    expect(text).toContain('Guided tour Kraków');
    expect(text).toContain('Kraków & Zakopane for Zoë');
    expect(text).toContain('USD 1,266.65'); // 2 x 123.45 + 8% tax (19.75, half-even) + the first hotel option 1,000.00
    expect(text).toContain('Page 1 of 1');

    const url = publicUrl(sent.link);
    // A mail scanner's GET shows the page but is not a view.
    const scanned = await fetch(url, { headers: { 'user-agent': 'LinkScanner/1.0' } });
    expect(scanned.status).toBe(200);
    const html = await scanned.text();
    expect(html).toContain('Guided tour Kraków');
    expect(html).toContain('data-beacon=');
    const afterScan = data(
      await staff.as.viewer<{ quote: { status: string; viewCount: number } }>(
        'query($id: ID!) { quote(id: $id) { status viewCount } }',
        { id: q.id },
      ),
    );
    expect(afterScan.quote).toEqual({ status: 'SENT', viewCount: 0 });
    // The page's beacon is.
    expect((await fetch(`${url}/view`, { method: 'POST' })).status).toBe(204);
    const viewed = data(
      await staff.as.viewer<{ quote: { status: string; viewCount: number } }>(
        'query($id: ID!) { quote(id: $id) { status viewCount } }',
        { id: q.id },
      ),
    );
    expect(viewed.quote).toEqual({ status: 'VIEWED', viewCount: 1 });

    expect((await post(`${url}/code`, {})).status).toBe(200);
    const [codeMail] = await mailTo('zoe@example.com', /^Your code /);
    const code = /(\d{6})/.exec(codeMail?.subject ?? '')?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await post(`${url}/accept`, { name: 'Zoë Client', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('code');

    const lines =
      (
        await staff.as.viewer<{ quote: { lines: { nodes: { id: string; description: string }[] } } }>(
          'query($id: ID!) { quote(id: $id) { lines { nodes { id description } } } }',
          { id: q.id },
        )
      ).data?.quote.lines.nodes ?? [];
    const five = lines.find((l) => l.description === '5-star hotel')?.id ?? '';
    const salt = lines.find((l) => l.description === 'Salt mine add-on')?.id ?? '';
    const accepted = await post(
      `${url}/accept`,
      { name: 'Zoë Client', code, terms: 'yes', 'option:Hotel': five, addon: salt },
      { 'x-forwarded-for': '203.0.113.7' },
    );
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('is accepted');

    const reused = await post(`${url}/accept`, { name: 'Zoë Client', code });
    expect(reused.status).toBe(409);

    const after = data(
      await staff.as.viewer<{
        quote: { status: string; totals: { total: number }; acceptance: Record<string, string> };
      }>(
        'query($id: ID!) { quote(id: $id) { status totals { total } acceptance { name acceptedAt ip userAgent versionHash signedPdfSha256 } } }',
        { id: q.id },
      ),
    ).quote;
    expect(after.status).toBe('ACCEPTED');
    expect(after.totals.total).toBe(24_690 + 1_975 + 150_000 + 10_000);
    expect(after.acceptance).toMatchObject({ name: 'Zoë Client', userAgent: 'QuoteTest/1.0' });
    expect(after.acceptance.versionHash).toMatch(/^[0-9a-f]{64}$/);

    const [toClient] = await mailTo('zoe@example.com', /accepted$/);
    const [toTeam] = await mailTo('sales@nexus.test', /accepted$/);
    expect(
      toTeam?.parsed.attachments[0]?.content.equals(toClient?.parsed.attachments[0]?.content ?? Buffer.alloc(0)),
    ).toBe(true);
    const signed = toClient?.parsed.attachments[0];
    const signedText = await pdfText(new Uint8Array(signed?.content ?? Buffer.alloc(0)));
    expect(signedText).toContain('Accepted by Zoë Client');
    expect(signedText).toContain(after.acceptance.versionHash);
    expect(signedText).toContain('USD 1,866.65');

    const pdf = data(
      await staff.as.viewer<{ quotePdf: { base64: string; filename: string } }>(
        'query($id: ID!) { quotePdf(id: $id) { base64 filename } }',
        { id: q.id },
      ),
    ).quotePdf;
    expect(pdf.filename).toMatch(/-accepted\.pdf$/);
    expect(Buffer.from(pdf.base64, 'base64').equals(signed?.content ?? Buffer.alloc(0))).toBe(true);
  });

  it('declines with a reason; a revoked link shows a clear page and changes nothing', async () => {
    const make = async () => {
      const q = data(
        await createQuote({
          dealId: await dealId(),
          title: 'Decline me',
          recipientEmail: 'd@example.com',
          lines: [{ description: 'Tour', quantity: 1, unitPrice: 1_000 }],
        }),
      ).createQuote;
      const link = data(
        await staff.as.advisor<{ sendQuote: { link: string } }>(
          'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
          { id: q.id },
        ),
      ).sendQuote.link;
      return { q, url: publicUrl(link) };
    };
    const a = await make();
    const empty = await post(`${a.url}/decline`, { reason: '' });
    expect(empty.status).toBe(400);
    expect((await post(`${a.url}/decline`, { reason: 'Too expensive' })).status).toBe(200);
    const declined = data(
      await staff.as.viewer<{ quote: { status: string; declineReason: string } }>(
        'query($id: ID!) { quote(id: $id) { status declineReason } }',
        { id: a.q.id },
      ),
    );
    expect(declined.quote).toEqual({ status: 'DECLINED', declineReason: 'Too expensive' });

    const b = await make();
    data(await staff.as.advisor('mutation($id: ID!) { revokeQuoteLink(id: $id) { id } }', { id: b.q.id }));
    const page = await fetch(b.url);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('withdrawn');
    expect((await post(`${b.url}/decline`, { reason: 'x' })).status).toBe(410);
    const still = data(
      await staff.as.viewer<{ quote: { status: string } }>('query($id: ID!) { quote(id: $id) { status } }', {
        id: b.q.id,
      }),
    );
    expect(still.quote.status).toBe('SENT');

    expect((await fetch(`${system.gatewayUrl}/q/not-a-real-token-aaaaaaaaaaaaaaaa`)).status).toBe(404);
  });

  it('an expired quote cannot be accepted', async () => {
    const q = data(
      await createQuote({
        dealId: await dealId(),
        title: 'Short',
        recipientEmail: 'e@example.com',
        lines: [{ description: 'Tour', quantity: 1, unitPrice: 1_000 }],
      }),
    ).createQuote;
    const link = data(
      await staff.as.advisor<{ sendQuote: { link: string } }>(
        'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
        { id: q.id },
      ),
    ).sendQuote.link;
    // The quote's last day passes: set in the database as time passing would.
    const { Client } = await import('pg');
    const db = new Client({
      connectionString: `${system.iso.vars.DATABASE_URL?.replace(/\/[^/]*$/, '')}/${system.iso.vars.DATABASE_PREFIX}sales`,
    });
    await db.connect();
    await db.query(`update quote set expires_on = current_date - 1 where id = $1`, [q.id]);
    await db.end();
    const page = await fetch(publicUrl(link));
    expect(page.status).toBe(410);
    expect(await page.text()).toContain('expired');
    expect((await post(`${publicUrl(link)}/accept`, { name: 'Late Client', code: '123456' })).status).toBe(410);
    await eventually(async () => {
      const s = data(
        await staff.as.viewer<{ quote: { status: string } }>('query($id: ID!) { quote(id: $id) { status } }', {
          id: q.id,
        }),
      );
      expect(s.quote.status).toBe('EXPIRED');
    });
  });
});

describe('deals follow their quotes', () => {
  interface DealStageShape {
    deal: { status: string; stage: { name: string; ttDealStage: string | null } };
  }
  const dealStage = async (id: string) =>
    data(
      await staff.as.viewer<DealStageShape>('query($id: ID!) { deal(id: $id) { status stage { name ttDealStage } } }', {
        id,
      }),
    ).deal;

  it('sending, viewing and accepting move the deal through the graph, audited as service:sales-quotes', async () => {
    const deal = await dealId();
    expect((await dealStage(deal)).stage.ttDealStage).toBe('LEAD');
    const q = data(
      await createQuote({
        dealId: deal,
        title: 'Moves the deal',
        recipientName: 'Deal Client',
        recipientEmail: 'deal.client@example.com',
        lines: [{ description: 'Tour', quantity: 1, unitPrice: 50_000 }],
      }),
    ).createQuote;
    const link = data(
      await staff.as.advisor<{ sendQuote: { link: string } }>(
        'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
        { id: q.id },
      ),
    ).sendQuote.link;
    await eventually(async () => expect((await dealStage(deal)).stage.ttDealStage).toBe('PROPOSAL_SENT'), 20_000);

    const url = publicUrl(link);
    expect((await fetch(`${url}/view`, { method: 'POST' })).status).toBe(204);
    await eventually(async () => expect((await dealStage(deal)).stage.ttDealStage).toBe('PROPOSAL_VIEWED'), 20_000);

    expect((await post(`${url}/code`, {})).status).toBe(200);
    const [codeMail] = await mailTo('deal.client@example.com', /^Your code /);
    const code = /(\d{6})/.exec(codeMail?.subject ?? '')?.[1] ?? '';
    expect((await post(`${url}/accept`, { name: 'Deal Client', code, terms: 'yes' })).status).toBe(200);
    await eventually(
      async () => expect(await dealStage(deal)).toEqual({ status: 'WON', stage: { name: 'Won', ttDealStage: 'WON' } }),
      20_000,
    );

    const audit = data(
      await staff.as.admin<{ auditLog: { nodes: { actorName: string; action: string }[] } }>(
        '{ auditLog(first: 50, filter: { actorKinds: [SERVICE] }) { nodes { actorName action } } }',
      ),
    );
    expect(audit.auditLog.nodes).toContainEqual({ actorName: 'service:sales-quotes', action: 'SERVICE_WRITE' });
  });
});

describe('deals and playbooks', () => {
  it('a deal lists its quotes and the playbooks for its stage; progress is kept per deal', async () => {
    const deal = await dealId();
    data(
      await createQuote({
        dealId: deal,
        title: 'On the deal',
        lines: [{ description: 'x', quantity: 1, unitPrice: 100 }],
      }),
    );
    const stage = data(
      await staff.as.viewer<{ deal: { stage: { id: string } } }>('query($id: ID!) { deal(id: $id) { stage { id } } }', {
        id: deal,
      }),
    ).deal.stage.id;
    const pb = data(
      await staff.as.manager<{ createPlaybook: { id: string; sections: { items: { key: string }[] }[] } }>(
        'mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { id sections { items { key } } } }',
        {
          i: {
            name: unique('Qualify'),
            stageId: stage,
            sections: [
              {
                title: 'Ask',
                items: [
                  { kind: 'QUESTION', text: 'Budget?' },
                  { kind: 'CHECKLIST', text: 'Passports' },
                ],
              },
            ],
          },
        },
      ),
    ).createPlaybook;
    expect(
      codes(
        await staff.as.advisor('mutation($i: CreatePlaybookInput!) { createPlaybook(input: $i) { id } }', {
          i: { name: 'x', sections: [] },
        }),
      ),
    ).toContain('FORBIDDEN');
    data(
      await staff.as.agent(
        'mutation($i: RecordPlaybookProgressInput!) { recordPlaybookProgress(input: $i) { itemKey } }',
        {
          i: { playbookId: pb.id, dealId: deal, itemKey: 's1-1', done: true, answer: 'About 3k' },
        },
      ),
    );
    const bad = await staff.as.agent(
      'mutation($i: RecordPlaybookProgressInput!) { recordPlaybookProgress(input: $i) { itemKey } }',
      {
        i: { playbookId: pb.id, dealId: deal, itemKey: 'nope', done: true },
      },
    );
    expect(fieldPaths(bad)).toContain('input.itemKey');
    const view = data(
      await staff.as.viewer<{
        deal: {
          quotes: { nodes: { title: string }[] };
          playbooks: { nodes: { id: string; progress: { itemKey: string; answer: string }[] }[] };
        };
      }>(
        `query($id: ID!, $s: ID) { deal(id: $id) { quotes { nodes { title } } playbooks(stageId: $s) { nodes { id progress(dealId: $id) { itemKey answer } } } } }`,
        { id: deal, s: stage },
      ),
    ).deal;
    expect(view.quotes.nodes.map((q) => q.title)).toEqual(['On the deal']);
    const mine = view.playbooks.nodes.find((p) => p.id === pb.id);
    expect(mine?.progress).toEqual([{ itemKey: 's1-1', answer: 'About 3k' }]);
  });
});
