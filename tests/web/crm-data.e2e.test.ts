import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from './browser.ts';

/**
 * Lead scoring rules and the duplicates page (merge, then undo) in a real browser against the
 * whole system: everyone reads them, managers change them.
 */

let system: System;
let browser: Browser;
let manager: string;
const contactIds: string[] = [];

const api = <T>(query: string, variables: Record<string, unknown>, token: string) =>
  gql<T>(system.gatewayUrl, query, variables, bearer(token));

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
  // The same person entered twice, with the phone number written two ways.
  for (const [lastName, phone] of [
    ['Duplicateson', '+1 (555) 014-7788'],
    ['Duplicatesen', '555.014.7788'],
  ]) {
    const created = await api<{ createContact: { id: string } }>(
      `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
      { input: { firstName: 'Quinn', lastName, phone } },
      manager,
    );
    if (!created.data) throw new Error(`createContact failed: ${created.raw}`);
    contactIds.push(created.data.createContact.id);
  }
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

const contactExists = async (id: string) =>
  (await api<{ contact: { id: string } | null }>(`query($id: ID!) { contact(id: $id) { id } }`, { id }, manager)).data
    ?.contact !== null;

describe('lead scoring rules', () => {
  it('a manager adds a rule (a mistake shown at the field), edits it and turns it off; a viewer only reads', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/settings');
      await page.getByRole('link', { name: 'Lead scoring' }).first().click();
      const form = page.getByTestId('scoring-rule-form');
      await form.getByLabel('Name').fill('Met in the last month');
      await form.getByLabel('Points').fill('15');
      await form.getByLabel('Conditions').fill('{ activity: meetings }');
      await form.getByRole('button', { name: 'Add rule' }).click();
      // The mistake is told beside the conditions, and the cursor goes there.
      await poll(() => form.getByTestId('field-error').innerText()).toMatch(/Write the conditions as in the example/);
      await poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('criteria');
      await form.getByLabel('Conditions').fill('{ "activity": { "types": ["MEETING"], "withinDays": 30 } }');
      await form.getByRole('button', { name: 'Add rule' }).click();
      await poll(() => page.getByTestId('scoring-status').innerText()).toContain('Met in the last month added');

      const row = page.getByTestId('scoring-rule').filter({ hasText: 'Met in the last month' });
      await poll(() => row.innerText()).toMatch(
        /Adds points[\s\S]*Behavioral[\s\S]*Activity: type meeting, within 30 days[\s\S]*\+15[\s\S]*Active/,
      );

      // Points out of range are refused by the graph and shown at the field.
      await row.getByRole('button', { name: 'Edit Met in the last month' }).click();
      await form.getByLabel('Points').fill('5000');
      await form.getByRole('button', { name: 'Save rule' }).click();
      await poll(() => form.getByTestId('field-error').count()).toBe(1);
      await form.getByLabel('Points').fill('20');
      await form.getByRole('button', { name: 'Save rule' }).click();
      await poll(() => row.innerText()).toContain('+20');

      await row.getByRole('button', { name: 'Turn off Met in the last month' }).click();
      await poll(() => row.innerText()).toMatch(/Off/);
      await page.getByRole('button', { name: 'Recalculate all scores' }).click();
      await poll(() => page.getByTestId('scoring-status').innerText()).toContain('being recalculated');
      expect(problems).toEqual([]);
    });

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', '/settings/lead-scoring');
      const row = page.getByTestId('scoring-rule').filter({ hasText: 'Met in the last month' });
      await poll(() => row.innerText()).toMatch(/\+20[\s\S]*Off/);
      expect(await page.getByTestId('scoring-rule-form').count()).toBe(0);
      expect(await row.getByRole('button').count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 120_000);
});

describe('duplicates and merge', () => {
  it('a manager merges a likely duplicate, then undoes it; a viewer sees the pair without merging', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', '/settings/duplicates');
      const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Quinn Duplicateson' });
      await poll(() => pair.innerText()).toMatch(/Quinn Duplicatesen[\s\S]*Same phone/);
      expect(await pair.getByRole('button').count()).toBe(0);
      expect(await page.getByTestId('recent-merges').count()).toBe(0);
      expect(problems).toEqual([]);
    });

    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/settings/duplicates');
      const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Quinn Duplicateson' });
      await pair.getByRole('button', { name: /Merge/ }).click();
      const dialog = page.getByTestId('merge-dialog');
      await dialog.getByLabel(/Quinn Duplicatesen/).check();
      await dialog.getByRole('button', { name: 'Merge into Quinn Duplicatesen' }).click();
      await poll(() => page.getByTestId('merge-status').innerText()).toContain(
        'Quinn Duplicateson was merged into Quinn Duplicatesen.',
      );
      await poll(() => pair.count()).toBe(0);
      await poll(() => contactExists(contactIds[0]!)).toBe(false);
      const record = page.getByTestId('merge-record').filter({ hasText: 'Quinn Duplicateson into Quinn Duplicatesen' });
      await poll(() => record.innerText()).toMatch(/by [\s\S]+Moved 0 activities/);
      await keepScreenshot(page, 'duplicates-merged', { fullPage: true });

      await page.getByTestId('merge-status').getByRole('button', { name: 'Undo merge' }).click();
      await poll(() => page.getByTestId('merge-status').innerText()).toContain(
        'Merge undone: Quinn Duplicateson is back',
      );
      await poll(() => pair.count()).toBe(1);
      await poll(() => record.innerText()).toMatch(/Undone/);
      expect(await contactExists(contactIds[0]!)).toBe(true);
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
