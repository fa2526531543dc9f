import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, codes, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage } from './browser.ts';

/**
 * Settings and administration in a real browser against the whole system: a manager re-weights a
 * stage and the board's totals follow; an admin creates an API key, sees it once, and revokes it.
 */

let system: System;
let browser: Browser;
let manager: string;
let pipelineId: string;
const stage: Record<string, string> = {};

const api = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(token));

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
  const created = await api<{ createPipeline: { id: string; stages: { nodes: { id: string; name: string }[] } } }>(
    `mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages(first: 30) { nodes { id name } } } }`,
    {
      input: {
        name: 'Settings test',
        pipelineType: 'GROUP',
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
  const deal = await api(
    `mutation($input: CreateDealInput!) { createDeal(input: $input) { id } }`,
    { input: { title: 'Alpine retreat', amountCents: 10_000_00, pipelineId, stageId: stage.Propose } },
    manager,
  );
  if (!deal.data) throw new Error(`createDeal failed: ${deal.raw}`);
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

describe('a manager’s pipeline settings', () => {
  it('changes a stage’s probability and sees the board’s weighted totals change', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', `/crm/deals?pipeline=${pipelineId}`);
      const summary = page.getByTestId('board-summary');
      await poll(() => summary.innerText()).toContain('$4,000 weighted');

      await page.goto(`${system.gatewayUrl}/settings/pipelines`);
      await page.getByTestId('pipeline-settings').getByRole('combobox').first().selectOption(pipelineId);
      const propose = page.locator(`[data-stage-row="${stage.Propose}"]`);
      await propose.getByLabel('Probability (%)').fill('80');
      await propose.getByRole('button', { name: 'Save Propose' }).click();
      await poll(() => page.getByRole('status').filter({ hasText: 'Propose saved.' }).count()).toBe(1);

      await page.goto(`${system.gatewayUrl}/crm/deals?pipeline=${pipelineId}`);
      await poll(() => summary.innerText()).toContain('$8,000 weighted');
      expect(problems).toEqual([]);
    });
  });

  it('refuses a probability out of range beside the field, and keeps the old one', async () => {
    await withPage(browser, async (page) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/settings/pipelines');
      await page.getByTestId('pipeline-settings').getByRole('combobox').first().selectOption(pipelineId);
      const qualify = page.locator(`[data-stage-row="${stage.Qualify}"]`);
      await qualify.getByLabel('Probability (%)').fill('140');
      await qualify.getByRole('button', { name: 'Save Qualify' }).click();
      await poll(() => qualify.getByTestId('field-error').count()).toBe(1);
      const after = await api<{ pipeline: { stages: { nodes: { name: string; probability: number }[] } } }>(
        `query($id: ID!) { pipeline(id: $id) { stages { nodes { name probability } } } }`,
        { id: pipelineId },
        manager,
      );
      expect(after.data?.pipeline.stages.nodes.find((s) => s.name === 'Qualify')?.probability).toBe(10);
    });
  });
});

describe('an admin’s API keys', () => {
  it('creates a key shown once, which works until it is revoked', async () => {
    await withPage(browser, async (page, problems) => {
      page.on('dialog', (dialog) => void dialog.accept());
      await signInAs(page, system.gatewayUrl, 'admin@nexus.test', '/settings/api-keys');
      const form = page.getByTestId('api-key-form');
      await form.getByLabel('Name').fill('n8n reporting');
      await form.getByRole('button', { name: 'Create key' }).click();
      const shown = page.getByTestId('api-key-secret');
      await shown.waitFor();
      const secret = (await shown.locator('code').innerText()).trim();
      expect(secret.length).toBeGreaterThan(20);

      const USERS = `{ users(first: 1) { totalCount } }`;
      const before = await gql(system.gatewayUrl, USERS, {}, { 'x-api-key': secret });
      expect(codes(before)).toEqual([]);

      // Shown once: after a reload the list has the key by its prefix only.
      await page.reload();
      const row = page.getByTestId('api-key-row').filter({ hasText: 'n8n reporting' });
      await row.waitFor();
      expect(await page.getByTestId('api-key-secret').count()).toBe(0);
      expect(await page.locator('body').innerText()).not.toContain(secret);
      expect(await row.getByTestId('api-key-status').innerText()).toBe('Active');

      await row.getByRole('button', { name: 'Revoke n8n reporting' }).click();
      await poll(() => row.getByTestId('api-key-status').innerText()).toContain('Revoked');
      const after = await gql(system.gatewayUrl, USERS, {}, { 'x-api-key': secret });
      expect(codes(after)).toEqual(['UNAUTHENTICATED']);
      expect(problems).toEqual([]);
    });
  });
});
