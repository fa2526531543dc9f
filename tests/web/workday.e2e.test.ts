import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { ARTIFACTS, buildWebIfStale, launchBrowser, openPage, poll, signInAs } from './browser.ts';

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
  await browser?.close();
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
      await page.screenshot({ path: `${ARTIFACTS}/board-600.png` });
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
        await page.screenshot({ path: `${ARTIFACTS}/mobile-${name}.png`, fullPage: true });
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
});
