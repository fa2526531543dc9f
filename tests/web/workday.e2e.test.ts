import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { NAVIGATION } from '../../web/src/app/navigation.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, openPage, poll, signInAs, keepScreenshot } from './browser.ts';

/**
 * A working day in the staff app, as each role lives it, in a real browser against the whole
 * system: creating deals, logging calls and finishing tasks without leaving the page; the board
 * holding every deal of a large pipeline; the phone-sized layout.
 */

let system: System;
let browser: Browser;
let manager: string;
let advisor: string;
let pipelineId: string;
const stage: Record<string, string> = {};

const api = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(token));

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
  advisor = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken;
  const created = await api<{ createPipeline: { id: string; stages: { nodes: { id: string; name: string }[] } } }>(
    `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name } } } }`,
    {
      input: {
        name: 'Workday test',
        pipelineType: 'CORPORATE',
        stages: [
          { name: 'Qualify', probability: 10 },
          { name: 'Propose', probability: 40 },
          { name: 'Won', probability: 100, outcome: 'WON' },
          { name: 'Lost', probability: 0, outcome: 'LOST' },
        ],
      },
    },
    manager,
  );
  if (!created.data) throw new Error(`createPipeline failed: ${created.raw}`);
  pipelineId = created.data.createPipeline.id;
  for (const s of created.data.createPipeline.stages.nodes) stage[s.name] = s.id;
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

async function firstContact(page: Page) {
  await page.goto(`${system.gatewayUrl}/crm/contacts`);
  const link = page.getByTestId('contacts-table').locator('tbody tr th a').first();
  await link.waitFor();
  const name = (await link.innerText()).trim();
  await link.click();
  await page.getByTestId('contact-detail').waitFor();
  return name;
}

describe('an advisor’s day', () => {
  it('creates a deal from a board column, logs a call on a contact, and creates then completes a task', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/crm/deals?pipeline=${pipelineId}`);
      const propose = page.locator(`[data-testid="board-column"][data-stage-id="${stage.Propose}"]`);
      await propose.waitFor();
      await propose.getByRole('button', { name: 'New deal in Propose' }).click();
      const dealForm = page.getByTestId('deal-form');
      // A failed save puts the cursor on the field that needs attention.
      await dealForm.getByRole('button', { name: 'Create deal' }).click();
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('title');
      await dealForm.getByLabel('Title').fill('Lisbon leadership offsite');
      await dealForm.getByLabel('Amount (USD)').fill('48,500');
      await dealForm.getByRole('button', { name: 'Create deal' }).click();
      const newCard = propose.getByTestId('deal-card').filter({ hasText: 'Lisbon leadership offsite' });
      await newCard.waitFor({ timeout: 10_000 });
      expect(await newCard.innerText()).toContain('$48,500');
      expect(await propose.getByTestId('column-count').innerText()).toBe('1');
      await poll(() => page.getByTestId('board-summary').innerText()).toMatch(
        /1 open · \$48,500 open pipeline · \$19,400 weighted/,
      );

      // On a contact: log a call, then a task about them.
      const contactName = await firstContact(page);
      const composer = page.getByTestId('activity-composer');
      await composer.getByText('Call', { exact: true }).click();
      await composer.getByLabel('Subject').fill('Talked through the Lisbon dates');
      await composer.getByLabel('Minutes').fill('15');
      await composer.getByRole('button', { name: 'Log call' }).click();
      await page
        .getByTestId('activity-timeline')
        .getByText('Talked through the Lisbon dates')
        .waitFor({ timeout: 10_000 });

      await page.getByRole('button', { name: 'New task' }).click();
      const taskForm = page.getByTestId('task-form');
      expect(await taskForm.getByRole('heading').innerText()).toBe(`New task about ${contactName}`);
      await taskForm.getByLabel('Title').fill('Send the Lisbon proposal');
      await taskForm.getByLabel('Due').fill('2030-03-14T10:30');
      await taskForm.getByRole('button', { name: 'Create task' }).click();
      const taskLink = page.getByTestId('tasks-table').getByRole('link', { name: 'Send the Lisbon proposal' });
      await taskLink.waitFor({ timeout: 10_000 });

      // The task page (where a notification leads): complete it there.
      await taskLink.click();
      await page.getByTestId('task-detail').waitFor();
      await page.getByRole('button', { name: 'Complete' }).click();
      await poll(() => page.getByTestId('task-status').innerText()).toBe('Completed');
      await page.getByRole('button', { name: 'Reopen' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('shows a way back, not "Try again", for a malformed or unknown record address', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/crm/deals/not-a-uuid');
      await page.getByTestId('record-missing').waitFor();
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Back to deals' }).waitFor();
      await page.goto(`${system.gatewayUrl}/crm/contacts/00000000-0000-4000-8000-000000000000`);
      await page.getByTestId('record-missing').waitFor();
      await page.getByRole('link', { name: 'Back to contacts' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('editing in place', () => {
  it('edits fields in the table, the side panel and the record header, with refusals at the field', async () => {
    const made = await api<{ createContact: { id: string } }>(
      'mutation($input: CreateContactInput!) { createContact(input: $input) { id } }',
      { input: { firstName: 'Inline', lastName: 'Tester', email: 'inline.tester@example.com' } },
      advisor,
    );
    const company = await api<{ createCompany: { id: string } }>(
      'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }',
      { input: { name: 'Inline Travel Co' } },
      advisor,
    );
    const contactId = made.data?.createContact.id ?? '';
    const companyId = company.data?.createCompany.id ?? '';
    if (!contactId || !companyId) throw new Error(`setup failed: ${made.raw} ${company.raw}`);
    const contact = async () =>
      (
        await api<{
          contact: { lifecycleStage: string; email: string; jobTitle: string | null; owner: { id: string } | null };
        }>(
          'query($id: ID!) { contact(id: $id) { lifecycleStage email jobTitle owner { id } } }',
          { id: contactId },
          advisor,
        )
      ).data?.contact;

    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/crm/contacts?q=inline.tester');
      const row = page.getByTestId('contacts-table').locator('tbody tr').filter({ hasText: 'Inline Tester' });
      await row.waitFor();

      // In the table: click the stage, choose, Enter saves; the keyboard is back on the value.
      await row.getByRole('button', { name: 'Edit Lifecycle stage: Lead' }).click();
      await row.getByLabel('Lifecycle stage', { exact: true }).selectOption('CUSTOMER');
      await page.keyboard.press('Enter');
      const customer = row.getByRole('button', { name: 'Edit Lifecycle stage: Customer' });
      await customer.waitFor();
      await poll(() => customer.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await contact())?.lifecycleStage).toBe('CUSTOMER');
      // Escape puts the old value back and sends nothing.
      const ownerBefore = (await contact())?.owner?.id ?? null;
      await row.getByRole('button', { name: /^Edit Owner: / }).click();
      await row.getByLabel('Owner', { exact: true }).selectOption({ label: 'Unassigned' });
      await page.keyboard.press('Escape');
      await row.getByRole('button', { name: /^Edit Owner: / }).waitFor();
      expect(await row.getByRole('button', { name: 'Edit Owner: Unassigned' }).count()).toBe(0);
      expect((await contact())?.owner?.id ?? null).toBe(ownerBefore);

      // The side panel opens beside the list, in the URL, with the focus on it.
      const preview = row.getByRole('button', { name: 'Preview Inline Tester' });
      await preview.click();
      await page.waitForURL((url) => url.searchParams.get('open') === contactId);
      const panel = page.getByTestId('record-panel');
      const heading = panel.getByRole('heading', { name: 'Inline Tester' });
      await heading.waitFor();
      await poll(() => heading.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.getByTestId('contacts-table').isVisible()).toBe(true);

      // A refused value: the server's words at the field, the editor still open, nothing saved.
      await panel.getByRole('button', { name: 'Edit Email: inline.tester@example.com' }).click();
      const email = panel.getByLabel('Email', { exact: true });
      await email.fill('not-an-email');
      await page.keyboard.press('Enter');
      const refusal = panel.getByTestId('field-error');
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/email/i);
      expect(await refusal.innerText()).not.toContain('input.email');
      expect(await email.getAttribute('aria-invalid')).toBe('true');
      await poll(() => email.evaluate((el) => el === document.activeElement)).toBe(true);
      expect((await contact())?.email).toBe('inline.tester@example.com');
      // Escape leaves the field (not the panel) with the old value back.
      await page.keyboard.press('Escape');
      await panel.getByRole('button', { name: 'Edit Email: inline.tester@example.com' }).waitFor();
      expect(new URL(page.url()).searchParams.get('open')).toBe(contactId);

      // Leaving the field saves too.
      await panel.getByRole('button', { name: /^Edit Job title: / }).click();
      await panel.getByLabel('Job title', { exact: true }).fill('Head of People');
      await heading.click();
      await panel.getByRole('button', { name: 'Edit Job title: Head of People' }).waitFor();
      await poll(async () => (await contact())?.jobTitle).toBe('Head of People');

      // Escape closes the panel and gives the keyboard back to the row's preview button.
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => !url.searchParams.has('open'));
      await poll(() => preview.evaluate((el) => el === document.activeElement)).toBe(true);
      // Back brings it again; a reload keeps it.
      await page.goBack();
      await heading.waitFor();
      await page.reload();
      await page.getByTestId('record-panel').getByRole('heading', { name: 'Inline Tester' }).waitFor();
      await page
        .getByTestId('record-panel')
        .getByRole('button', { name: /^Close/ })
        .click();
      await page.waitForURL((url) => !url.searchParams.has('open'));
      await keepScreenshot(page, 'contacts-inline');

      // A record's header: the company's name, edited where it is the page's title.
      await page.goto(`${system.gatewayUrl}/crm/companies/${companyId}`);
      await page.getByRole('heading', { name: 'Inline Travel Co', level: 1 }).waitFor();
      await page.getByRole('button', { name: 'Edit Company name: Inline Travel Co' }).click();
      await page.getByLabel('Company name', { exact: true }).fill('Inline Journeys');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Inline Journeys', level: 1 }).waitFor();
      const renamed = await api<{ company: { name: string } }>(
        'query($id: ID!) { company(id: $id) { name } }',
        { id: companyId },
        advisor,
      );
      expect(renamed.data?.company.name).toBe('Inline Journeys');

      // The deal list: an expected close date, edited in its row.
      await page.goto(`${system.gatewayUrl}/crm/deals/list?pipeline=${pipelineId}`);
      const dealRow = page.getByTestId('deal-row').filter({ hasText: 'Lisbon leadership offsite' });
      await dealRow.getByRole('button', { name: /^Edit Expected close: / }).click();
      await dealRow.getByLabel('Expected close', { exact: true }).fill('2030-05-01');
      await page.keyboard.press('Enter');
      await dealRow.getByRole('button', { name: 'Edit Expected close: May 1, 2030' }).waitFor();
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }

    // A viewer reads the same values as plain text, in the table and in the panel.
    const viewer = await openPage(browser);
    try {
      await signInAs(viewer.page, system.gatewayUrl, 'viewer@nexus.test', '/crm/contacts?q=inline.tester');
      const row = viewer.page.getByTestId('contacts-table').locator('tbody tr').filter({ hasText: 'Inline Tester' });
      await row.waitFor();
      expect(await row.innerText()).toContain('Customer');
      expect(await viewer.page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
      await row.getByRole('button', { name: 'Preview Inline Tester' }).click();
      const panel = viewer.page.getByTestId('record-panel');
      await poll(() => panel.getByTestId('edit-jobTitle').innerText()).toContain('Head of People');
      expect(await panel.getByRole('button', { name: /^Edit / }).count()).toBe(0);
      expect(viewer.problems).toEqual([]);
    } finally {
      await viewer.context.close();
    }
  }, 120_000);
});

describe('the board with 600 deals', () => {
  it('counts every deal per column and reaches each of them', async () => {
    const big = await api<{ createPipeline: { id: string; stages: { nodes: { id: string; name: string }[] } } }>(
      `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name } } } }`,
      {
        input: {
          name: 'Big board',
          pipelineType: 'CORPORATE',
          stages: [
            { name: 'Lead', probability: 10 },
            { name: 'Pitch', probability: 50 },
            { name: 'Won', probability: 100, outcome: 'WON' },
            { name: 'Lost', probability: 0, outcome: 'LOST' },
          ],
        },
      },
      manager,
    );
    if (!big.data) throw new Error(`createPipeline failed: ${big.raw}`);
    const bigId = big.data.createPipeline.id;
    const [lead, pitch] = big.data.createPipeline.stages.nodes;
    // 450 in Lead, 150 in Pitch: more than a column's page, so "Show more" must reach the rest.
    for (let batch = 0; batch < 600; batch += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          api(
            'mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }',
            {
              input: {
                title: `Bulk deal ${batch + i + 1}`,
                amountCents: 100_00,
                pipelineId: bigId,
                stageId: batch + i < 450 ? lead?.id : pitch?.id,
              },
            },
            advisor,
          ),
        ),
      );
    }

    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', `/crm/deals?pipeline=${bigId}`);
      const column = (id: string | undefined) => page.locator(`[data-testid="board-column"][data-stage-id="${id}"]`);
      await poll(() => column(lead?.id).getByTestId('column-count').innerText()).toBe('450');
      await poll(() => column(pitch?.id).getByTestId('column-count').innerText()).toBe('150');
      await poll(() => page.getByTestId('board-summary').innerText()).toMatch(/^600 open · \$60,000 open pipeline/);

      // The page keeps the screen's height: the columns scroll, the document does not grow.
      const heights = await page.evaluate(() => ({
        doc: document.documentElement.scrollHeight,
        view: window.innerHeight,
      }));
      expect(heights.doc).toBeLessThanOrEqual(heights.view + 1);

      for (const id of [lead?.id, pitch?.id]) {
        const more = column(id).getByTestId('column-more');
        while ((await more.count()) > 0) {
          const shown = await column(id).getByTestId('deal-card').count();
          await more.click();
          await poll(() => column(id).getByTestId('deal-card').count()).toBeGreaterThan(shown);
        }
      }
      await poll(() => page.getByTestId('deal-card').count()).toBe(600);
      await keepScreenshot(page, 'board-600');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});

describe('at 390 px wide', () => {
  it('dashboard, contacts, a contact and the board fit the screen, with the menu in a drawer', async () => {
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844 });
    try {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/');
      const fits = async (name: string) => {
        await page.waitForTimeout(300);
        const { scroll, view } = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          view: window.innerWidth,
        }));
        await keepScreenshot(page, `mobile-${name}`, { fullPage: true });
        expect({ page: name, width: scroll }).toEqual({ page: name, width: view });
      };
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      await fits('dashboard');

      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
      await page.getByTestId('contacts-table').locator('tbody tr').first().waitFor();
      expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
      await fits('contacts');

      await firstContact(page);
      await fits('contact');

      await page.goto(`${system.gatewayUrl}/crm/deals?pipeline=${pipelineId}`);
      await page.getByTestId('board-column').first().waitFor();
      await fits('board');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('every page of the menu and each kind of record fits the screen, and lists read as cards', async () => {
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844 });
    // Requests in flight, so each page is measured once its data is in.
    let inFlight = 0;
    page.on('request', () => (inFlight += 1));
    page.on('requestfinished', () => (inFlight -= 1));
    page.on('requestfailed', () => (inFlight -= 1));
    const settled = async () => {
      let quietSince = Date.now();
      await poll(
        () => {
          if (inFlight > 0) quietSince = Date.now();
          return Date.now() - quietSince >= 400;
        },
        { timeout: 20_000, interval: 100 },
      ).toBe(true);
    };
    try {
      await signInAs(page, system.gatewayUrl, 'admin@nexus.test', '/');
      const records = await api<{
        contacts: { nodes: { id: string }[] };
        companies: { nodes: { id: string }[] };
        deals: { nodes: { id: string }[] };
      }>(
        'query { contacts(first: 1) { nodes { id } } companies(first: 1) { nodes { id } } deals(first: 1) { nodes { id } } }',
        {},
        manager,
      );
      const routes = [
        ...NAVIGATION.flatMap((group) => group.items.map((item) => item.to)),
        `/crm/contacts/${records.data?.contacts.nodes[0]?.id}`,
        `/crm/companies/${records.data?.companies.nodes[0]?.id}`,
        `/crm/deals/${records.data?.deals.nodes[0]?.id}`,
        `/crm/deals/list?pipeline=${pipelineId}`,
        `/crm/deals?pipeline=${pipelineId}&lanes=owner`,
        `/crm/contacts?open=${records.data?.contacts.nodes[0]?.id}`,
      ];
      const overflowing: string[] = [];
      let cardLists = 0;
      for (const route of routes) {
        // Moved within the app, as a person does from the menu: no reload per page.
        await page.evaluate((to) => {
          history.pushState(null, '', to);
          dispatchEvent(new PopStateEvent('popstate'));
        }, route);
        await page.locator('main h1').first().waitFor();
        await settled();
        const seen = await page.evaluate(() => {
          // A record's row, not a one-cell message such as "No tasks".
          const row = [...document.querySelectorAll<HTMLTableRowElement>('main table.data-table tbody tr')].find(
            (r) => r.cells.length > 1,
          );
          const cells = row ? [...row.querySelectorAll('td')] : [];
          return {
            width: document.documentElement.scrollWidth,
            view: window.innerWidth,
            row: row ? getComputedStyle(row).display : null,
            labelled: cells.length === 0 || cells.some((td) => td.dataset.label),
          };
        });
        const name =
          route
            .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'record')
            .replace(/[^a-z]+/gi, '-')
            .replace(/^-|-$/g, '') || 'dashboard';
        await keepScreenshot(page, `390-${name}`);
        if (seen.width !== seen.view) overflowing.push(`${route}: ${seen.width}px`);
        if (seen.row !== null) {
          cardLists += 1;
          expect({ route, row: seen.row, labelled: seen.labelled }).toEqual({ route, row: 'block', labelled: true });
        }
      }
      expect(overflowing).toEqual([]);
      // Most pages are lists: each of them is cards at this width.
      expect(cardLists).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);
});
