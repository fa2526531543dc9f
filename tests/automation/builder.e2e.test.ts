import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale, launchBrowser, poll, releaseBrowser, signInAs, withPage } from '../web/browser.ts';
import { data, eventually, unique } from '../support/staff.ts';
import { startAutomationWorld, type AutomationWorld } from './harness.ts';

/**
 * The workflow builder and live execution view in headless Chromium against the whole system: a
 * definition the builder refuses before activation, then one it activates, and an enrolment seen
 * moving on the workflow's page as it happens.
 */
describe('workflows in the staff app', () => {
  let world: AutomationWorld;
  let browser: Browser;
  beforeAll(async () => {
    await buildWebIfStale();
    world = await startAutomationWorld({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
    await world.startWorkers();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await releaseBrowser(browser);
    await world?.close();
  });

  it('builds a workflow, refuses a zero wait before activation, activates it and shows an enrolment moving live', async () => {
    const name = unique('Browser flow');
    const contactId = data(
      await world.staff.as.advisor<{ createContact: { id: string } }>(
        'mutation($i: CreateContactInput!) { createContact(input: $i) { id } }',
        {
          i: {
            firstName: 'Lina',
            lastName: 'Live',
            email: `${name.replace(/\W/g, '').toLowerCase()}@auto.example.test`,
          },
        },
      ),
    ).createContact.id;
    await withPage(browser, async (page, problems) => {
      await page.setViewportSize({ width: 390, height: 844 });
      await signInAs(page, world.system.gatewayUrl, 'advisor@nexus.test', '/marketing/workflows/new');
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Starts when').selectOption('MANUAL');
      await page.getByRole('button', { name: '+ Add step' }).click();
      await page.getByRole('button', { name: 'Wait', exact: true }).click();
      await page.getByLabel('Minutes (1440 = a day)').fill('0');
      await page.getByRole('button', { name: 'Save and activate' }).click();
      await poll(() => page.getByText('A wait lasts from a minute to a year.').count()).toBe(1);
      expect(page.url()).toMatch(/\/marketing\/workflows\/new$/);

      await page.getByRole('button', { name: 'Remove' }).click();
      await page.getByRole('button', { name: '+ Add step' }).click();
      await page.getByRole('button', { name: 'Update property', exact: true }).click();
      await page.getByLabel('Value').fill('browser-flow');
      await page.getByRole('button', { name: 'Save and activate' }).click();
      await page.waitForURL(/\/marketing\/workflows\/[0-9a-f-]{36}$/);
      await poll(() => page.getByTestId('workflow-status').innerText()).toBe('Active');
      const workflowId = /workflows\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';

      await eventually(async () => {
        const [row] = await world.deps.orm.em.fork().execute(`select 1 from audience_member where id = ?`, [contactId]);
        expect(row).toBeDefined();
      }, 20_000);
      data(
        await world.staff.as.advisor('mutation($i: EnrolInWorkflowInput!) { enrolInWorkflow(input: $i) { id } }', {
          i: { workflowId, contactIds: [contactId] },
        }),
      );
      await poll(() => page.getByTestId('workflow-live').innerText(), { timeout: 20_000 }).toContain(
        'Lina Live: Completed',
      );
      await poll(() => page.locator('[data-testid="enrolment-row"][data-status="COMPLETED"]').count()).toBe(1);
      await poll(() => page.getByTestId('wf-step-counts').innerText()).toContain('1 through');
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
