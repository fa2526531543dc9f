import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import {
  buildWebIfStale,
  launchBrowser,
  releaseBrowser,
  poll,
  openPage,
  signInAs,
  type Session,
  keepScreenshot,
} from './browser.ts';

/**
 * The deal board in two browsers at once: what one person drags, the other sees move live; a move
 * the server refuses goes back with the server's reason.
 */

let system: System;
let browser: Browser;
let pipelineId: string;
const stage: Record<string, string> = {};
const deal: Record<string, string> = {};
let manager: string;
let advisor: string;
let managerId: string;
let advisorId: string;

const api = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(token));

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  const managerLogin = await signIn(system.gatewayUrl, 'manager@nexus.test');
  const advisorLogin = await signIn(system.gatewayUrl, 'advisor@nexus.test');
  manager = managerLogin.accessToken;
  advisor = advisorLogin.accessToken;
  managerId = managerLogin.user.id;
  advisorId = advisorLogin.user.id;

  // A small pipeline of our own, so every column fits on screen and no demo deal gets in the way.
  const created = await api<{ createPipeline: { id: string; stages: { nodes: { id: string; name: string }[] } } }>(
    `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name } } } }`,
    {
      input: {
        name: 'Board test',
        pipelineType: 'CORPORATE',
        stages: [
          { name: 'Discovery', probability: 20 },
          { name: 'Proposal', probability: 50 },
          { name: 'Contract', probability: 80 },
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
  for (const [title, amountCents] of [
    ['Harbor Labs offsite', 4_000_000],
    ['Summit retreat', 2_500_000],
    ['Northwind kickoff', 1_000_000],
  ] as const) {
    const d = await api<{ createDeal: { id: string } }>(
      'mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }',
      { input: { title, amountCents, pipelineId, stageId: stage.Discovery } },
      advisor,
    );
    if (!d.data) throw new Error(`createDeal failed: ${d.raw}`);
    deal[title] = d.data.createDeal.id;
  }
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

const card = (page: Page, stageName: string, dealId: string) =>
  page.locator(`[data-testid="board-column"][data-stage-id="${stage[stageName]}"] [data-deal-id="${dealId}"]`);

const columnCount = (page: Page, stageName: string) =>
  page
    .locator(`[data-testid="board-column"][data-stage-id="${stage[stageName]}"] [data-testid="column-count"]`)
    .innerText();

/** The keyboard and screen-reader path: the card's menu, "Move to <stage>". */
async function moveWithMenu(page: Page, from: string, dealId: string, to: string) {
  await card(page, from, dealId)
    .getByRole('button', { name: /^Actions for / })
    .click();
  await page.getByRole('menuitem', { name: `Move to ${to}` }).click();
}

async function openBoard(email: string): Promise<Session> {
  const session = await openPage(browser);
  await signInAs(session.page, system.gatewayUrl, email, `/crm/deals?pipeline=${pipelineId}`);
  await session.page.getByTestId('deal-card').first().waitFor();
  // Let the live subscription's socket open.
  await session.page.waitForTimeout(1000);
  return session;
}

async function stageOf(dealId: string): Promise<string> {
  const res = await api<{ deal: { stage: { name: string } } }>(
    'query($id: ID!) { deal(id: $id) { stage { name } } }',
    { id: dealId },
    manager,
  );
  return res.data?.deal.stage.name ?? '';
}

describe('the deal board', () => {
  it('moves a dragged card at once, and a colleague’s board follows live', async () => {
    const avery = await openBoard('advisor@nexus.test');
    const sam = await openBoard('sam.rivera@nexus.test');
    try {
      const id = deal['Harbor Labs offsite'] ?? '';
      expect(await columnCount(avery.page, 'Discovery')).toBe('3');

      // Drag with the pointer, as a person does: press on the card, move across, release on the column.
      const from = await card(avery.page, 'Discovery', id).locator('.deal-card__amount').boundingBox();
      const to = await avery.page.locator(`[data-stage-id="${stage.Proposal}"]`).boundingBox();
      if (!from || !to) throw new Error('card or column not on screen');
      await avery.page.mouse.move(from.x + 10, from.y + 5);
      await avery.page.mouse.down();
      await avery.page.mouse.move(from.x + 30, from.y + 15, { steps: 4 });
      await avery.page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 12 });
      await avery.page.mouse.up();

      await card(avery.page, 'Proposal', id).waitFor({ timeout: 5_000 });
      expect(await columnCount(avery.page, 'Discovery')).toBe('2');
      // Sam did nothing: the move arrives over `dealChanged`.
      await card(sam.page, 'Proposal', id).waitFor({ timeout: 10_000 });
      expect(await columnCount(sam.page, 'Proposal')).toBe('1');
      await poll(() => stageOf(id)).toBe('Proposal');
      await keepScreenshot(sam.page, 'deal-board', { fullPage: true });

      // From the card's menu...
      const summit = deal['Summit retreat'] ?? '';
      await moveWithMenu(avery.page, 'Discovery', summit, 'Contract');
      await card(avery.page, 'Contract', summit).waitFor({ timeout: 5_000 });
      // ...and the keyboard stays on the moved card, in its new column.
      await poll(() =>
        avery.page.evaluate(() => document.activeElement?.closest('[data-deal-id]')?.getAttribute('data-deal-id')),
      ).toBe(summit);
      await card(sam.page, 'Contract', summit).waitFor({ timeout: 10_000 });

      // ...or the drag handle: Space picks the card up, Right moves it a column, Space drops it.
      const northwind = deal['Northwind kickoff'] ?? '';
      await card(avery.page, 'Discovery', northwind)
        .getByRole('button', { name: /^Drag / })
        .focus();
      // dnd-kit announces each step in its live region, as a screen reader would hear it.
      const announced = (text: string) =>
        avery.page.locator('[id^="DndLiveRegion"]').getByText(text).waitFor({ state: 'attached' });
      await avery.page.keyboard.press('Space');
      await announced('Over Discovery.');
      // dnd-kit starts listening for the next keys in a zero-delay timer after the pick-up; a person is
      // never that quick, but a test can be, so let the page's pending timers run first.
      await avery.page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
      await avery.page.keyboard.press('ArrowRight');
      await announced('Over Proposal.');
      await avery.page.keyboard.press('Space');
      await card(avery.page, 'Proposal', northwind).waitFor({ timeout: 5_000 });
      await card(sam.page, 'Proposal', northwind).waitFor({ timeout: 10_000 });
      await poll(() => stageOf(northwind)).toBe('Proposal');

      expect(avery.problems).toEqual([]);
      expect(sam.problems).toEqual([]);
    } finally {
      await avery.context.close();
      await sam.context.close();
    }
  }, 90_000);

  it('puts a refused move back and says why', async () => {
    const avery = await openBoard('advisor@nexus.test');
    try {
      const id = deal['Harbor Labs offsite'] ?? '';
      await card(avery.page, 'Proposal', id).waitFor();
      // A manager removes the empty Contract stage while Avery's board still shows it.
      const summit = deal['Summit retreat'] ?? '';
      const removed = await api(
        'mutation($input: DeletePipelineStageInput!) { deletePipelineStage(input: $input) { id } }',
        { input: { id: stage.Contract, moveDealsToStageId: stage.Proposal } },
        manager,
      );
      expect(removed.errors).toBeUndefined();
      // The deal that was in Contract moved with the stage's removal, and Avery's board shows it.
      await card(avery.page, 'Proposal', summit).waitFor({ timeout: 10_000 });

      // Avery drops a card on the stale Contract column: it lands there at once, the server refuses, it goes back.
      await moveWithMenu(avery.page, 'Proposal', id, 'Contract');
      const refusal = avery.page.getByTestId('board-error');
      await refusal.waitFor({ timeout: 10_000 });
      expect(await refusal.getAttribute('data-code')).toBe('BAD_USER_INPUT');
      expect(await refusal.innerText()).toMatch(/That stage does not exist/);
      await card(avery.page, 'Proposal', id).waitFor({ timeout: 5_000 });
      expect(await card(avery.page, 'Contract', id).count()).toBe(0);
      await keepScreenshot(avery.page, 'deal-board-refused', { fullPage: true });
      expect(await stageOf(id)).toBe('Proposal');

      // A lost deal needs a reason: the dialog asks before anything is sent.
      await moveWithMenu(avery.page, 'Proposal', id, 'Lost');
      const dialog = avery.page.getByTestId('lost-reason-dialog');
      await dialog.getByLabel('Why was it lost?').fill('Chose another agency');
      await dialog.getByRole('button', { name: 'Mark as lost' }).click();
      await card(avery.page, 'Lost', id).waitFor({ timeout: 5_000 });
      await poll(() => stageOf(id)).toBe('Lost');

      // The deal page shows every transition with who made it.
      await avery.page.goto(`${system.gatewayUrl}/crm/deals/${id}`);
      const history = avery.page.getByTestId('stage-history');
      await poll(() => history.innerText()).toMatch(/Proposal\s*→\s*(to\s*)?Lost/);
      const text = await history.innerText();
      expect(text).toMatch(/Discovery\s*→\s*(to\s*)?Proposal/);
      expect(text).toMatch(/Created in Discovery/);
      expect(text).toContain('Avery Advisor');
      expect(text).toContain('Chose another agency');
      await keepScreenshot(avery.page, 'deal-detail', { fullPage: true });
      expect(avery.problems).toEqual([]);
    } finally {
      await avery.context.close();
    }
  }, 90_000);

  it('groups the board in swimlanes by owner, kept in the URL, where a dragged card keeps its lane', async () => {
    const lane: Record<string, string> = {};
    for (const [title, ownerId] of [
      ['Lane: Avery offsite', advisorId],
      ['Lane: manager retreat', managerId],
    ] as const) {
      const d = await api<{ createDeal: { id: string } }>(
        'mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }',
        { input: { title, amountCents: 700_000, pipelineId, stageId: stage.Discovery, ownerId } },
        manager,
      );
      if (!d.data) throw new Error(`createDeal failed: ${d.raw}`);
      lane[title] = d.data.createDeal.id;
    }
    const names = await api<{ users: { nodes: { id: string; name: string }[] } }>(
      'query { users(first: 100) { nodes { id name } } }',
      {},
      manager,
    );
    const managerName = names.data?.users.nodes.find((u) => u.id === managerId)?.name ?? '';
    const avery = await openBoard('advisor@nexus.test');
    try {
      const { page } = avery;
      const toggle = page.getByTestId('swimlanes-toggle');
      expect(await toggle.getAttribute('aria-pressed')).toBe('false');
      await toggle.click();
      await page.waitForURL((url) => url.searchParams.get('lanes') === 'owner');
      // One row per owner, the signed-in person's first; every column has a cell in each row.
      const labels = page.getByTestId('lane-label');
      await poll(() => labels.first().innerText()).toMatch(/^Avery Advisor/);
      await page.locator(`[data-testid="lane-label"][data-lane="${managerId}"]`).waitFor();
      expect(await page.locator(`[data-testid="lane-label"][data-lane="${managerId}"]`).innerText()).toContain(
        managerName,
      );
      const cell = (stageName: string, ownerId: string) =>
        page.locator(
          `[data-testid="board-column"][data-stage-id="${stage[stageName]}"] [data-testid="lane-cell"][data-lane="${ownerId}"]`,
        );
      const averyDeal = lane['Lane: Avery offsite'] ?? '';
      const managerDeal = lane['Lane: manager retreat'] ?? '';
      await cell('Discovery', advisorId).locator(`[data-deal-id="${averyDeal}"]`).waitFor();
      await cell('Discovery', managerId).locator(`[data-deal-id="${managerDeal}"]`).waitFor();
      // The rows line up across the columns: a lane's cells share its top edge.
      const tops = await Promise.all(
        ['Discovery', 'Proposal', 'Won'].map(async (name) => (await cell(name, managerId).boundingBox())?.y),
      );
      expect(new Set(tops).size).toBe(1);
      await keepScreenshot(page, 'deal-board-lanes');

      // The manager's card, dragged with the pointer to Proposal, lands in the manager's row there.
      const from = await cell('Discovery', managerId)
        .locator(`[data-deal-id="${managerDeal}"] .deal-card__amount`)
        .boundingBox();
      const to = await cell('Proposal', managerId).boundingBox();
      if (!from || !to) throw new Error('card or lane not on screen');
      await page.mouse.move(from.x + 10, from.y + 5);
      await page.mouse.down();
      await page.mouse.move(from.x + 30, from.y + 15, { steps: 4 });
      await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
      await page.mouse.up();
      await cell('Proposal', managerId).locator(`[data-deal-id="${managerDeal}"]`).waitFor({ timeout: 5_000 });
      await poll(() => stageOf(managerDeal)).toBe('Proposal');

      // The choice survives a reload; turning it off gives the plain columns back.
      await page.reload();
      await cell('Proposal', managerId).locator(`[data-deal-id="${managerDeal}"]`).waitFor();
      await page.getByTestId('swimlanes-toggle').click();
      await page.waitForURL((url) => !url.searchParams.has('lanes'));
      // The URL changes a moment before the board renders without its rows.
      await poll(() => page.getByTestId('lane-cell').count()).toBe(0);
      await card(page, 'Proposal', managerDeal).waitFor();
      expect(avery.problems).toEqual([]);
    } finally {
      await avery.context.close();
    }
  }, 90_000);

  it('opens a card in the side panel beside the board, with its fields editable there', async () => {
    const avery = await openBoard('advisor@nexus.test');
    try {
      const { page } = avery;
      const id = deal['Northwind kickoff'] ?? '';
      await card(page, 'Proposal', id).getByRole('button', { name: 'Preview Northwind kickoff' }).click();
      await page.waitForURL((url) => url.searchParams.get('open') === id);
      const panel = page.getByTestId('record-panel');
      await panel.getByRole('heading', { name: 'Northwind kickoff' }).waitFor();
      // The amount, edited in the panel, changes the card and the column's total too.
      await panel.getByRole('button', { name: /^Edit Amount: \$10,000$/ }).click();
      await panel.getByLabel('Amount', { exact: true }).fill('12,500');
      await page.keyboard.press('Enter');
      await panel.getByRole('button', { name: /^Edit Amount: \$12,500$/ }).waitFor();
      await poll(() => card(page, 'Proposal', id).locator('.deal-card__amount').innerText()).toBe('$12,500');
      const amount = await api<{ deal: { amountCents: number } }>(
        'query($id: ID!) { deal(id: $id) { amountCents } }',
        { id },
        manager,
      );
      expect(amount.data?.deal.amountCents).toBe(1_250_000);
      // Escape closes it, and the keyboard is back on the card's preview button.
      await page.keyboard.press('Escape');
      await page.waitForURL((url) => !url.searchParams.has('open'));
      // The address changes first; the panel leaves on the render after.
      await panel.waitFor({ state: 'detached' });
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-panel-opener'))).toBe(id);
      expect(avery.problems).toEqual([]);
    } finally {
      await avery.context.close();
    }
  }, 60_000);
});
