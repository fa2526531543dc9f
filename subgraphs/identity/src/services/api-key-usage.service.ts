import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { RATE_LIMIT_HEADER, apiKeyUsageKey, parseInput, type BaseContext } from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { ApiKeyUsage } from '../entities/index.ts';

/** The flush running in this process, so the keys of one list (resolved together) wait for one another. */
const flushing = new WeakMap<IdentityDeps, Promise<number>>();

/**
 * Moves the gateway's per-key, per-day counters from Redis into `api_key_usage`. Each hash is
 * renamed away first (atomic), so two flushes never count the same requests twice, and the gateway
 * keeps counting into a fresh hash meanwhile. Flushes in one process run one after another, so a
 * reader never looks at PostgreSQL while counts it should see are on their way there.
 */
export function flushApiKeyUsage(deps: IdentityDeps): Promise<number> {
  const next = (flushing.get(deps) ?? Promise.resolve(0)).catch(() => 0).then(() => flushOnce(deps));
  flushing.set(deps, next);
  return next;
}

async function flushOnce(deps: IdentityDeps): Promise<number> {
  const { redis, env } = deps;
  const pattern = apiKeyUsageKey(env.REDIS_PREFIX, '*', '*');
  const rows: { apiKeyId: string; day: string; requests: number; cost: number; errors: number }[] = [];
  for await (const batch of redis.scanIterator({ MATCH: pattern, COUNT: 200 })) {
    for (const key of Array.isArray(batch) ? batch : [batch]) {
      const m = /:api-key-usage:([0-9a-f-]{36}):(\d{4}-\d{2}-\d{2})$/.exec(key);
      if (!m?.[1] || !m[2]) continue;
      const moving = `${key}:flushing:${process.pid}:${Date.now()}`;
      try {
        await redis.rename(key, moving);
      } catch {
        continue; // flushed by someone else meanwhile
      }
      const counts = await redis.hGetAll(moving);
      await redis.del(moving);
      rows.push({
        apiKeyId: m[1],
        day: m[2],
        requests: Number(counts.requests ?? 0),
        cost: Number(counts.cost ?? 0),
        errors: Number(counts.errors ?? 0),
      });
    }
  }
  if (!rows.length) return 0;
  const em = deps.orm.em.fork();
  for (const row of rows) {
    await em.getConnection().execute(
      `insert into api_key_usage (api_key_id, day, requests, cost, errors) values (?, ?, ?, ?, ?)
         on conflict (api_key_id, day) do update set requests = api_key_usage.requests + excluded.requests,
           cost = api_key_usage.cost + excluded.cost, errors = api_key_usage.errors + excluded.errors`,
      [row.apiKeyId, row.day, row.requests, row.cost, row.errors],
    );
  }
  return rows.length;
}

const daysInput = z.number().int().min(1).max(90);

/** A key's usage per day, newest first, after folding in what the gateway counted so far. */
export async function apiKeyUsage(em: EntityManager, deps: IdentityDeps, apiKeyId: string, days: unknown) {
  const n = parseInput(daysInput, days ?? 7, 'days');
  await flushApiKeyUsage(deps);
  const since = new Date(Date.now() - (n - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await em.fork().find(ApiKeyUsage, { apiKeyId, day: { $gte: since } }, { orderBy: { day: 'DESC' } });
  return rows.map((r) => ({
    day: typeof r.day === 'string' ? r.day.slice(0, 10) : new Date(r.day).toISOString().slice(0, 10),
    requests: r.requests,
    cost: Number(r.cost),
    errors: r.errors,
  }));
}

const rateLimitState = z.object({
  limit: z.number().int(),
  cost: z.number().int(),
  remaining: z.number().int(),
  resetAt: z.string(),
  used: z.number().int(),
});

/** The caller's budget as the gateway measured it for this request; null when no gateway measured it. */
export function rateLimitOf(ctx: BaseContext) {
  const raw = ctx.http.header(RATE_LIMIT_HEADER);
  if (!raw) return null;
  try {
    const state = rateLimitState.parse(JSON.parse(raw));
    return { ...state, resetAt: new Date(state.resetAt) };
  } catch {
    return null;
  }
}
