import type { MarketingDeps } from '../context.ts';
import { batched } from './batch.ts';

/**
 * Sliding-window throttle over one second, in Redis (shared by every worker): at most
 * MARKETING_SEND_RATE (less during a warm-up ramp) campaign emails per second overall and
 * MARKETING_DOMAIN_RATE per receiving domain. Both windows are checked and taken in one atomic
 * script, for every send of the worker that asks in the same turn of the event loop (one round trip
 * for all of them); a send waits for a free slot rather than failing, so throttling never costs an
 * attempt.
 */
const WINDOW_MS = 1000;

/**
 * KEYS: the overall window, then each send's domain window. ARGV: now (ms), window (ms), domain
 * limit, then for each send its overall limit and a unique member. Sends are served in order; returns
 * for each 0 when a slot was taken in both windows, else how many ms to wait.
 */
const TAKE = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local domainLimit = tonumber(ARGV[3])
local waits = {}
local function trim(key)
  redis.call('ZREMRANGEBYSCORE', key, 0, now - window)
end
local function waitFor(key)
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  local wait = window
  if oldest[2] then wait = tonumber(oldest[2]) + window - now end
  if wait < 5 then wait = 5 end
  return wait
end
trim(KEYS[1])
for i = 2, #KEYS do
  local limit = tonumber(ARGV[2 + 2 * (i - 1)])
  local member = ARGV[3 + 2 * (i - 1)]
  trim(KEYS[i])
  if redis.call('ZCARD', KEYS[1]) >= limit then
    waits[i - 1] = waitFor(KEYS[1])
  elseif redis.call('ZCARD', KEYS[i]) >= domainLimit then
    waits[i - 1] = waitFor(KEYS[i])
  else
    redis.call('ZADD', KEYS[1], now, member)
    redis.call('ZADD', KEYS[i], now, member)
    redis.call('PEXPIRE', KEYS[i], window * 2)
    waits[i - 1] = 0
  end
end
redis.call('PEXPIRE', KEYS[1], window * 2)
return waits
`;

interface SlotRequest {
  domain: string;
  rate: number;
  member: string;
}

/** One batch of slot requests per process and Redis prefix. */
const takers = new WeakMap<MarketingDeps, (r: SlotRequest) => Promise<number>>();

function takerOf(deps: MarketingDeps) {
  let take = takers.get(deps);
  if (!take) {
    const prefix = `${deps.env.REDIS_PREFIX}:marketing:throttle`;
    take = batched(async (requests: SlotRequest[]) => {
      const waits = (await deps.redis.eval(TAKE, {
        keys: [`${prefix}:all`, ...requests.map((r) => `${prefix}:domain:${r.domain}`)],
        arguments: [
          String(Date.now()),
          String(WINDOW_MS),
          String(deps.env.MARKETING_DOMAIN_RATE),
          ...requests.flatMap((r) => [String(r.rate), r.member]),
        ],
      })) as unknown[];
      return requests.map((_, i) => Number(waits[i] ?? WINDOW_MS));
    });
    takers.set(deps, take);
  }
  return take;
}

/** `rate`: emails per second overall now (the configured rate, or less during a warm-up). */
export async function acquireSendSlot(deps: MarketingDeps, address: string, rate: number): Promise<void> {
  const domain = address.split('@')[1] ?? 'unknown';
  const member = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const take = takerOf(deps);
  for (;;) {
    const wait = await take({ domain, rate, member });
    if (wait === 0) return;
    await new Promise((r) => setTimeout(r, wait));
  }
}
