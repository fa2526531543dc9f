/**
 * HTTP core of the TT-API client: one place for timeout, retry, circuit breaking, response
 * validation, error mapping and call logging.
 *
 * Plain `fetch` rather than RESTDataSource: RESTDataSource parses bodies itself (a non-JSON body
 * labelled JSON throws a SyntaxError before we can classify it), throws its own error types for
 * 4xx/5xx, and adds an HTTP cache and memoization whose lifetimes we would have to disable or
 * override one hook at a time. The per-attempt timeout, idempotent-only retry and breaker below
 * must see each attempt, which fetch gives us directly.
 */
import {
  ExponentialBackoff, TaskCancelledError, TimeoutStrategy, handleWhen, noJitterGenerator, retry, timeout,
} from 'cockatiel';
import type { z } from 'zod';
import {
  ErrorCode, NexusError, badInput, conflict, notFound, rateLimited, upstreamUnavailable,
} from '../../../../platform/src/errors.ts';
import type { FieldProblem } from '../../../../platform/src/errors.ts';
import { BrokenCircuitError, CircuitBreaker } from './circuit-breaker.ts';
import type { BreakerPermit, Clock } from './circuit-breaker.ts';
import type { TtApiClientConfig, TtApiLogger } from './client-config.ts';
import { TT_API_KEY_HEADER, errorEnvelopeSchema } from './contract.ts';

export const TT_API_SERVICE = 'TT-API';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

export type QueryValue = string | number | boolean | null | undefined;

export interface TtRequest<T> {
  method: HttpMethod;
  /** Path below the base URL, e.g. `/api/bookings/…`; ids are URL-encoded by the caller. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Validates the 2xx body; a mismatch is an UPSTREAM_UNAVAILABLE, never a wrong value. */
  schema: z.ZodType<T>;
  /** Names the resource in NOT_FOUND messages. */
  notFound?: { what: string; id?: string };
  /** Health probes: no breaker (they must work while it is open) and no retry. */
  probe?: boolean;
  /** Non-2xx statuses whose body is still a valid answer for `schema` (e.g. 503 from /health). */
  acceptStatuses?: readonly number[];
}

/** An attempt that failed in a way worth retrying (network, timeout, 5xx). Never leaves this module. */
class TransientFailure extends Error {
  readonly publicMessage: string;
  constructor(publicMessage: string, cause?: unknown) {
    super(publicMessage, { cause });
    this.name = 'TransientFailure';
    this.publicMessage = publicMessage;
  }
}

export interface TransportDeps {
  logger: TtApiLogger;
  /** Shared across every per-request view; created from the config when absent. */
  breaker?: CircuitBreaker;
  clock?: Clock;
  fetch?: typeof fetch;
}

export function buildUrl(baseUrl: string, path: string, query?: Readonly<Record<string, QueryValue>>): URL {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    url.searchParams.set(key, String(value));
  }
  return url;
}

export class TtTransport {
  readonly config: TtApiClientConfig;
  readonly breaker: CircuitBreaker;
  readonly #logger: TtApiLogger;
  readonly #fetch: typeof fetch;

  constructor(config: TtApiClientConfig, deps: TransportDeps) {
    this.config = config;
    this.#logger = deps.logger;
    this.#fetch = deps.fetch ?? globalThis.fetch;
    this.breaker = deps.breaker ?? new CircuitBreaker(TT_API_SERVICE, config.breaker, deps.clock);
  }

  async request<T>(req: TtRequest<T>, headers: Readonly<Record<string, string>> = {}): Promise<T> {
    const url = buildUrl(this.config.baseUrl, req.path, req.query);
    const attempt = (attemptNo: number) => this.#attempt(req, url, headers, attemptNo);
    try {
      if (req.probe || !IDEMPOTENT.has(req.method) || this.config.retryCount === 0) {
        return await attempt(0);
      }
      const policy = retry(handleWhen((e) => e instanceof TransientFailure), {
        maxAttempts: this.config.retryCount,
        backoff: new ExponentialBackoff({
          initialDelay: this.config.retryBaseMs,
          maxDelay: Math.max(this.config.retryBaseMs, 60_000),
          generator: noJitterGenerator,
        }),
      });
      policy.onRetry((e) => {
        this.#logger.warn(
          { upstream: TT_API_SERVICE, method: req.method, path: url.pathname, retryInMs: e.delay, retry: e.attempt },
          'tt-api call retrying',
        );
      });
      return await policy.execute(({ attempt: n }) => attempt(n));
    } catch (e) {
      if (e instanceof TransientFailure) throw upstreamUnavailable(TT_API_SERVICE, e.publicMessage);
      if (e instanceof BrokenCircuitError) throw upstreamUnavailable(TT_API_SERVICE, e.message);
      if (e instanceof NexusError) throw e;
      this.#logger.error({ upstream: TT_API_SERVICE, method: req.method, path: url.pathname, err: e }, 'tt-api client bug');
      throw upstreamUnavailable(TT_API_SERVICE, 'TT-API call failed unexpectedly.');
    }
  }

  async #attempt<T>(
    req: TtRequest<T>,
    url: URL,
    headers: Readonly<Record<string, string>>,
    attemptNo: number,
  ): Promise<T> {
    const permit: BreakerPermit | null = req.probe ? null : this.breaker.acquire();
    const settle = (outcome: 'success' | 'failure') => {
      if (permit === null) return;
      if (outcome === 'success') this.breaker.success(permit);
      else this.breaker.failure(permit);
    };
    const started = performance.now();
    const logBase = { upstream: TT_API_SERVICE, method: req.method, path: url.pathname, attempt: attemptNo };
    const elapsed = () => Math.round(performance.now() - started);

    let status: number;
    let text: string;
    let contentType: string;
    try {
      const policy = timeout(this.config.timeoutMs, TimeoutStrategy.Aggressive);
      ({ status, text, contentType } = await policy.execute(async ({ signal }) => {
        const res = await this.#fetch(url, {
          method: req.method,
          signal,
          headers: {
            accept: 'application/json',
            [TT_API_KEY_HEADER]: this.config.apiKey,
            ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
        });
        return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
      }));
    } catch (e) {
      settle('failure');
      const timedOut = e instanceof TaskCancelledError;
      const message = timedOut
        ? `TT-API did not answer within ${this.config.timeoutMs} ms.`
        : 'TT-API could not be reached.';
      this.#logger.warn({ ...logBase, status: null, ms: elapsed(), err: describe(e) }, `tt-api call failed: ${message}`);
      throw new TransientFailure(message, e);
    }

    const ms = elapsed();
    const ok = (status >= 200 && status < 300) || (req.acceptStatuses?.includes(status) ?? false);

    if (status >= 500 && !ok) {
      settle('failure');
      this.#logger.warn({ ...logBase, status, ms, body: text.slice(0, 500) }, 'tt-api call');
      throw new TransientFailure(`TT-API answered HTTP ${status}.`);
    }

    const body = parseJson(text, contentType);

    if (ok) {
      if (status === 204) {
        settle('success');
        this.#logger.info({ ...logBase, status, ms }, 'tt-api call');
        const parsedEmpty = req.schema.safeParse(undefined);
        if (parsedEmpty.success) return parsedEmpty.data;
      }
      const parsed = body.ok ? req.schema.safeParse(body.value) : null;
      if (parsed?.success) {
        settle('success');
        this.#logger.info({ ...logBase, status, ms }, 'tt-api call');
        return parsed.data;
      }
      // A malformed answer is an upstream fault (counted by the breaker) but not retried: the
      // same request would most likely get the same answer.
      settle('failure');
      this.#logger.error(
        {
          ...logBase,
          status,
          ms,
          contentType,
          problem: body.ok ? 'wrong shape' : 'not JSON',
          issues: parsed ? parsed.error.issues.slice(0, 10) : undefined,
          body: text.slice(0, 500),
        },
        'tt-api answered a malformed body',
      );
      throw upstreamUnavailable(TT_API_SERVICE, 'TT-API answered with a malformed response.');
    }

    // 4xx: the upstream is healthy and refused our request, so the breaker records a success.
    settle('success');
    const envelope = body.ok ? errorEnvelopeSchema.safeParse(body.value) : null;
    const upstream = envelope?.success ? envelope.data.error : null;
    this.#logger.info(
      { ...logBase, status, ms, code: upstream?.code, upstreamRequestId: upstream?.requestId },
      'tt-api call',
    );
    if (upstream === null) {
      this.#logger.error({ ...logBase, status, body: text.slice(0, 500) }, 'tt-api answered a malformed error body');
      throw upstreamUnavailable(TT_API_SERVICE, `TT-API answered HTTP ${status} with a malformed error.`);
    }
    switch (status) {
      case 400:
        throw badInput(upstream.message, fieldProblems(upstream.details));
      case 404:
        throw req.notFound
          ? notFound(req.notFound.what, req.notFound.id)
          : new NexusError(ErrorCode.NOT_FOUND, upstream.message);
      case 409:
        throw conflict(upstream.message);
      case 429:
        throw rateLimited(upstream.retryAfterMs ?? 1000);
      case 401:
      case 403:
        // Our key is missing or wrong: a configuration fault on our side, not the caller's.
        this.#logger.error({ ...logBase, status, code: upstream.code }, 'TT-API refused our API key');
        throw upstreamUnavailable(TT_API_SERVICE, 'TT-API refused our credentials.');
      default:
        throw upstreamUnavailable(TT_API_SERVICE, `TT-API answered HTTP ${status}: ${upstream.message}`);
    }
  }
}

function parseJson(text: string, contentType: string): { ok: true; value: unknown } | { ok: false } {
  if (!/\bjson\b/i.test(contentType)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fieldProblems(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  const out: FieldProblem[] = [];
  for (const d of details) {
    if (d === null || typeof d !== 'object') continue;
    const path: unknown = 'path' in d ? d.path : undefined;
    const message: unknown = 'message' in d ? d.message : undefined;
    out.push({
      path: Array.isArray(path) ? path.map(String).join('.') : '',
      message: typeof message === 'string' ? message : 'Invalid value',
    });
  }
  return out;
}

function describe(e: unknown): { name: string; message: string; cause?: string } {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? `${e.cause.name}: ${e.cause.message}` : undefined;
    return cause === undefined ? { name: e.name, message: e.message } : { name: e.name, message: e.message, cause };
  }
  return { name: 'unknown', message: String(e) };
}
