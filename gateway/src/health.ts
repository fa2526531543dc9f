import type { RedisClientType } from 'redis';
import { postgresAnswers } from '@nexus/platform';

/** PostgreSQL, Redis and every subgraph; any failure makes the whole answer 503 with what failed. */
export async function checkHealth(o: {
  databaseUrl: string;
  redis: RedisClientType;
  subgraphs: { name: string; url: string }[];
}): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const subgraphCheck = async (url: string) => {
    try {
      const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(3000) });
      return res.ok ? 'ok' : `unhealthy (${res.status})`;
    } catch {
      return 'unreachable';
    }
  };
  const entries = await Promise.all([
    postgresAnswers(o.databaseUrl, 3000).then((up) => ['database', up ? 'ok' : 'unreachable'] as const),
    o.redis
      .ping()
      .then(() => ['redis', 'ok'] as const)
      .catch(() => ['redis', 'unreachable'] as const),
    ...o.subgraphs.map(async (s) => [`subgraph:${s.name}`, await subgraphCheck(s.url)] as const),
  ]);
  const checks = Object.fromEntries(entries);
  return { ok: Object.values(checks).every((v) => v === 'ok'), checks };
}
