import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sha256 } from '@nexus/platform';
import type { SalesDeps } from '../context.ts';

/**
 * A routing form's answers on their way to the booking page, kept server-side so that no personal
 * data rides in a URL (browser history, referrers, proxy logs): the form stores them in Redis under
 * the hash of a random token and redirects with only that token (`?h=`); the booking page reads
 * them back to prefill its fields. They last SALES_ROUTING_HANDOFF_MINUTES (by the subgraph's
 * clock, and Redis drops them soon after) and are removed once the visitor books.
 */
export interface Handoff {
  name: string;
  email: string;
  notes: string;
}

type HandoffDeps = Pick<SalesDeps, 'env' | 'redis' | 'clock'>;

const stored = z.object({ name: z.string(), email: z.string(), notes: z.string(), expiresAt: z.number() });
const TOKEN = /^[A-Za-z0-9_-]{32,64}$/;
const keyOf = (deps: HandoffDeps, token: string) => `${deps.env.REDIS_PREFIX}sales:handoff:${sha256(token)}`;

export async function createHandoff(deps: HandoffDeps, h: Handoff): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const ttlMs = deps.env.SALES_ROUTING_HANDOFF_MINUTES * 60_000;
  const value = JSON.stringify({ ...h, expiresAt: deps.clock().getTime() + ttlMs });
  // Redis keeps it a minute longer than it is valid, so the clock alone decides.
  await deps.redis.set(keyOf(deps, token), value, { PX: ttlMs + 60_000 });
  return token;
}

/** The answers behind a token, or null when it is unknown, malformed or past its time. */
export async function readHandoff(deps: HandoffDeps, token: unknown): Promise<Handoff | null> {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const raw = await deps.redis.get(keyOf(deps, token));
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = stored.safeParse(json);
  if (!parsed.success || parsed.data.expiresAt <= deps.clock().getTime()) return null;
  const { expiresAt: _expires, ...h } = parsed.data;
  return h;
}

export async function dropHandoff(deps: HandoffDeps, token: unknown) {
  if (typeof token === 'string' && TOKEN.test(token)) await deps.redis.del(keyOf(deps, token));
}
