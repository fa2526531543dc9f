import { createHash } from 'node:crypto';
import { verifySlackRequest } from '@slack/bolt/dist/receivers/verify-request.js';
import type { RedisClientType } from 'redis';

/**
 * Slack's request signing (v0): `X-Slack-Signature` is `v0=` + hex HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>` with the app's signing secret. The HMAC and its
 * constant-time comparison are Bolt's (`verifySlackRequest`); this module adds what Bolt leaves to
 * the receiver: a timestamp from the future is refused as well as a stale one, and a request already
 * seen inside the five-minute window is refused as a replay.
 */

/** How far a request's timestamp may be from now, either way (Slack's own recommendation). */
export const SLACK_WINDOW_SECONDS = 5 * 60;

export type SlackVerdict =
  { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'stale' | 'future' | 'signature' | 'replay' };

export interface SignedRequest {
  /** The exact bytes Slack sent. */
  body: Buffer | string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** Checks one request's signature and timestamp at `nowMs` (the clock is the caller's, so tests pin it). */
export function verifySlackSignature(secret: string, req: SignedRequest, nowMs: number): SlackVerdict {
  const signature = req.signature ?? '';
  const raw = req.timestamp ?? '';
  if (!signature || !/^\d{1,12}$/.test(raw)) return { ok: false, reason: 'missing' };
  const timestamp = Number(raw);
  const nowSeconds = Math.floor(nowMs / 1000);
  if (timestamp < nowSeconds - SLACK_WINDOW_SECONDS) return { ok: false, reason: 'stale' };
  if (timestamp > nowSeconds + SLACK_WINDOW_SECONDS) return { ok: false, reason: 'future' };
  try {
    verifySlackRequest({
      signingSecret: secret,
      body: typeof req.body === 'string' ? req.body : req.body.toString('utf8'),
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
      nowMilliseconds: nowMs,
    });
  } catch {
    return { ok: false, reason: 'signature' };
  }
  return { ok: true, timestamp };
}

/** Signs a body the way Slack does (the local stand-ins in tests and the README's curl example use it). */
export { signSlackBody } from './sign.ts';

/**
 * Verifies a request and remembers its signature for the rest of the window, so the same signed
 * request presented again (a captured request replayed) is refused. Slack's own retries carry a
 * fresh timestamp and signature; they pass here and are deduplicated by `event_id` in the ledger.
 */
export async function verifySlackRequestOnce(
  redis: RedisClientType,
  prefix: string,
  secret: string,
  req: SignedRequest,
  nowMs: number,
): Promise<SlackVerdict> {
  const verdict = verifySlackSignature(secret, req, nowMs);
  if (!verdict.ok) return verdict;
  const key = `${prefix}:slack:seen:${createHash('sha256')
    .update(req.signature ?? '')
    .digest('hex')}`;
  // Kept a little past the window: after that the timestamp check refuses the request anyway.
  const fresh = await redis.set(key, '1', { NX: true, EX: SLACK_WINDOW_SECONDS * 2 + 60 });
  return fresh ? verdict : { ok: false, reason: 'replay' };
}
