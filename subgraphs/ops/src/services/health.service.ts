/**
 * System health: the gateway and through it every subgraph, PostgreSQL and Redis; the worker (bull
 * sees its connections); the TT-API breaker (travel's `integrationHealth`, read through the graph);
 * SMTP (a TCP connect to `SMTP_URL`); queue depths. Each check that differs from the last recorded
 * status is stored as a change and announced on `serviceHealthChanged`.
 */
import net from 'node:net';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SERVICES, findConnection, publishSafely, runAs, type ConnectionArgs } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import { announceHealthChange } from '../slack/jobs.ts';
import { HealthChange, type HealthStatus } from '../entities/index.ts';
import { QUEUE_NAMES, queueStatus } from './queues.service.ts';

export interface ComponentHealth {
  component: string;
  status: HealthStatus;
  detail: string | null;
}

/** More than this many jobs waiting in one queue is a backlog: the queue is DEGRADED. */
const BACKLOG = 1000;

async function gatewayChecks(gatewayGraphqlUrl: string): Promise<ComponentHealth[]> {
  const url = new URL('/health', gatewayGraphqlUrl);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(4000) });
    const body = (await res.json()) as { checks?: Record<string, string> };
    const checks = Object.entries(body.checks ?? {}).map(([name, v]) => ({
      component: name === 'database' ? 'postgresql' : name,
      status: (v === 'ok' ? 'UP' : 'DOWN') as HealthStatus,
      detail: v === 'ok' ? null : v,
    }));
    return [{ component: 'gateway', status: 'UP', detail: null }, ...checks];
  } catch {
    return [{ component: 'gateway', status: 'DOWN', detail: 'unreachable' }];
  }
}

const tcpAnswers = (host: string, port: number, timeoutMs = 2000) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });

async function smtpCheck(smtpUrl: string | undefined): Promise<ComponentHealth> {
  if (!smtpUrl)
    return { component: 'smtp', status: 'NOT_CONFIGURED', detail: 'SMTP_URL is unset: mail is logged, not sent' };
  const u = new URL(smtpUrl);
  const port = Number(u.port) || (u.protocol === 'smtps:' ? 465 : 587);
  return (await tcpAnswers(u.hostname, port))
    ? { component: 'smtp', status: 'UP', detail: null }
    : { component: 'smtp', status: 'DOWN', detail: `${u.hostname}:${port} does not answer` };
}

async function ttApiCheck(deps: OpsDeps): Promise<ComponentHealth> {
  const outcome = await runAs(
    deps.graph,
    SERVICES.opsAutomation,
    { query: '{ integrationHealth { state probe { ok } } }' },
    'system-health',
  ).catch(() => null);
  if (!outcome?.ok) return { component: 'tt-api', status: 'DOWN', detail: 'travel did not answer' };
  const h = outcome.data.integrationHealth as { state: string; probe: { ok: boolean } };
  if (h.state === 'OPEN') return { component: 'tt-api', status: 'DOWN', detail: 'circuit breaker open' };
  if (h.state === 'HALF_OPEN' || !h.probe.ok)
    return {
      component: 'tt-api',
      status: 'DEGRADED',
      detail: h.state === 'HALF_OPEN' ? 'circuit breaker half-open' : 'health probe failed',
    };
  return { component: 'tt-api', status: 'UP', detail: null };
}

async function queueChecks(deps: OpsDeps): Promise<ComponentHealth[]> {
  try {
    const statuses = await Promise.all(QUEUE_NAMES.map((n) => queueStatus(deps.queues, n)));
    const workers = await Promise.all(
      QUEUE_NAMES.map((n) =>
        deps.queues
          .queue(n)
          .getWorkers()
          .catch(() => []),
      ),
    );
    const worker: ComponentHealth = workers.some((w) => w.length > 0)
      ? { component: 'worker', status: 'UP', detail: null }
      : { component: 'worker', status: 'DOWN', detail: 'no worker is connected to any queue' };
    return [
      worker,
      ...statuses.map((s): ComponentHealth => ({
        component: `queue:${s.name}`,
        status: s.paused ? 'DEGRADED' : s.waiting > BACKLOG ? 'DEGRADED' : 'UP',
        detail: `${s.waiting} waiting, ${s.active} active, ${s.delayed} delayed, ${s.failed} failed${s.paused ? ', paused' : ''}`,
      })),
    ];
  } catch {
    return [{ component: 'worker', status: 'DOWN', detail: 'queues could not be read (Redis)' }];
  }
}

/** Queue depths change constantly; only their status counts as a change. */
const sameStatus = (a: HealthChange | undefined, b: ComponentHealth) => a !== undefined && a.status === b.status;

/** Runs every check, records and announces what changed, and returns the current picture. */
export async function checkSystem(deps: OpsDeps): Promise<{ checkedAt: Date; components: ComponentHealth[] }> {
  const [gateway, tt, smtp, queues] = await Promise.all([
    gatewayChecks(deps.env.GATEWAY_URL),
    ttApiCheck(deps),
    smtpCheck(deps.env.SMTP_URL),
    queueChecks(deps),
  ]);
  const components = [...gateway, tt, smtp, ...queues];
  const now = deps.clock();
  const em = deps.orm.em.fork();
  const latest = await em.execute<{ id: string; component: string; status: HealthStatus }[]>(
    `select distinct on ("component") "id", "component", "status" from "health_change" order by "component", "at" desc, "id" desc`,
  );
  const last = new Map(latest.map((r) => [r.component, r as unknown as HealthChange]));
  const changes = components
    .filter((c) => !sameStatus(last.get(c.component), c))
    .map((c) =>
      em.create(HealthChange, {
        component: c.component,
        status: c.status,
        previousStatus: last.get(c.component)?.status ?? null,
        detail: c.detail?.slice(0, 500) ?? null,
        at: now,
      }),
    );
  if (changes.length) await em.flush();
  for (const c of changes) await publishSafely(deps.bus, 'serviceHealthChanged', { id: c.id }, deps.log);
  // #monitoring in Slack hears of changes (debounced there); a first check that finds a part up is no news.
  for (const c of changes.filter((x) => x.previousStatus !== null || (x.status !== 'UP' && x.status !== 'NOT_CONFIGURED'))) {
    await announceHealthChange(deps, c.component, c.status, c.detail ?? undefined).catch((err: unknown) =>
      deps.log.warn({ err, component: c.component }, 'health change not queued for Slack'),
    );
  }
  return { checkedAt: now, components };
}

export const overall = (components: ComponentHealth[]): HealthStatus =>
  components.some((c) => c.status === 'DOWN')
    ? 'DOWN'
    : components.some((c) => c.status === 'DEGRADED')
      ? 'DEGRADED'
      : 'UP';

export function listHealthChanges(
  em: EntityManager,
  args: ConnectionArgs & { filter?: { component?: string | null; search?: string | null } | null },
) {
  const component = args.filter?.component?.trim().slice(0, 80);
  const search = args.filter?.search?.trim().slice(0, 80);
  const where = {
    ...(component ? { component } : {}),
    ...(search && !component ? { component: { $ilike: `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}),
  };
  return findConnection(em, HealthChange, where, args, [{ at: 'desc' }, { id: 'desc' }]);
}
