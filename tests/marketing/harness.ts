import { generateKeyPairSync, sign } from 'node:crypto';
import {
  QUEUES,
  createLogger,
  loadSubgraphEnv,
  openSubgraph,
  startMailCatcher,
  startWorkerHost,
  type Logger,
  type MailCatcher,
} from '@nexus/platform';
import { workerModules } from '../../scripts/worker-modules.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import type { MarketingDeps } from '../../subgraphs/marketing/src/context.ts';
import { marketingManifest } from '../../subgraphs/marketing/src/manifest.ts';
import { data, signInStaff, type Staff } from '../support/staff.ts';
import { startSystem, type System } from '../support/system.ts';

/**
 * The marketing world for a test file: the whole system through the gateway, a real SMTP server
 * (platform's catcher) that SMTP_URL points at, a SendGrid-style signing key, and workers the test
 * starts and stops itself (to kill one mid-send, or run two).
 */
export interface MarketingWorld {
  system: System;
  staff: Staff;
  catcher: MailCatcher;
  log: Logger;
  /** The private half of the ESP webhook key: signs events as SendGrid would. */
  signEvents(body: string, timestamp: string): string;
  /** A worker host for identity, crm and marketing (plus `also`, e.g. travel for the travel feed). */
  startWorker(
    also?: string[],
  ): Promise<{ stop(): Promise<void>; queues: Map<string, import('@nexus/platform').Queue> }>;
  /** Marketing's deps as a worker holds them (its clock can be replaced). */
  openDeps(): Promise<MarketingDeps & { close(): Promise<void> }>;
  close(): Promise<void>;
}

export const UNSUBSCRIBE_SECRET = 'test-unsubscribe-secret-0123456789-abcdefghij';

export async function startMarketingWorld(
  env: Record<string, string> = {},
  o: { web?: boolean } = {},
): Promise<MarketingWorld> {
  const catcher = await startMailCatcher();
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const publicBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const system = await startSystem({
    web: o.web,
    env: {
      SMTP_URL: catcher.smtpUrl,
      UNSUBSCRIBE_SECRET,
      SENDGRID_WEBHOOK_PUBLIC_KEY: publicBase64,
      PUBLIC_URL: 'http://nexus.test',
      ...env,
    },
  });
  const staff = await signInStaff(system);
  const log = createLogger('marketing-test');
  log.level = process.env.TEST_LOG_LEVEL ?? 'silent';
  const hosts: { stop(): Promise<void> }[] = [];
  const opened: { close(): Promise<void> }[] = [];
  const entriesWith = (also: string[]) =>
    SUBGRAPHS.filter((s) => ['identity', 'crm', 'marketing', ...also].includes(s.name));
  return {
    system,
    staff,
    catcher,
    log,
    signEvents: (body, timestamp) => sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64'),
    async startWorker(also = []) {
      const host = await startWorkerHost(await workerModules(log, system.iso.vars, entriesWith(also)), {
        redisUrl: system.iso.vars.REDIS_URL ?? '',
        prefix: system.iso.redisPrefix,
        log,
        extraQueues: Object.values(QUEUES),
        relayIntervalMs: 50,
      });
      let stopped = false;
      const handle = {
        queues: host.queues,
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await host.stop();
        },
      };
      hosts.push(handle);
      return handle;
    },
    async openDeps() {
      const deps = await openSubgraph(marketingManifest, loadSubgraphEnv(marketingManifest, system.iso.vars), log, {
        seed: false,
        role: 'worker',
      });
      opened.push(deps);
      return deps;
    },
    async close() {
      for (const h of hosts) await h.stop();
      for (const d of opened) await d.close();
      await system.close();
      await catcher.close();
    },
  };
}

/** Creates contacts through the graph (crm), tagged so a segment can find them. */
export async function createContacts(world: MarketingWorld, tag: string, emails: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, email] of emails.entries()) {
    const res = await world.staff.as.advisor<{ createContact: { id: string } }>(
      'mutation($input: CreateContactInput!) { createContact(input: $input) { id } }',
      { input: { firstName: `First${i}`, lastName: `Last${i}`, email, tags: [tag] } },
    );
    ids.push(data(res).createContact.id);
  }
  return ids;
}

export const TEMPLATE_BODY =
  '<p>Hello {{ contact.firstName }} {{ contact.lastName }}, your code is {{ contact.email | upcase }}.</p><p><a href="https://traveltamers.test/offers/kyoto">See Kyoto</a></p>';

/** A template, a dynamic segment over one tag and a campaign to it, through the graph as an advisor. */
export async function draftCampaign(
  world: MarketingWorld,
  tag: string,
  extra: Record<string, unknown> = {},
  body = TEMPLATE_BODY,
): Promise<{ campaignId: string; segmentId: string; templateId: string }> {
  const as = world.staff.as.advisor;
  const t = data(
    await as<{ createEmailTemplate: { id: string } }>(
      'mutation($i: CreateEmailTemplateInput!) { createEmailTemplate(input: $i) { id } }',
      {
        i: { name: `T ${tag}`, subject: 'Offers for {{ contact.firstName }}', preheader: 'Kyoto in spring', body },
      },
    ),
  ).createEmailTemplate;
  const s = data(
    await as<{ createSegment: { id: string } }>(
      'mutation($i: CreateSegmentInput!) { createSegment(input: $i) { id } }',
      {
        i: { name: `S ${tag}`, kind: 'DYNAMIC', criteria: { and: [{ field: 'tags', op: 'contains', value: tag }] } },
      },
    ),
  ).createSegment;
  const c = data(
    await as<{ createCampaign: { id: string } }>(
      'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }',
      {
        i: { name: `C ${tag}`, templateId: t.id, segmentIds: [s.id], ...extra },
      },
    ),
  ).createCampaign;
  return { campaignId: c.id, segmentId: s.id, templateId: t.id };
}

/** Polls until the audience projection has `count` members with this tag (the crm feed is asynchronous). */
export async function audienceHas(world: MarketingWorld, tag: string, count: number): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    const res = await world.staff.as.viewer<{ segmentCount: number }>(
      'query($c: JSON!) { segmentCount(criteria: $c) }',
      {
        c: { field: 'tags', op: 'contains', value: tag },
      },
    );
    if (data(res).segmentCount >= count) return;
    if (Date.now() > until) throw new Error(`audience has ${data(res).segmentCount} of ${count} for ${tag}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Polls a campaign until it reaches a status. */
export async function campaignReaches(world: MarketingWorld, id: string, status: string, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await world.staff.as.viewer<{
      campaign: {
        status: string;
        totalSent: number;
        totalFailed: number;
        totalSuppressed: number;
        totalRecipients: number;
      };
    }>('query($id: ID!) { campaign(id: $id) { status totalSent totalFailed totalSuppressed totalRecipients } }', {
      id,
    });
    const c = data(res).campaign;
    if (c.status === status) return c;
    if (Date.now() > until) throw new Error(`campaign is ${JSON.stringify(c)}, not ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
