import dns2 from 'dns2';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale, launchBrowser, releaseBrowser, poll, signInAs, withPage, keepScreenshot } from '../web/browser.ts';
import { checkCampaigns } from '../../subgraphs/marketing/src/jobs/marketing.job.ts';
import { audienceHas, createContacts, startMarketingWorld, type MarketingWorld } from './harness.ts';

/**
 * The marketing screens in headless Chromium against the whole system: a template written with a
 * live preview, a segment built with its live count, and a campaign through the wizard to its
 * detail page, where it is sent.
 */
describe('marketing in the staff app', () => {
  let world: MarketingWorld;
  let browser: Browser;
  // The sending domain's DNS (SPF and DMARC published, no DKIM key: this deployment does not sign).
  const dns = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = dns2.Packet.createResponseFromRequest(request);
      const records: Record<string, string> = {
        'traveltamers.test': 'v=spf1 ip4:192.0.2.10 -all',
        '_dmarc.traveltamers.test': 'v=DMARC1; p=none',
      };
      for (const q of request.questions) {
        const data = records[q.name.toLowerCase()];
        if (data)
          response.answers.push(
            new dns2.Packet.Resource({
              name: q.name,
              type: dns2.Packet.TYPE.TXT,
              class: dns2.Packet.CLASS.IN,
              ttl: 1,
              data,
            }),
          );
      }
      void send(response);
    },
  });
  beforeAll(async () => {
    await buildWebIfStale();
    const dnsPort = (await dns.listen({ udp: { port: 0, address: '127.0.0.1' } })).udp?.port;
    world = await startMarketingWorld(
      { LOGIN_RATE_LIMIT: '1000', DNS_RESOLVER: `127.0.0.1:${dnsPort}` },
      { web: true },
    );
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await releaseBrowser(browser);
    await world?.close();
    await dns.close();
  });

  it('writes a template with a live preview, builds a segment with a live count, and sends a campaign from the wizard', async () => {
    const worker = await world.startWorker();
    await createContacts(world, 'webflow', ['web1@webflow.example.test', 'web2@webflow.example.test']);
    await audienceHas(world, 'webflow', 2);
    await withPage(browser, async (page, problems) => {
      await signInAs(page, world.system.gatewayUrl, 'advisor@nexus.test', '/marketing/templates/new');
      await page.getByLabel('Name').fill('Web spring offer');
      await page.getByLabel('Subject').fill('Spring for {{ contact.firstName }}');
      await page.getByLabel(/^Body/).fill('<p>Hello {{ contact.firstName }}, Kyoto is waiting.</p>');
      await poll(() => page.getByTestId('template-preview').innerText()).toContain('Spring for Alex');
      await page.getByRole('button', { name: 'Create template' }).click();
      await page.waitForURL(/\/marketing\/templates\/[0-9a-f-]{36}$/);
      await poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Edit “Web spring offer”');
      await poll(() => page.getByTestId('template-preview').innerText()).toContain('Spring for Alex');
      await keepScreenshot(page, 'marketing-template-editor', { fullPage: true });

      await page.goto(`${world.system.gatewayUrl}/marketing/segments/new`);
      await page.getByLabel('Name').fill('Web flow people');
      await page.getByLabel('Value').fill('webflow');
      await poll(() => page.getByTestId('segment-live-count').innerText()).toBe('2 people match');
      await keepScreenshot(page, 'marketing-segment-builder', { fullPage: true });
      await page.getByRole('button', { name: 'Create segment' }).click();
      await page.waitForURL(/\/marketing\/segments$/);

      await page.goto(`${world.system.gatewayUrl}/marketing/campaigns/new`);
      await page.getByLabel('Campaign name').fill('Web spring campaign');
      await page.getByLabel(/Web flow people/).check();
      await poll(() => page.getByTestId('wizard-audience-count').innerText()).toContain('About 2 people');
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('Template').selectOption({ label: 'Web spring offer' });
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Next' }).click();
      await poll(() => page.getByTestId('wizard-review').innerText()).toContain('Web spring offer');
      world.catcher.clear();
      await page.getByRole('button', { name: 'Send now' }).click();
      await page.waitForURL(/\/marketing\/campaigns\/[0-9a-f-]{36}$/);
      await poll(() => page.getByTestId('campaign-status').innerText()).toBe('Scheduled');
      expect(problems).toEqual([]);
    });
    // The 60 s checker starts it; the mail reaches the inbox.
    await checkCampaigns(await world.openDeps(), world.log);
    const mails = await world.catcher.waitFor(2, 60_000);
    expect(mails.map((m) => m.subject).sort()).toEqual(['Spring for First0', 'Spring for First1']);
    await withPage(browser, async (page) => {
      await signInAs(page, world.system.gatewayUrl, 'viewer@nexus.test', '/marketing/campaigns');
      await page.getByRole('link', { name: 'Web spring campaign' }).click();
      await poll(() => page.getByTestId('campaign-sent').innerText(), { timeout: 30_000 }).toBe('2');
      // Nobody has booked since: no revenue credited yet, shown in money.
      expect(await page.getByTestId('campaign-attributed').innerText()).toBe('$0');
      await keepScreenshot(page, 'marketing-campaign-detail', { fullPage: true });
    });
    await worker.stop();
  }, 240_000);

  it('lets a manager change the sending settings, showing a refused value by its field; a viewer only reads them', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, world.system.gatewayUrl, 'manager@nexus.test', '/marketing/settings');
      await page.getByLabel('Quiet from hour (0-23)').fill('21');
      await page.getByLabel('Quiet until hour (0-23)').fill('8');
      await page.getByLabel('Most marketing emails per contact').fill('3');
      await page.getByLabel('Time zone for contacts without one').fill('Mars/Olympus_Mons');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await poll(() => page.getByTestId('field-error').innerText()).toContain('IANA');
      await page.getByLabel('Time zone for contacts without one').fill('Australia/Sydney');
      await page.getByRole('button', { name: 'Save settings' }).click();
      await poll(() => page.getByTestId('settings-saved').innerText()).toBe('Saved');
      await keepScreenshot(page, 'marketing-sending-settings', { fullPage: true });
      expect(problems).toEqual([]);
    });
    await withPage(browser, async (page) => {
      await signInAs(page, world.system.gatewayUrl, 'viewer@nexus.test', '/marketing/settings');
      await poll(() => page.getByLabel('Time zone for contacts without one').inputValue()).toBe('Australia/Sydney');
      expect(await page.getByLabel('Quiet from hour (0-23)').inputValue()).toBe('21');
      expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
      // The sending domain, looked up in DNS: SPF passes, DKIM is not set up, DMARC only monitors.
      await poll(() => page.getByTestId('domain-check-spf').innerText()).toContain('Pass');
      expect(await page.getByTestId('domain-check-dkim').innerText()).toContain('Mail is not DKIM-signed');
      expect(await page.getByTestId('domain-check-dmarc').innerText()).toContain('Weak');
      await keepScreenshot(page, 'marketing-domain-check', { fullPage: true });
    });
  }, 120_000);

  it('lets an advisor draft and schedule social posts, refusing one too long for its platform', async () => {
    await withPage(browser, async (page, problems) => {
      await signInAs(page, world.system.gatewayUrl, 'advisor@nexus.test', '/marketing/social');
      await page.getByLabel('Platform').selectOption({ label: 'X' });
      await page.getByLabel(/^Post/).fill('k'.repeat(300));
      await page.getByRole('button', { name: 'Save draft' }).click();
      await poll(() => page.getByTestId('field-error').innerText()).toContain('X allows 280');
      await page.getByLabel(/^Post/).fill('Kyoto in spring: six places left.');
      await page.getByLabel('Schedule for').fill('2030-04-01T09:00');
      await page.getByRole('button', { name: 'Schedule post' }).click();
      await poll(() => page.getByTestId('social-posts-table').innerText()).toContain(
        'Kyoto in spring: six places left.',
      );
      expect(await page.getByTestId('social-posts-table').innerText()).toContain('Scheduled');
      await keepScreenshot(page, 'marketing-social-posts', { fullPage: true });
      expect(problems).toEqual([]);
    });
  }, 120_000);
});
