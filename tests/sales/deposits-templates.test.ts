import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  loadSubgraphEnv,
  openSubgraph,
  startMailCatcher,
  type Job,
  type JobData,
  type MailCatcher,
} from '@nexus/platform';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { salesManifest } from '../../subgraphs/sales/src/manifest.ts';
import type { SalesDeps } from '../../subgraphs/sales/src/context.ts';
import { Quote } from '../../subgraphs/sales/src/entities/index.ts';
import { depositScheduleProcessor } from '../../subgraphs/sales/src/jobs/deposit-schedule.job.ts';
import { startSystem, type System } from '../support/system.ts';
import { codes, data, eventually, fieldPaths, signInStaff, unique, type Staff } from '../support/staff.ts';

/**
 * Quote templates (terms and cancellation schedule copied into a quote, shown on its PDF and public
 * page) and deposits: acceptance records the deposit due and, for a deal with a TT-API booking,
 * creates the payment schedule in the TT-API simulator through travel, surviving an outage.
 */
let system: System;
let staff: Staff;
let mail: MailCatcher;

beforeAll(async () => {
  mail = await startMailCatcher();
  system = await startSystem({
    worker: true,
    env: { SMTP_URL: mail.smtpUrl, SALES_DEPOSIT_RETRY_MS: '200', SALES_DEPOSIT_RETRY_MAX_MS: '500' },
  });
  staff = await signInStaff(system);
}, 120_000);
afterAll(async () => {
  await system?.close();
  await mail?.close();
});

const TEMPLATE = 'id name terms cancellationPolicy depositPercent depositAmount';

async function pdfText(base64: string): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(Buffer.from(base64, 'base64')), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  return text;
}

const publicUrl = (link: string) => `${system.gatewayUrl}${new URL(link).pathname}`;
const post = (url: string, form: Record<string, string>) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'DepositTest/1.0' },
    body: new URLSearchParams(form),
  });

const newDeal = async () =>
  data(
    await staff.as.advisor<{ createDeal: { id: string } }>(
      'mutation($i: CreateDealInput!) { createDeal(input: $i) { id } }',
      {
        i: { title: unique('Templated trip') },
      },
    ),
  ).createDeal.id;

/** Sends the quote, has the client ask for a code and accept with it; returns the public URL. */
async function sendAndAccept(quoteId: string, email: string) {
  const sent = data(
    await staff.as.advisor<{ sendQuote: { link: string } }>(
      'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
      {
        id: quoteId,
      },
    ),
  ).sendQuote;
  const url = publicUrl(sent.link);
  expect((await post(`${url}/code`, {})).status).toBe(200);
  const code = await eventually(async () => {
    const m = mail.messages.find((x) => x.envelopeTo.includes(email) && /^Your code /.test(x.subject));
    const found = /(\d{6})/.exec(m?.subject ?? '')?.[1];
    expect(found).toMatch(/^\d{6}$/);
    return found ?? '';
  }, 20_000);
  const accepted = await post(`${url}/accept`, { name: 'Dana Client', code, terms: 'yes' });
  expect(accepted.status).toBe(200);
  return url;
}

describe('quote templates', () => {
  it('managers keep them; a quote copies the terms and cancellation schedule, shown on its PDF and public page', async () => {
    const name = unique('Cruise terms');
    const input = {
      name,
      terms: 'Prices include port taxes.',
      cancellationPolicy: '60+ days before departure: deposit kept. 30-59 days: 50%. Under 30 days: 100%.',
      depositPercent: 25,
    };
    // Advisors read but may not write; bad input names the field and writes nothing.
    expect(
      codes(
        await staff.as.advisor('mutation($i: CreateQuoteTemplateInput!) { createQuoteTemplate(input: $i) { id } }', {
          i: input,
        }),
      ),
    ).toEqual(['FORBIDDEN']);
    const bad = await staff.as.manager(
      'mutation($i: CreateQuoteTemplateInput!) { createQuoteTemplate(input: $i) { id } }',
      {
        i: { ...input, depositPercent: 150 },
      },
    );
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(fieldPaths(bad)).toEqual(['input.depositPercent']);
    const both = await staff.as.manager(
      'mutation($i: CreateQuoteTemplateInput!) { createQuoteTemplate(input: $i) { id } }',
      {
        i: { ...input, depositAmount: 10_000 },
      },
    );
    expect(fieldPaths(both)).toEqual(['input.depositAmount']);
    const none = data(
      await staff.as.viewer<{ quoteTemplates: { totalCount: number } }>(
        'query($s: String) { quoteTemplates(filter: { search: $s }) { totalCount } }',
        { s: name },
      ),
    );
    expect(none.quoteTemplates.totalCount).toBe(0);

    const template = data(
      await staff.as.manager<{ createQuoteTemplate: Record<string, unknown> }>(
        `mutation($i: CreateQuoteTemplateInput!) { createQuoteTemplate(input: $i) { ${TEMPLATE} } }`,
        { i: input },
      ),
    ).createQuoteTemplate;
    expect(template).toMatchObject({ ...input, depositAmount: null });
    const dup = await staff.as.manager(
      'mutation($i: CreateQuoteTemplateInput!) { createQuoteTemplate(input: $i) { id } }',
      {
        i: { name },
      },
    );
    expect(fieldPaths(dup)).toEqual(['input.name']);
    const listed = data(
      await staff.as.viewer<{ quoteTemplates: { nodes: { id: string; name: string }[] } }>(
        'query($s: String) { quoteTemplates(first: 10, filter: { search: $s }) { nodes { id name } } }',
        { s: name },
      ),
    );
    expect(listed.quoteTemplates.nodes).toEqual([{ id: template.id, name }]);

    const unknownTemplate = await staff.as.advisor(
      'mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }',
      { i: { dealId: await newDeal(), title: 'No such template', templateId: '00000000-0000-4000-8000-000000000000' } },
    );
    expect(fieldPaths(unknownTemplate)).toEqual(['input.templateId']);

    const quote = data(
      await staff.as.advisor<{
        createQuote: {
          id: string;
          terms: string;
          cancellationPolicy: string;
          depositPercent: number;
          template: { name: string };
          totals: { total: number; depositDue: number };
        };
      }>(
        `mutation($i: CreateQuoteInput!) { createQuote(input: $i) {
          id terms cancellationPolicy depositPercent template { name } totals { total depositDue } } }`,
        {
          i: {
            dealId: await newDeal(),
            title: 'Fjords cruise',
            templateId: template.id,
            recipientName: 'Tom Client',
            recipientEmail: 'tom.template@example.com',
            lines: [{ description: 'Cabin, 7 nights', quantity: 2, unitPrice: 123_457 }],
          },
        },
      ),
    ).createQuote;
    expect(quote).toMatchObject({
      terms: input.terms,
      cancellationPolicy: input.cancellationPolicy,
      depositPercent: 25,
      template: { name },
      // 25% of 2,469.14, half-even: 617.285 -> 617.28.
      totals: { total: 246_914, depositDue: 61_728 },
    });

    // Changing or deleting the template leaves the quote's copy alone.
    data(
      await staff.as.manager('mutation($i: UpdateQuoteTemplateInput!) { updateQuoteTemplate(input: $i) { id } }', {
        i: { id: template.id, terms: 'Changed later.', depositAmount: 5_000 },
      }),
    );
    const changed = data(
      await staff.as.viewer<{ quoteTemplate: { terms: string; depositPercent: number; depositAmount: number } }>(
        'query($id: ID!) { quoteTemplate(id: $id) { terms depositPercent depositAmount } }',
        { id: template.id },
      ),
    ).quoteTemplate;
    expect(changed).toEqual({ terms: 'Changed later.', depositPercent: 0, depositAmount: 5_000 });

    const pdf = data(
      await staff.as.viewer<{ quotePdf: { base64: string } }>('query($id: ID!) { quotePdf(id: $id) { base64 } }', {
        id: quote.id,
      }),
    ).quotePdf;
    const text = await pdfText(pdf.base64);
    expect(text).toContain('Prices include port taxes.');
    expect(text).toContain('60+ days before departure: deposit kept.');
    expect(text).not.toContain('Changed later.');

    const sent = data(
      await staff.as.advisor<{ sendQuote: { link: string } }>(
        'mutation($id: ID!) { sendQuote(input: { id: $id }) { link } }',
        {
          id: quote.id,
        },
      ),
    ).sendQuote;
    const html = await (await fetch(publicUrl(sent.link))).text();
    expect(html).toContain('Prices include port taxes.');
    expect(html).toContain('Under 30 days: 100%.');

    const deleted = data(
      await staff.as.manager<{ deleteQuoteTemplate: { name: string } }>(
        'mutation($id: ID!) { deleteQuoteTemplate(id: $id) { name } }',
        { id: template.id },
      ),
    ).deleteQuoteTemplate;
    expect(deleted.name).toBe(name);
    const kept = data(
      await staff.as.viewer<{ quote: { terms: string; template: null } }>(
        'query($id: ID!) { quote(id: $id) { terms template { id } } }',
        { id: quote.id },
      ),
    ).quote;
    expect(kept).toEqual({ terms: 'Prices include port taxes.', template: null });
  });
});

describe('deposits', () => {
  const DEPOSIT = 'deposit { amount dueOn scheduleStatus paymentScheduleId attempts lastError }';
  interface DepositShape {
    amount: number;
    dueOn: string;
    scheduleStatus: string;
    paymentScheduleId: string | null;
    attempts: number;
    lastError: string | null;
  }
  const depositOf = async (id: string) =>
    data(
      await staff.as.viewer<{ quote: { deposit: DepositShape | null } }>(
        `query($id: ID!) { quote(id: $id) { ${DEPOSIT} } }`,
        {
          id,
        },
      ),
    ).quote.deposit;

  it('a fixed deposit on a deal without a TT-API booking is recorded and needs no schedule; bad deposits name the field', async () => {
    const both = await staff.as.advisor('mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }', {
      i: { dealId: await newDeal(), title: 'Both deposits', depositPercent: 10, depositAmount: 100 },
    });
    expect(fieldPaths(both)).toEqual(['input.depositAmount']);
    const negative = await staff.as.advisor('mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id } }', {
      i: { dealId: await newDeal(), title: 'Negative deposit', depositAmount: -1 },
    });
    expect(fieldPaths(negative)).toEqual(['input.depositAmount']);

    const q = data(
      await staff.as.advisor<{ createQuote: { id: string; totals: { depositDue: number } } }>(
        'mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id totals { depositDue } } }',
        {
          i: {
            dealId: await newDeal(),
            title: 'Fixed deposit',
            depositAmount: 30_000,
            recipientEmail: 'fixed.deposit@example.com',
            lines: [{ description: 'Walking tour', quantity: 1, unitPrice: 80_000 }],
          },
        },
      ),
    ).createQuote;
    expect(q.totals.depositDue).toBe(30_000);
    expect(await depositOf(q.id)).toBeNull();
    await sendAndAccept(q.id, 'fixed.deposit@example.com');
    const deposit = await eventually(async () => {
      const d = await depositOf(q.id);
      expect(d?.scheduleStatus).toBe('NOT_A_TRIP');
      return d;
    }, 20_000);
    expect(deposit).toMatchObject({ amount: 30_000, paymentScheduleId: null });
  });

  it('for a trip, creates the payment schedule in TT-API once, after an outage and even when the job runs twice', async () => {
    const sim = system.simulator.control;
    // A crm deal mirroring a TT-API deal that has bookings (the demo data links them).
    const deals = data(
      await staff.as.viewer<{ deals: { nodes: { id: string; ttDealId: string | null }[] } }>(
        '{ deals(first: 100) { nodes { id ttDealId } } }',
      ),
    ).deals.nodes;
    const bookingsByDeal = new Map<string, string[]>();
    for (const b of sim.db.bookings.values())
      if (b.dealId) bookingsByDeal.set(b.dealId, [...(bookingsByDeal.get(b.dealId) ?? []), b.id]);
    const deal = deals.find((d) => d.ttDealId && bookingsByDeal.has(d.ttDealId));
    expect(deal).toBeDefined();
    const bookingIds = new Set(bookingsByDeal.get(deal?.ttDealId ?? '') ?? []);

    const q = data(
      await staff.as.advisor<{ createQuote: { id: string; totals: { total: number; depositDue: number } } }>(
        'mutation($i: CreateQuoteInput!) { createQuote(input: $i) { id totals { total depositDue } } }',
        {
          i: {
            dealId: deal?.id,
            title: 'Serengeti, 9 nights',
            depositPercent: 30,
            recipientEmail: 'trip.deposit@example.com',
            lines: [{ description: 'Safari lodge', quantity: 2, unitPrice: 412_345 }],
          },
        },
      ),
    ).createQuote;
    // 30% of 8,246.90 = 2,474.07.
    expect(q.totals.depositDue).toBe(247_407);
    const ours = () =>
      [...sim.db.paymentSchedules.values()].filter(
        (s) => s.bookingId && bookingIds.has(s.bookingId) && s.amountCents === 247_407,
      );
    expect(ours()).toEqual([]);

    // TT-API is down when the client accepts: the deposit is recorded and the schedule waits.
    await sim.outage({ mode: 'refuse' });
    try {
      await sendAndAccept(q.id, 'trip.deposit@example.com');
      const waiting = await eventually(async () => {
        const d = await depositOf(q.id);
        expect(d?.attempts).toBeGreaterThanOrEqual(2);
        return d;
      }, 30_000);
      expect(waiting).toMatchObject({ amount: 247_407, scheduleStatus: 'PENDING', paymentScheduleId: null });
      expect(waiting?.lastError).toBeTruthy();
    } finally {
      await sim.restore();
    }
    expect(ours()).toEqual([]);

    // Back up: the next attempt creates it.
    const created = await eventually(async () => {
      const d = await depositOf(q.id);
      expect(d?.scheduleStatus).toBe('CREATED');
      return d;
    }, 60_000);
    const today = new Date().toISOString().slice(0, 10);
    expect(ours()).toHaveLength(1);
    expect(ours()[0]).toMatchObject({ id: created?.paymentScheduleId, amountCents: 247_407, dueDate: today });

    // The job delivered again after TT-API created the schedule (as if the answer had been lost):
    // it finds the schedule instead of making a second one.
    const log = createLogger('test');
    log.level = 'silent';
    const deps = await openSubgraph(salesManifest, loadSubgraphEnv(salesManifest, system.iso.vars), log, {
      role: 'worker',
    });
    try {
      const em = deps.orm.em.fork();
      const row = await em.findOneOrFail(Quote, { id: q.id });
      row.depositSchedule = 'PENDING';
      row.depositScheduleId = null;
      await em.flush();
      const run = depositScheduleProcessor(deps as SalesDeps, log);
      const job = { id: 'again', data: { quoteId: q.id, attempt: 0 } } as Job<
        JobData<'sales', 'quote-deposit-schedule'>
      >;
      await run(job);
      await run(job);
    } finally {
      await deps.close();
    }
    expect(ours()).toHaveLength(1);
    expect(await depositOf(q.id)).toMatchObject({
      scheduleStatus: 'CREATED',
      paymentScheduleId: created?.paymentScheduleId,
    });
  });
});
