import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { data, signInStaff, unique, type Staff } from '../support/staff.ts';
import { ARTIFACTS, buildWebIfStale, launchBrowser, openPage, poll, signInAs } from './browser.ts';

/**
 * The service desk in a real browser: an agent finds their ticket in the "Mine" view, opens it,
 * inserts triage's suggested public article into the reply and sends it.
 */
let system: System;
let browser: Browser;
let staff: Staff;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  staff = await signInStaff(system);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await system?.close();
});

describe('an agent answers a ticket', () => {
  it('with the suggested article’s link, and the reply shows in the conversation', async () => {
    const word = unique('Zanzibarferry').replace(/\W/g, '');
    const article = data(
      await staff.as.advisor<{ createKbArticle: { id: string; slug: string } }>(
        'mutation($i: CreateKbArticleInput!) { createKbArticle(input: $i) { id slug } }',
        {
          i: {
            title: `${word} baggage allowance`,
            bodyMarkdown: `Each ${word} passenger may bring one suitcase of 20 kg and one small bag.`,
            visibility: 'PUBLIC',
          },
        },
      ),
    ).createKbArticle;
    data(
      await staff.as.manager(
        'mutation($id: ID!) { setKbArticleStatus(input: { id: $id, status: PUBLISHED }) { id } }',
        {
          id: article.id,
        },
      ),
    );
    const subject = `How much baggage on the ${word}?`;
    const ticket = data(
      await staff.as.advisor<{ createTicket: { id: string; reference: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
        {
          i: {
            subject,
            description: `What is the ${word} baggage allowance for my suitcase?`,
            requesterEmail: 'traveller@example.com',
            assigneeId: staff.id.agent,
          },
        },
      ),
    ).createTicket;

    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'agent@nexus.test', '/service/tickets');
      await page.getByRole('button', { name: 'Mine' }).click();
      const row = page.getByTestId('tickets-table').getByRole('link', { name: `${ticket.reference} ${subject}` });
      await row.click();
      const detail = page.getByTestId('ticket-detail');
      await detail.waitFor();
      const suggested = page.getByTestId('suggested-articles');
      await suggested.getByText(`${word} baggage allowance`).waitFor();
      await suggested.getByRole('button', { name: 'Insert link' }).first().click();
      const reply = page.getByLabel('Reply', { exact: true });
      await poll(() => reply.inputValue()).toContain(`/kb/${article.slug}`);
      await reply.press('Home');
      await reply.pressSequentially('Hello, this explains it. ');
      await page.getByRole('button', { name: 'Send reply' }).click();
      const conversation = page.getByTestId('conversation');
      await poll(() => conversation.locator('[data-kind="PUBLIC_REPLY"]').innerText()).toContain(`/kb/${article.slug}`);
      await page.screenshot({ path: `${ARTIFACTS}/service-ticket-reply.png` });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    const after = data(
      await staff.as.advisor<{
        ticket: { status: string; messages: { nodes: { kind: string; body: string }[] } };
        triageStats: { accepted: number };
      }>('query($id: ID!) { ticket(id: $id) { status messages { nodes { kind body } } } triageStats { accepted } }', {
        id: ticket.id,
      }),
    );
    expect(after.ticket.status).toBe('PENDING');
    const sent = after.ticket.messages.nodes.find((m) => m.kind === 'PUBLIC_REPLY');
    expect(sent?.body).toContain(`${word} baggage allowance: http`);
    expect(sent?.body).toContain(`/kb/${article.slug}`);
    expect(after.triageStats.accepted).toBeGreaterThanOrEqual(1);
  });
});
