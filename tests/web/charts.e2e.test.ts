import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSystem, type System } from '../support/system.ts';
import { buildWebIfStale, launchBrowser, releaseBrowser, openPage, signInAs, keepScreenshot } from './browser.ts';

/**
 * The staff app's charts (Chart.js, loaded in a chunk of its own): axes, tooltips and legends,
 * text that keeps its size at any width, and the data tables screen readers read.
 */

let system: System;
let browser: Browser;

beforeAll(async () => {
  await buildWebIfStale();
  system = await startSystem({ web: true, env: { LOGIN_RATE_LIMIT: '1000' } });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await releaseBrowser(browser);
  await system?.close();
});

/** How the chart's canvas is drawn: its bitmap matches its size on screen, so text is never stretched. */
async function canvasFit(page: Page, testId: string) {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((canvas: HTMLCanvasElement) => {
      const box = canvas.getBoundingClientRect();
      const figure = canvas.closest('figure')!.getBoundingClientRect();
      return {
        bitmapPerCssPixel: Math.round((canvas.width / box.width / devicePixelRatio) * 100) / 100,
        fillsFigure: Math.abs(box.width - figure.width) < 2,
        insideViewport: figure.right <= document.documentElement.clientWidth + 0.5,
      };
    });
}

/** Moves the pointer over the middle of the chart until its tooltip shows, and returns the tooltip's text. */
async function hoverChart(page: Page, testId: string) {
  const canvas = page.getByTestId(testId).locator('canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + 12);
  await page.mouse.move(box.x + box.width * 0.6, box.y + 16);
  const tooltip = page.getByTestId(testId).getByTestId('chart-tooltip');
  await tooltip.waitFor();
  return tooltip.innerText();
}

describe('charts', () => {
  it('draw the dashboard with axes, a legend and tooltips, keep the tables, and load only when shown', async () => {
    const { page, problems, context } = await openPage(browser);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/settings/profile');
      await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
      // No chart on screen yet: the chart library has not been downloaded.
      expect(requested.filter((p) => p.includes('BarChartCanvas'))).toEqual([]);

      await page.getByRole('link', { name: 'Dashboard' }).click();
      const pipeline = page.getByTestId('pipeline-chart');
      await pipeline.locator('canvas').waitFor();
      expect(requested.filter((p) => p.includes('BarChartCanvas'))).toHaveLength(1);
      expect(await pipeline.getByTestId('chart-legend').innerText()).toMatch(/Amount\s+Weighted/);
      // The hand-drawn SVG charts are gone.
      expect(await page.locator('figure.bar-chart svg').count()).toBe(0);
      // Screen readers read the figures from a table, one row per stage.
      const table = pipeline.locator('table');
      expect(await table.locator('caption').innerText()).toMatch(/amount and weighted amount by stage/);
      const stages = await table.locator('tbody th').allInnerTexts();
      expect(stages.length).toBeGreaterThan(1);
      expect(await pipeline.locator('canvas').evaluate((c) => c.closest('[aria-hidden="true"]') !== null)).toBe(true);

      const tip = await hoverChart(page, 'pipeline-chart');
      expect(stages).toContain(tip.split('\n')[0]!.trim());
      expect(tip).toMatch(/Amount: \$[\d.,]+[KM]?/);
      expect(tip).toMatch(/Weighted: \$[\d.,]+[KM]?/);
      expect(await canvasFit(page, 'pipeline-chart')).toEqual({
        bitmapPerCssPixel: 1,
        fillsFigure: true,
        insideViewport: true,
      });
      await keepScreenshot(page, 'charts-dashboard', { fullPage: true });

      // Commissions (a travel page) uses the same component.
      await page.getByRole('link', { name: 'Commissions' }).click();
      await page.getByTestId('commissions-table').waitFor();
      const commissions = page.locator('figure.bar-chart').first();
      await commissions.locator('canvas').waitFor();
      expect(await commissions.getByTestId('chart-legend').innerText()).toContain('Gross commission');

      // Reports: a chart above each table, whose figures stay in the visible table.
      await page.getByRole('link', { name: 'Reports' }).click();
      await page.getByTestId('report-pipeline').waitFor();
      await page.getByTestId('report-activity-chart').locator('canvas').waitFor();
      expect(await page.getByTestId('report-activity-chart').locator('table').count()).toBe(0);
      expect(await page.getByTestId('report-activity').locator('table').count()).toBe(1);
      const people = await page.getByTestId('report-activity').locator('tbody th').allInnerTexts();
      const reportTip = await hoverChart(page, 'report-activity-chart');
      expect(people).toContain(reportTip.split('\n')[0]!.trim());
      expect(reportTip).toMatch(/Activities: \d+/);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('keep their text size on a phone: the canvas is redrawn at its width, not scaled down', async () => {
    const { page, problems, context } = await openPage(browser, { width: 390, height: 844 });
    try {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/');
      await page.getByTestId('lifecycle-chart').locator('canvas').waitFor();
      for (const id of ['pipeline-chart', 'lifecycle-chart']) {
        expect(await canvasFit(page, id)).toEqual({ bitmapPerCssPixel: 1, fillsFigure: true, insideViewport: true });
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      expect(await hoverChart(page, 'lifecycle-chart')).toMatch(/Contacts: \d+/);
      await keepScreenshot(page, 'charts-390', { fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('fetch the code of settings and reports when their links are pointed at, before any click', async () => {
    const { page, problems, context } = await openPage(browser);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    try {
      await signInAs(page, system.gatewayUrl, 'manager@nexus.test', '/crm/contacts');
      await page.getByTestId('contacts-table').waitFor();
      const fetched = (name: string) => requested.filter((p) => p.startsWith(`/assets/${name}-`)).length;
      expect([fetched('SettingsRoutes'), fetched('ReportsPage')]).toEqual([0, 0]);
      const nav = page.getByRole('navigation', { name: 'Main' });
      await nav.getByRole('link', { name: 'Reports' }).hover();
      await expect.poll(() => fetched('ReportsPage'), { timeout: 15_000 }).toBe(1);
      await nav.getByRole('link', { name: 'Pipelines' }).focus();
      await expect.poll(() => fetched('SettingsRoutes'), { timeout: 15_000 }).toBe(1);
      expect(page.url()).toContain('/crm/contacts');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
