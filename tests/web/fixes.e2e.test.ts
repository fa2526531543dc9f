import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { weekOf } from '../../web/src/lib/week.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage } from './browser.ts';

/**
 * The staff app's small fixes, each as a person meets it: names sorted as shown, long timelines,
 * "see all" search results, the task views (this week, mine, a viewer's), notification wording,
 * and addresses that lead nowhere.
 */

let system: System;
let browser: Browser;
let manager: string;
let advisorId: string;
let timelineContactId: string;
const WORD = 'Zephyrine';

const api = async <T>(query: string, variables: Record<string, unknown>) => {
  const res = await gql<T>(system.gatewayUrl, query, variables, bearer(manager));
  if (!res.data) throw new Error(`request failed: ${res.raw}`);
  return res.data;
};
const createContact = (firstName: string, lastName: string) =>
  api<{ createContact: { id: string } }>(
    `mutation($input: CreateContactInput!) { createContact(input: $input) { id } }`,
    {
      input: { firstName, lastName },
    },
  ).then((d) => d.createContact.id);
const createTask = (input: Record<string, unknown>) =>
  api<{ createTask: { id: string } }>(`mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }`, {
    input,
  }).then((d) => d.createTask.id);

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, worker: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
  manager = (await signIn(system.gatewayUrl, 'manager@nexus.test')).accessToken;
  advisorId = (await signIn(system.gatewayUrl, 'advisor@nexus.test')).user.id;
  // 30 contacts sharing one word (more than the header's 8 and than one page of 25).
  await Promise.all(
    Array.from({ length: 30 }, (_, i) => createContact(WORD, `Searchable ${String(i).padStart(2, '0')}`)),
  );
  // A contact with a timeline longer than a page.
  timelineContactId = await createContact('Tillie', 'Timeline');
  await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      api(`mutation($input: LogActivityInput!) { logActivity(input: $input) { id } }`, {
        input: {
          type: 'NOTE',
          subject: `Note ${String(i).padStart(2, '0')}`,
          contactId: timelineContactId,
          occurredAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
        },
      }),
    ),
  );
}, 360_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

describe('lists and records', () => {
  it('sorts contacts by name as shown, loads a timeline past 25, and says "not here" for a bad address', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/crm/contacts?sort=NAME&dir=asc');
      const names = page.getByTestId('contacts-table').locator('tbody tr th a.cell-link');
      await names.first().waitFor();
      const shown = (await names.allInnerTexts()).map((n) => n.trim());
      // Sorted by last name, the names read last name first, so the order is the one on screen.
      const withLast = shown.filter((n) => n.includes(', '));
      expect(withLast.length).toBeGreaterThan(shown.length / 2);
      const lastNames = withLast.map((n) => n.split(', ')[0]!.toLowerCase());
      expect(lastNames).toEqual([...lastNames].sort((a, b) => a.localeCompare(b, 'en')));

      await page.goto(`${system.gatewayUrl}/crm/contacts/${timelineContactId}`);
      const timeline = page.getByTestId('activity-timeline').locator('li');
      await poll(() => timeline.count()).toBe(25);
      await page.getByText('Showing the newest 25 of 30.').waitFor();
      await page.getByRole('button', { name: 'Load more' }).click();
      await poll(() => timeline.count()).toBe(30);
      expect(await timeline.last().innerText()).toContain('Note 00');
      expect(await page.getByRole('button', { name: 'Load more' }).count()).toBe(0);

      // A malformed address: "not here" and the way back, nothing to retry.
      await page.goto(`${system.gatewayUrl}/crm/contacts/not-a-contact-id`);
      await page.getByRole('heading', { name: 'This contact is not here' }).waitFor();
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Back to contacts' }).click();
      await page.getByTestId('contacts-table').waitFor();
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('leads from the header search to every match, a page at a time, each page starting at its top', async () => {
    await withPage(browser, async (page, problems) => {
      await page.setViewportSize({ width: 1400, height: 500 });
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/');
      await page.getByRole('combobox').fill(WORD);
      await page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first().waitFor();
      await page.getByTestId('search-see-all').click();
      await page.waitForURL((url) => url.pathname === '/crm/search');
      const results = page.getByTestId('search-results').locator('li');
      await poll(() => results.count()).toBe(25);
      await poll(() => page.getByRole('navigation', { name: 'Search result pages' }).innerText()).toMatch(
        /Showing 25 of 30 matches/,
      );
      await page.getByRole('button', { name: 'Next page' }).scrollIntoViewIfNeeded();
      await page.getByRole('button', { name: 'Next page' }).click();
      await poll(() => results.count()).toBe(5);
      await poll(() => page.evaluate(() => window.scrollY + (document.getElementById('main')?.scrollTop ?? 0))).toBe(0);
      expect(await results.allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining(WORD)]));
      expect(problems).toEqual([]);
    });
  }, 90_000);
});

describe('tasks', () => {
  it('"due this week" leaves overdue tasks to their own view, and "Mine" shows a new assignment at once', async () => {
    const now = Date.now();
    const weekEnd = weekOf(new Date(now), 'UTC', 0).end.getTime();
    await createTask({
      title: 'Overdue passport check',
      assigneeId: advisorId,
      dueAt: new Date(now - 86_400_000).toISOString(),
    });
    await createTask({
      title: 'Upcoming visa check',
      assigneeId: advisorId,
      dueAt: new Date(Math.min(now + 3_600_000, weekEnd - 60_000)).toISOString(),
    });
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/crm/tasks?filter=week');
      const rows = page.getByTestId('tasks-table').locator('tbody tr[data-task-id]');
      await poll(() => rows.allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('Upcoming visa check')]),
      );
      expect((await rows.allInnerTexts()).some((t) => t.includes('Overdue passport check'))).toBe(false);
      await poll(() => page.getByTestId('overdue-elsewhere').innerText()).toMatch(
        /overdue tasks? (is|are) not in this list/,
      );

      // On "Mine", a task a manager gives the advisor appears without a reload, and the bell says who gave it.
      await page.getByRole('navigation', { name: 'Task views' }).getByRole('link', { name: 'Mine' }).click();
      await page.getByLabel('Search tasks').fill('Live handover');
      await page.waitForURL((url) => url.searchParams.get('q') === 'Live handover');
      await page.getByText('Nothing assigned to you is open.').waitFor();
      await createTask({ title: 'Live handover', assigneeId: advisorId, dueAt: '2031-01-10T09:00:00Z' });
      await poll(() => rows.allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringContaining('Live handover')]),
      );
      await page.getByRole('button', { name: /Notifications/ }).click();
      const item = page.locator('li').filter({ hasText: 'New task: Live handover' });
      await poll(() => item.innerText()).toMatch(/Assigned by Morgan Manager · due Jan 10, 2031/);
      expect((await item.innerText()).split('Live handover').length).toBe(2);
      expect(problems).toEqual([]);
    });
  }, 120_000);

  it('opens a viewer’s task list on every open task, not an always-empty "Mine"', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', '/crm/tasks');
      const current = page.getByRole('navigation', { name: 'Task views' }).locator('[aria-current="page"]');
      await poll(() => current.innerText()).toBe('All open');
      await page.getByTestId('tasks-table').locator('tbody tr[data-task-id]').first().waitFor();
      expect(problems).toEqual([]);
    });
  }, 60_000);
});
