import type { MarketingDeps } from '../context.ts';

/**
 * Sliding-window throttle over one second, in Redis (shared by every worker): at most
 * MARKETING_SEND_RATE (less during a warm-up ramp) campaign emails per second overall and MARKETING_DOMAIN_RATE per receiving
 * domain. A send waits for a free slot rather than failing, so throttling never costs an attempt.
 */
const WINDOW_MS = 1000;

async function take(deps: MarketingDeps, key: string, limit: number): Promise<number> {
  const now = Date.now();
  const member = `${now}-${Math.random().toString(36).slice(2)}`;
  const results = await deps.redis
    .multi()
    .zRemRangeByScore(key, 0, now - WINDOW_MS)
    .zAdd(key, { score: now, value: member })
    .zCard(key)
    .pExpire(key, WINDOW_MS * 2)
    .exec();
  const count = Number(results[2]);
  if (count <= limit) return 0;
  await deps.redis.zRem(key, member);
  const oldest = await deps.redis.zRangeWithScores(key, 0, 0);
  return Math.max(5, (oldest[0]?.score ?? now) + WINDOW_MS - now);
}

/** `rate`: emails per second overall now (the configured rate, or less during a warm-up). */
export async function acquireSendSlot(deps: MarketingDeps, address: string, rate: number): Promise<void> {
  const domain = address.split('@')[1] ?? 'unknown';
  const prefix = `${deps.env.REDIS_PREFIX}:marketing:throttle`;
  for (;;) {
    const waitAll = await take(deps, `${prefix}:all`, rate);
    if (waitAll === 0) {
      const waitDomain = await take(deps, `${prefix}:domain:${domain}`, deps.env.MARKETING_DOMAIN_RATE);
      if (waitDomain === 0) return;
      await new Promise((r) => setTimeout(r, waitDomain));
    } else {
      await new Promise((r) => setTimeout(r, waitAll));
    }
  }
}
