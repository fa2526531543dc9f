import type { RedisClientType } from 'redis';
import { postgresAnswers } from '@nexus/platform';

/**
 * PostgreSQL, Redis and every subgraph replica. The gateway can serve (`ok`, HTTP 200) while the
 * database, Redis and at least one replica of every subgraph answer; a replica down beside one that
 * answers makes the status `degraded` (still 200: requests go to the others), and anything else
 * makes it `down` (503). Each check is listed: `subgraph:crm`, then `subgraph:crm#2` for a second
 * replica.
 */
export async function checkHealth(o: {
  databaseUrl: string;
  redis: RedisClientType;
  subgraphs: { name: string; urls: readonly string[] }[];
}): Promise<{ ok: boolean; status: 'ok' | 'degraded' | 'down'; checks: Record<string, string> }> {
  const subgraphCheck = async (url: string) => {
    try {
      const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(3000) });
      return res.ok ? 'ok' : `unhealthy (${res.status})`;
    } catch {
      return 'unreachable';
    }
  };
  const replicas = o.subgraphs.flatMap((s) =>
    s.urls.map((url, k) => ({ subgraph: s.name, name: k === 0 ? s.name : `${s.name}#${k + 1}`, url })),
  );
  const [database, redis, ...answers] = await Promise.all([
    postgresAnswers(o.databaseUrl, 3000).then((up) => (up ? 'ok' : 'unreachable')),
    o.redis
      .ping()
      .then(() => 'ok')
      .catch(() => 'unreachable'),
    ...replicas.map((r) => subgraphCheck(r.url)),
  ]);
  const checks: Record<string, string> = { database: database ?? 'unreachable', redis: redis ?? 'unreachable' };
  replicas.forEach((r, i) => (checks[`subgraph:${r.name}`] = answers[i] ?? 'unreachable'));
  const serving =
    database === 'ok' &&
    redis === 'ok' &&
    o.subgraphs.every((s) => replicas.some((r, i) => r.subgraph === s.name && answers[i] === 'ok'));
  const status = !serving ? 'down' : Object.values(checks).every((v) => v === 'ok') ? 'ok' : 'degraded';
  return { ok: serving, status, checks };
}
