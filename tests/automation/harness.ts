import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { QUEUES, startWorkerHost, type WorkerModule } from '@nexus/platform';
import { workerModules } from '../../scripts/worker-modules.ts';
import { SUBGRAPHS } from '../../subgraphs/registry.ts';
import type { MarketingDeps } from '../../subgraphs/marketing/src/context.ts';
import { marketingManifest } from '../../subgraphs/marketing/src/manifest.ts';
import { startMarketingWorld, type MarketingWorld } from '../marketing/harness.ts';

export const WEBHOOK_SECRET = 'automation-webhook-0123456789-abcdefghijklmnop';
export const INBOUND_SECRET = 'automation-inbound-0123456789-abcdefghijklmnop';

/**
 * The automation world for a test file: the marketing world (whole system, real SMTP catcher), a
 * worker for identity and crm from their manifests, and marketing's worker built on deps whose
 * clock the test holds, so waits and send windows are crossed by moving `clock.now`, not by sleeping.
 * A second loopback address (127.0.0.2) is allow-listed for webhook steps; 127.0.0.1 is not.
 */
export interface AutomationWorld extends MarketingWorld {
  deps: MarketingDeps;
  /** The marketing worker's clock: the real time while `now` is null. */
  clock: { now: Date | null };
  /** Starts identity's, crm's and marketing's workers (marketing on the held clock). */
  startWorkers(): Promise<{ stop(): Promise<void> }>;
  /** A webhook receiver on 127.0.0.2 that records what it gets. */
  receiver: { url: string; received: { headers: http.IncomingHttpHeaders; body: string }[] };
}

export async function startAutomationWorld(
  o: { web?: boolean; env?: Record<string, string> } = {},
): Promise<AutomationWorld> {
  const world = await startMarketingWorld(
    {
      AUTOMATION_WEBHOOK_SECRET: WEBHOOK_SECRET,
      AUTOMATION_WEBHOOK_ALLOWED_HOSTS: '127.0.0.2',
      AUTOMATION_WEBHOOK_ALLOW_HTTP: 'true',
      AUTOMATION_INBOUND_SECRET: INBOUND_SECRET,
      AUTOMATION_REPLY_DOMAIN: 'reply.traveltamers.test',
      ...o.env,
    },
    { web: o.web },
  );
  const deps = await world.openDeps();
  const clock: { now: Date | null } = { now: null };
  deps.now = () => clock.now ?? new Date();
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
  const hosts: { stop(): Promise<void> }[] = [];
  return {
    ...world,
    deps,
    clock,
    receiver: { url: `http://127.0.0.2:${(server.address() as AddressInfo).port}/hook`, received },
    async startWorkers() {
      const others = await workerModules(
        world.log,
        world.system.iso.vars,
        SUBGRAPHS.filter((s) => s.name === 'identity' || s.name === 'crm'),
      );
      const part = await marketingManifest.worker?.(deps, world.log);
      if (!part) throw new Error('marketing has no worker');
      const marketing: WorkerModule = { name: 'marketing', orm: deps.orm, ...part, close: async () => undefined };
      const host = await startWorkerHost([...others, marketing], {
        redisUrl: world.system.iso.vars.REDIS_URL ?? '',
        prefix: world.system.iso.redisPrefix,
        log: world.log,
        extraQueues: Object.values(QUEUES),
        relayIntervalMs: 50,
      });
      let stopped = false;
      const handle = {
        stop: async () => {
          if (stopped) return;
          stopped = true;
          await host.stop();
        },
      };
      hosts.push(handle);
      return handle;
    },
    async close() {
      for (const h of hosts) await h.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
}
