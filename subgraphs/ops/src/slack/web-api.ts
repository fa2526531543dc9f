import { WebClient, ErrorCode, LogLevel, type Logger as SlackLogger } from '@slack/web-api';
import { RetryAfterError, type Logger } from '@nexus/platform';

/**
 * Slack's Web API through Slack's own client, single-shot: its retries are off and rate-limited
 * calls are rejected, because the queue owns retries (a 429 becomes a `RetryAfterError`, which the
 * slack queue's backoff waits out). The base URL is configurable, so tests talk to a local receiver.
 */

/** Answers that no retry will change: the job stops and the ledger says why. */
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'not_authed',
  'msg_too_long',
  'no_text',
  'user_not_found',
  'missing_scope',
]);

export class SlackPermanentError extends Error {
  readonly slackError: string;
  constructor(slackError: string) {
    super(`Slack refused: ${slackError}`);
    this.name = 'SlackPermanentError';
    this.slackError = slackError;
  }
}

export interface SlackApi {
  /** Whether a bot token is configured; without one nothing is sent (posts are only logged). */
  readonly configured: boolean;
  postMessage(m: { channel: string; text: string; blocks?: unknown[] }): Promise<{ channel: string; ts: string }>;
  /** A Slack user's profile email (`users.info`, scope `users:read.email`), null when it has none. */
  userEmail(userId: string): Promise<string | null>;
}

const quietLogger = (log: Logger): SlackLogger => ({
  debug: () => undefined,
  info: () => undefined,
  warn: (...msg: unknown[]) => log.warn({ slack: msg.map(String).join(' ') }, 'slack web api'),
  error: (...msg: unknown[]) => log.error({ slack: msg.map(String).join(' ') }, 'slack web api'),
  setLevel: () => undefined,
  getLevel: () => LogLevel.WARN,
  setName: () => undefined,
});

/** Turns the client's errors into the two the job distinguishes (try later; never retry). */
function classify(e: unknown): Error {
  const err = e as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number };
  if (err.code === ErrorCode.RateLimitedError)
    return new RetryAfterError('Slack rate-limited the call', Math.max(0, err.retryAfter ?? 1) * 1000);
  if (err.code === ErrorCode.PlatformError && err.data?.error) {
    if (err.data.error === 'ratelimited') return new RetryAfterError('Slack rate-limited the call', 1000);
    if (PERMANENT_SLACK_ERRORS.has(err.data.error)) return new SlackPermanentError(err.data.error);
    return new Error(`Slack answered ${err.data.error}`);
  }
  if (err.code === ErrorCode.HTTPError) return new Error(`Slack answered HTTP ${err.statusCode ?? '?'}`);
  return e instanceof Error ? e : new Error(String(e));
}

export function createSlackApi(o: {
  token: string | undefined;
  apiUrl: string;
  log: Logger;
  timeoutMs?: number;
}): SlackApi {
  const base = o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`;
  const client = new WebClient(o.token, {
    slackApiUrl: base,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    allowAbsoluteUrls: false,
    timeout: o.timeoutMs ?? 10_000,
    logger: quietLogger(o.log),
  });
  return {
    configured: !!o.token,
    async postMessage(m) {
      try {
        const r = await client.chat.postMessage({
          channel: m.channel,
          text: m.text,
          ...(m.blocks ? { blocks: m.blocks as never } : {}),
          unfurl_links: false,
        });
        return { channel: r.channel ?? m.channel, ts: r.ts ?? '' };
      } catch (e) {
        throw classify(e);
      }
    },
    async userEmail(userId) {
      try {
        const r = await client.users.info({ user: userId });
        return r.user?.profile?.email?.toLowerCase() ?? null;
      } catch (e) {
        const c = classify(e);
        if (c instanceof SlackPermanentError && c.slackError === 'user_not_found') return null;
        throw c;
      }
    },
  };
}
