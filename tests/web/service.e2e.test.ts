import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { data, signInStaff, unique, type Staff } from '../support/staff.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, openPage, poll, signInAs, withPage, keepScreenshot } from './browser.ts';

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
  await releaseBrowser(browser);
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
      await keepScreenshot(page, 'service-ticket-reply');
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

describe('two staff members on one ticket', () => {
  it('the agent sees the advisor replying, then gone; the header search finds the ticket by reference', async () => {
    const subject = `${unique('Santorini').replace(/\W/g, '')} sunset cruise refund`;
    const ticket = data(
      await staff.as.advisor<{ createTicket: { id: string; reference: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
        { i: { subject, description: 'The cruise was cancelled.', requesterName: 'Eleni Markou' } },
      ),
    ).createTicket;

    const agent = await openPage(browser);
    const advisor = await openPage(browser);
    try {
      // The agent finds the ticket through the header search (tickets are hits beside CRM and travel).
      await signInAs(agent.page, system.gatewayUrl, 'agent@nexus.test', '/');
      const search = agent.page.getByRole('search').getByRole('combobox');
      await search.fill(ticket.reference);
      const option = agent.page.getByRole('option', { name: new RegExp(`Ticket\\s*${ticket.reference} ${subject}`) });
      await option.click();
      await agent.page.waitForURL((url) => url.pathname === `/service/tickets/${ticket.id}`);
      const presence = agent.page.getByTestId('ticket-presence');
      await poll(() => presence.innerText()).toBe('Nobody else is on this ticket.');

      await signInAs(advisor.page, system.gatewayUrl, 'advisor@nexus.test', `/service/tickets/${ticket.id}`);
      await poll(() => presence.innerText()).toBe('Avery Advisor is viewing');
      await advisor.page.getByLabel('Reply', { exact: true }).fill('We are refunding the cruise.');
      await poll(() => presence.innerText()).toBe('Avery Advisor is replying');
      await keepScreenshot(agent.page, 'service-ticket-presence');
      // The advisor sees the agent too; leaving the ticket clears them at once.
      await poll(() => advisor.page.getByTestId('ticket-presence').innerText()).toBe('Alex Agent is viewing');
      await advisor.page.getByRole('link', { name: 'Tickets', exact: true }).first().click();
      await poll(() => presence.innerText()).toBe('Nobody else is on this ticket.');
      expect(agent.problems).toEqual([]);
      expect(advisor.problems).toEqual([]);
    } finally {
      await agent.context.close();
      await advisor.context.close();
    }
  });
});

describe('SLA settings', () => {
  it('a manager adds a calendar (overlapping hours refused, naming the window) and a policy for travelling requesters', async () => {
    const name = unique('Lisbon desk').replace(/\s+/g, ' ');
    const policy = unique('Travelling urgent');
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/service/sla');
      const calendarForm = page.getByRole('form', { name: 'New calendar' });
      await calendarForm.getByLabel('Calendar name').fill(name);
      await calendarForm.getByLabel('Time zone').fill('Europe/Lisbon');
      await calendarForm.getByLabel('Monday').fill('09:00-13:00, 12:00-17:00');
      await calendarForm.getByLabel('Holidays (YYYY-MM-DD, comma-separated)').fill('2026-12-25');
      await calendarForm.getByRole('button', { name: 'Add calendar' }).click();
      await poll(() => calendarForm.innerText()).toContain('overlaps hours.0 on weekday 1');
      expect(await page.getByTestId('sla-calendars').innerText()).not.toContain(name);

      await calendarForm.getByLabel('Monday').fill('09:00-12:00, 13:00-17:00');
      await calendarForm.getByRole('button', { name: 'Add calendar' }).click();
      const calendars = page.getByTestId('sla-calendars');
      await poll(() => calendars.innerText()).toContain(
        `${name} (Europe/Lisbon): Mon 09:00–12:00, 13:00–17:00 · Tue 09:00–17:00`,
      );
      expect(await calendars.innerText()).toContain('holidays 2026-12-25');

      const policyForm = page.getByRole('form', { name: 'New policy' });
      await policyForm.getByLabel('Policy name').fill(policy);
      await policyForm.getByLabel('Calendar').selectOption({ label: name });
      await policyForm.getByLabel('Urgent').check();
      await policyForm.getByLabel('Requester travelling').selectOption('yes');
      await policyForm.getByLabel('First reply within (business minutes)').fill('30');
      await policyForm.getByRole('button', { name: 'Add policy' }).click();
      const row = page.getByTestId('sla-policies').getByRole('row', { name: new RegExp(policy) });
      await poll(() => row.innerText()).toContain('Priority Urgent · Requester travelling');
      expect(await row.innerText()).toContain('30 min');
      expect(await row.innerText()).toContain(name);
      await keepScreenshot(page, 'service-sla', { fullPage: true });
      expect(problems).toEqual([]);
    });

    // Saved as shown: the graph has the calendar's windows and the policy's conditions.
    const saved = data(
      await staff.as.viewer<{
        slaCalendars: { nodes: { name: string; hours: { weekday: number; start: string; end: string }[] }[] };
        slaPolicies: {
          nodes: { name: string; priorities: string[]; travelling: boolean | null; firstReplyMinutes: number }[];
        };
      }>(
        '{ slaCalendars(first: 100) { nodes { name hours { weekday start end } } } slaPolicies(first: 100) { nodes { name priorities travelling firstReplyMinutes } } }',
      ),
    );
    expect(saved.slaCalendars.nodes.find((c) => c.name === name)?.hours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, start: '09:00', end: '12:00' },
      { weekday: 1, start: '13:00', end: '17:00' },
    ]);
    expect(saved.slaPolicies.nodes.find((p) => p.name === policy)).toEqual({
      name: policy,
      priorities: ['URGENT'],
      travelling: true,
      firstReplyMinutes: 30,
    });
  });
});

describe('settings changes, saved views and attachments', () => {
  it('a manager edits and deactivates a policy and its calendar; an agent saves a view and attaches a file', async () => {
    const calName = unique('Porto desk').replace(/\s+/g, ' ');
    const policyName = unique('Porto urgent');
    const cal = data(
      await staff.as.manager<{ createSlaCalendar: { id: string } }>(
        'mutation($i: CreateSlaCalendarInput!) { createSlaCalendar(input: $i) { id } }',
        { i: { name: calName, timeZone: 'Europe/Lisbon', hours: [{ weekday: 1, start: '09:00', end: '17:00' }] } },
      ),
    ).createSlaCalendar;
    data(
      await staff.as.manager('mutation($i: CreateSlaPolicyInput!) { createSlaPolicy(input: $i) { id } }', {
        i: {
          name: policyName,
          position: 90,
          calendarId: cal.id,
          priorities: ['LOW'],
          firstReplyMinutes: 60,
          nextReplyMinutes: 60,
          resolutionMinutes: 600,
        },
      }),
    );
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/service/sla');
      await page.getByRole('button', { name: `Deactivate ${calName}` }).click();
      await poll(() => page.getByRole('alert').first().innerText()).toContain(
        `is used by the active policy ${policyName}`,
      );
      await page.getByRole('button', { name: `Edit ${policyName}` }).click();
      const form = page.getByRole('form', { name: `Edit policy ${policyName}` });
      await form.getByLabel('First reply within (business minutes)').fill('45');
      await form.getByLabel('Escalate to the manager (level 3) after a breach, within (business minutes)').fill('90');
      await form.getByRole('button', { name: 'Save policy' }).click();
      const row = page.getByTestId('sla-policies').getByRole('row', { name: new RegExp(policyName) });
      await poll(() => row.innerText()).toContain('45 min');
      expect(await row.innerText()).toContain('90 min');
      await page.getByRole('button', { name: `Deactivate ${policyName}` }).click();
      await poll(() => row.innerText()).toContain('(inactive)');
      await page.getByRole('button', { name: `Deactivate ${calName}` }).click();
      await poll(() => page.getByTestId('sla-calendars').innerText()).toContain(
        `${calName} (Europe/Lisbon): Mon 09:00–17:00 (inactive)`,
      );
      expect(problems).toEqual([]);
    });

    const word = unique('Douro').replace(/\W/g, '');
    const urgent = data(
      await staff.as.advisor<{ createTicket: { id: string; reference: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
        { i: { subject: `${word} cruise cabin`, description: 'x', priority: 'URGENT', assigneeId: staff.id.agent } },
      ),
    ).createTicket;
    const normal = data(
      await staff.as.advisor<{ createTicket: { id: string; reference: string } }>(
        'mutation($i: CreateTicketInput!) { createTicket(input: $i) { id reference } }',
        { i: { subject: `${word} wine tour`, description: 'x', priority: 'NORMAL', assigneeId: staff.id.agent } },
      ),
    ).createTicket;
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'agent@nexus.test', '/service/tickets');
      await page.getByRole('group', { name: 'Filters' }).getByLabel('Priority').selectOption('URGENT');
      const save = page.getByRole('form', { name: 'Save this view' });
      await save.getByLabel('View name').fill(`${word} urgent`);
      await save.getByRole('button', { name: 'Save view' }).click();
      const views = page.getByTestId('saved-views');
      await views.getByRole('button', { name: `${word} urgent`, exact: true }).waitFor();
      await page.goto(`${system.gatewayUrl}/service/tickets`);
      await page
        .getByTestId('saved-views')
        .getByRole('button', { name: `${word} urgent`, exact: true })
        .click();
      await page.waitForURL((url) => url.searchParams.get('priority') === 'URGENT');
      const table = page.getByTestId('tickets-table');
      await table.getByRole('link', { name: `${urgent.reference} ${word} cruise cabin` }).waitFor();
      // The page shows the earlier list until the filtered one arrives.
      await poll(() => table.getByRole('link', { name: `${normal.reference} ${word} wine tour` }).count()).toBe(0);
      expect(await table.getByRole('link', { name: new RegExp(word) }).count()).toBe(1);

      await table.getByRole('link', { name: `${urgent.reference} ${word} cruise cabin` }).click();
      const files = page.getByTestId('ticket-attachments');
      const content = `Cabin 214 on the ${word} cruise.\n`;
      await files
        .getByLabel('Attach a file')
        .setInputFiles({ name: 'cabin.txt', mimeType: 'text/plain', buffer: Buffer.from(content) });
      const link = files.getByRole('link', { name: 'cabin.txt' });
      await link.waitFor();
      const href = await link.getAttribute('href');
      const res = await page.request.get(`${system.gatewayUrl}${href}`);
      expect(res.status()).toBe(200);
      expect(await res.text()).toBe(content);
      await keepScreenshot(page, 'service-attachments', { fullPage: true });
      expect(problems).toEqual([]);
    });
  });
});
