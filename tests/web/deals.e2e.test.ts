import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { ARTIFACTS, buildWebIfStale, launchBrowser, poll, openPage, signInAs, type Session } from './browser.ts';

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

const api = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(token));

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
  advisor = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken;

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
  await browser?.close();
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
      await sam.page.screenshot({ path: `${ARTIFACTS}/deal-board.png`, fullPage: true });

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
      await avery.page.screenshot({ path: `${ARTIFACTS}/deal-board-refused.png`, fullPage: true });
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
      await avery.page.screenshot({ path: `${ARTIFACTS}/deal-detail.png`, fullPage: true });
      expect(avery.problems).toEqual([]);
    } finally {
      await avery.context.close();
    }
  }, 90_000);
});
