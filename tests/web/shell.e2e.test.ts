import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, gql, signIn } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import {
  buildWebIfStale,
  launchBrowser,
  releaseBrowser,
  poll,
  openPage,
  sidebar,
  signInAs,
  withPage,
  keepScreenshot,
} from './browser.ts';

/**
 * The staff app's shell and CRM pages as each role sees them, in headless Chromium against the
 * whole supergraph (with the worker, so notifications are delivered for real).
 */

let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  // Every test signs in several people from one address; the per-address sign-in limit is not under test here.
  system = await startSystem({ web: true, worker: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

const CRM = ['Contacts', 'Companies', 'Deals', 'Tasks'];
const TRAVEL = ['Trips', 'Bookings', 'Clients', 'Travelers', 'Suppliers', 'Groups', 'Travel alerts', 'Satisfaction'];
/** Travel pages from ADVISOR up (ready to travel reads passports and emergency contacts; passport updates carry numbers). */
const TRAVEL_ADVISOR = ['Ready to travel', 'Passport updates'];
const FINANCE = ['Finance', 'Invoices', 'Payment schedules', 'Commissions'];
const MARKETING = [
  'Campaigns',
  'Email templates',
  'Segments',
  'Workflows',
  'Sequences',
  'Social posts',
  'Forms',
  'Landing pages',
  'Sending settings',
];
const SALES = ['Quotes', 'Products', 'Playbooks', 'Meetings'];
const SERVICE = ['Tickets', 'Knowledge base', 'Surveys', 'Pre-trip forms', 'SLA'];
const DATA_SETTINGS = ['Lead scoring', 'Duplicates'];
const MANAGER_SETTINGS = ['Profile', 'Pipelines', ...DATA_SETTINGS];
const ADMIN_SETTINGS = [...MANAGER_SETTINGS, 'Users and roles', 'API keys', 'Audit log', 'Webhooks'];
const OPERATIONS = ['System health'];
const MANAGER_OPERATIONS = [...OPERATIONS, 'Delivery ledger', 'N8n console', 'Slack hub', 'Analytics'];
const ADMIN_OPERATIONS = [
  ...OPERATIONS,
  'Delivery ledger',
  'N8n console',
  'Slack hub',
  'Queue admin',
  'Analytics',
  'Integrations',
];

describe('navigation by role', () => {
  const staff = { OVERVIEW: ['Dashboard'], CRM, TRAVEL, MARKETING, SALES, SERVICE, OPERATIONS };
  const cases: [string, Record<string, string[]>][] = [
    ['viewer@nexus.test', { ...staff, SETTINGS: ['Profile', ...DATA_SETTINGS] }],
    ['agent@nexus.test', { ...staff, SETTINGS: ['Profile', ...DATA_SETTINGS] }],
    [
      'advisor@nexus.test',
      { ...staff, TRAVEL: [...TRAVEL, ...TRAVEL_ADVISOR], SETTINGS: ['Profile', ...DATA_SETTINGS] },
    ],
    [
      'manager@nexus.test',
      {
        ...staff,
        TRAVEL: [...TRAVEL, ...TRAVEL_ADVISOR, ...FINANCE],
        OPERATIONS: MANAGER_OPERATIONS,
        INSIGHTS: ['Reports'],
        SETTINGS: MANAGER_SETTINGS,
      },
    ],
    [
      'admin@nexus.test',
      {
        ...staff,
        TRAVEL: [...TRAVEL, ...TRAVEL_ADVISOR, ...FINANCE],
        OPERATIONS: ADMIN_OPERATIONS,
        INSIGHTS: ['Reports'],
        SETTINGS: ADMIN_SETTINGS,
      },
    ],
  ];
  for (const [email, expected] of cases) {
    it(`${email.split('@')[0]} sees only what the role may open`, async () => {
      await withPage(browser, async (page, problems) => {
        await signInAs(page, system.gatewayUrl, email);
        await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
        expect(await sidebar(page)).toEqual(expected);
        // The dashboard's figures come from the CRM: they render for every role.
        await poll(() => page.getByTestId('kpis').innerText()).toMatch(/Open pipeline[\s\S]*\$/i);
        if (email.startsWith('manager')) {
          await page.getByRole('link', { name: 'Commissions' }).click();
          await page.getByTestId('commissions-table').waitFor();
          await keepScreenshot(page, 'commissions', { fullPage: true });
        }
        if (email.startsWith('agent')) {
          // Opening a manager's page by address is refused by the app (and by the gateway).
          await page.goto(`${system.gatewayUrl}/travel/commissions`);
          await page.getByText('Your role does not allow you to see commissions.').waitFor();
        }
        expect(problems).toEqual([]);
      });
    }, 60_000);
  }
});

describe('dashboard, search and the CRM pages', () => {
  it('shows KPIs and charts, finds a contact from the header and walks its record pages', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test');
      await page.getByTestId('pipeline-chart').waitFor();
      await page.getByTestId('lifecycle-chart').waitFor();
      const dashboard = await gql<{ crmDashboard: { overdueTaskCount: number } }>(
        system.gatewayUrl,
        '{ crmDashboard { overdueTaskCount } }',
        {},
        bearer((await signIn(system.gatewayUrl, 'advisor@nexus.test')).accessToken),
      );
      expect(await page.getByTestId('kpis').innerText()).toContain(
        String(dashboard.data?.crmDashboard.overdueTaskCount),
      );
      await page.getByRole('heading', { name: 'Upcoming departures' }).waitFor();
      await page.getByRole('table').filter({ hasText: 'Destination' }).waitFor();
      await keepScreenshot(page, 'dashboard', { fullPage: true });

      // Global search: "/" focuses it; arrows and Enter open a match.
      const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
      const someone = await gql<{ contacts: { nodes: { id: string; firstName: string; lastName: string }[] } }>(
        system.gatewayUrl,
        '{ contacts(first: 1, orderBy: { field: NAME }) { nodes { id firstName lastName } } }',
        {},
        bearer(advisor.accessToken),
      );
      const contact = someone.data?.contacts.nodes[0];
      if (!contact) throw new Error('no demo contact');
      await page.keyboard.press('/');
      await page.keyboard.type(`${contact.firstName} ${contact.lastName}`);
      const option = page
        .getByRole('option')
        .filter({ hasText: `${contact.firstName} ${contact.lastName}` })
        .first();
      await option.waitFor();
      await keepScreenshot(page, 'search');
      await option.click();
      await page.waitForURL((url) => url.pathname.startsWith('/crm/'));
      await page.goto(`${system.gatewayUrl}/crm/contacts/${contact.id}`);
      await page.getByRole('heading', { name: `${contact.firstName} ${contact.lastName}`, level: 1 }).waitFor();
      await page.getByRole('heading', { name: /Activity/ }).waitFor();
      await page.getByTestId('travel-profile').waitFor();
      await page.getByRole('link', { name: 'Edit contact' }).waitFor();
      await keepScreenshot(page, 'contact-detail', { fullPage: true });

      // Companies: server-side search and sort; the detail page lists its people.
      await page.getByRole('link', { name: 'Companies', exact: true }).click();
      await page.getByTestId('companies-table').locator('tbody tr th a').first().waitFor();
      await page.getByRole('button', { name: /^Travel budget/ }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('sort') === 'ANNUAL_TRAVEL_BUDGET' && url.searchParams.get('dir') === 'desc',
      );
      // The sorted page has arrived when the company with the largest budget heads it (the URL
      // changes a moment before the new page is asked for, while the old one still shows).
      const top = await gql<{ companies: { nodes: { name: string }[] } }>(
        system.gatewayUrl,
        '{ companies(first: 1, orderBy: { field: ANNUAL_TRAVEL_BUDGET, direction: DESC }) { nodes { name } } }',
        {},
        bearer(advisor.accessToken),
      );
      const companyName = top.data?.companies.nodes[0]?.name;
      if (!companyName) throw new Error('no demo company');
      const settled = page.locator('.table-frame[aria-busy="false"]').getByTestId('companies-table');
      const firstCompany = settled.locator('tbody tr th a').first();
      await expect.poll(async () => (await firstCompany.innerText()).trim()).toBe(companyName);
      await keepScreenshot(page, 'companies', { fullPage: true });
      await firstCompany.click();
      await page.getByRole('heading', { name: companyName, level: 1 }).waitFor();
      await page.getByRole('heading', { name: /People/ }).waitFor();
      await keepScreenshot(page, 'company-detail', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 90_000);

  it('creates a contact, showing the server’s field-level refusals beside the fields', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'agent@nexus.test', '/crm/contacts');
      await page.getByRole('link', { name: 'New contact' }).click();
      const form = page.getByTestId('contact-form');
      await form.getByLabel('First name').fill('Rosa');
      await form.getByLabel('Last name').fill('Díaz');
      await form.getByLabel('Email').fill('not-an-email');
      await form.getByLabel('Phone').fill('call me maybe');
      await form.getByRole('button', { name: 'Create contact' }).click();

      // The server's BAD_USER_INPUT names the fields; each message sits under its field.
      const email = form.getByLabel('Email');
      await poll(() => email.getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
      expect(await form.getByLabel('First name').getAttribute('aria-invalid')).toBeNull();
      const messages = await form.getByTestId('field-error').allInnerTexts();
      expect(messages.length).toBe(2);
      await keepScreenshot(page, 'contact-form-errors', { fullPage: true });

      await email.fill('rosa.diaz@example.com');
      await form.getByLabel('Phone').fill('+1 555 0100');
      await form.getByRole('button', { name: 'Create contact' }).click();
      await page.getByRole('heading', { name: 'Rosa Díaz', level: 1 }).waitFor();
      // Agents may create contacts but not edit them.
      expect(await page.getByRole('link', { name: 'Edit contact' }).count()).toBe(0);
      expect(problems).toEqual([]);
    });
  }, 60_000);

  it('completes and reassigns tasks in bulk', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'advisor@nexus.test', '/crm/tasks');
      const rows = page.getByTestId('tasks-table').locator('tbody tr[data-task-id]');
      await poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(3);
      await keepScreenshot(page, 'tasks', { fullPage: true });
      const ids = await Promise.all([0, 1, 2].map((i) => rows.nth(i).getAttribute('data-task-id')));

      // Complete the first two.
      await rows.nth(0).getByRole('checkbox').check();
      await rows.nth(1).getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Complete' }).click();
      await poll(() => page.getByTestId('bulk-result').innerText()).toBe('2 tasks completed.');
      // They leave "mine" (open tasks only).
      await poll(() => page.locator(`tr[data-task-id="${ids[0]}"]`).count()).toBe(0);

      // Reassign the third to Kai Patel.
      const third = page.locator(`tr[data-task-id="${ids[2]}"]`);
      await third.getByRole('checkbox').check();
      await page.getByLabel('Reassign to').selectOption({ label: 'Kai Patel' });
      await page.getByRole('button', { name: 'Reassign' }).click();
      await poll(() => page.getByTestId('bulk-result').innerText()).toBe('1 task reassigned to Kai Patel.');

      const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
      const after = await gql<{ a: { status: string }; c: { assignee: { name: string } } }>(
        system.gatewayUrl,
        'query($a: ID!, $c: ID!) { a: task(id: $a) { status } c: task(id: $c) { assignee { name } } }',
        { a: ids[0], c: ids[2] },
        bearer(admin.accessToken),
      );
      expect(after.data?.a.status).toBe('COMPLETED');
      expect(after.data?.c.assignee.name).toBe('Kai Patel');

      // The overdue view is a server filter: every row is flagged overdue.
      await page.getByRole('link', { name: 'Overdue' }).click();
      await page.waitForURL((url) => url.searchParams.get('filter') === 'overdue');
      await poll(async () => {
        const flags = await rows.locator('td:nth-child(4)').allInnerTexts();
        return flags.length > 0 && flags.every((text) => /Overdue/.test(text));
      }).toBe(true);
      expect(problems).toEqual([]);
    });
  }, 60_000);
});

describe('a viewer', () => {
  it('sees no edit controls, and the server refuses an edit forced from the page', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, system.gatewayUrl, 'viewer@nexus.test', '/crm/contacts');
      await page.getByTestId('contacts-table').locator('tbody tr th a').first().waitFor();
      expect(await page.getByRole('link', { name: 'New contact' }).count()).toBe(0);

      const firstContact = page.getByTestId('contacts-table').locator('tbody tr th a').first();
      const href = (await firstContact.getAttribute('href')) ?? '';
      const contactId = href.split('/').pop() ?? '';
      await firstContact.click();
      await page.getByTestId('contact-detail').waitFor();
      expect(await page.getByRole('link', { name: 'Edit contact' }).count()).toBe(0);

      await page.goto(`${system.gatewayUrl}/crm/deals`);
      await page.getByTestId('deal-card').first().waitFor();
      expect(await page.getByRole('button', { name: /^Actions for / }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^New deal/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Drag / }).count()).toBe(0);
      await page.getByText('Your role can look at deals but not move them.').waitFor();

      await page.goto(`${system.gatewayUrl}/crm/tasks`);
      await page.getByTestId('tasks-table').waitFor();
      expect(await page.getByTestId('bulk-bar').count()).toBe(0);
      expect(await page.getByRole('checkbox').count()).toBe(0);

      // The edit page by address is refused by the app...
      await page.goto(`${system.gatewayUrl}/crm/contacts/${contactId}/edit`);
      await page.getByText('Your role does not allow you to edit contacts.').waitFor();

      // ...and a request crafted in the page, with the viewer's own session, by the gateway.
      const forced = await page.evaluate(async (id) => {
        const post = (body: unknown, token?: string) =>
          fetch('/graphql', {
            method: 'POST',
            credentials: 'include',
            headers: {
              'content-type': 'application/json',
              'apollo-require-preflight': 'true',
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: JSON.stringify(body),
          }).then(
            (r) =>
              r.json() as Promise<{
                data?: { refreshSession?: { accessToken: string } };
                errors?: { extensions?: { code?: string } }[];
              }>,
          );
        const session = await post({ query: 'mutation { refreshSession { accessToken } }' });
        const token = session.data?.refreshSession?.accessToken;
        return post(
          {
            query: 'mutation($id: ID!) { updateContact(input: { id: $id, firstName: "Hacked" }) { id firstName } }',
            variables: { id },
          },
          token,
        );
      }, contactId);
      expect(forced.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const admin = await signIn(system.gatewayUrl, 'admin@nexus.test');
      const still = await gql<{ contact: { firstName: string } }>(
        system.gatewayUrl,
        'query($id: ID!) { contact(id: $id) { firstName } }',
        { id: contactId },
        bearer(admin.accessToken),
      );
      expect(still.data?.contact.firstName).not.toBe('Hacked');
      expect(problems).toEqual([]);
    });
  }, 60_000);
});

describe('the notification bell', () => {
  it('updates its count and list live when a task is assigned to the person', async () => {
    const { page, problems, context } = await openPage(browser);
    try {
      await signInAs(page, system.gatewayUrl, 'agent@nexus.test');
      const bell = page.getByTestId('notification-bell');
      await poll(() => bell.getAttribute('aria-label')).toMatch(/^Notifications, /);
      const before = unreadOf(await bell.getAttribute('aria-label'));
      // Let the subscription's socket open before the event is caused.
      await page.waitForTimeout(1500);

      // An advisor assigns Alex Agent a task: crm asks identity (through the queue) to notify.
      const advisor = await signIn(system.gatewayUrl, 'advisor@nexus.test');
      const agent = await signIn(system.gatewayUrl, 'agent@nexus.test');
      const title = `Call the Okafor family ${Date.now()}`;
      const created = await gql(
        system.gatewayUrl,
        'mutation($input: CreateTaskInput!) { createTask(input: $input) { id } }',
        { input: { title, assigneeId: agent.user.id, priority: 'HIGH' } },
        bearer(advisor.accessToken),
      );
      expect(created.errors).toBeUndefined();

      await poll(async () => unreadOf(await bell.getAttribute('aria-label')), { timeout: 20_000 }).toBe(before + 1);
      await bell.click();
      const panel = page.getByTestId('notification-panel');
      await panel.getByText(`New task: ${title}`).waitFor();
      await keepScreenshot(page, 'notifications');

      // Opening it marks it read and follows its link to the task.
      await panel.getByText(`New task: ${title}`).click();
      await page.waitForURL((url) => url.pathname.startsWith('/crm/tasks/'));
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await poll(async () => unreadOf(await bell.getAttribute('aria-label'))).toBe(before);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});

function unreadOf(label: string | null): number {
  const match = /(\d+) unread/.exec(label ?? '');
  return match?.[1] ? Number(match[1]) : 0;
}
