/**
 * The simulator's Hono app: TT-API's middleware order (request id, logging, auth), fault
 * injection, the `/__sim/*` steering routes, and the resources.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import { TT_API_KEY_HEADER, TT_REQUEST_ID_HEADER, ttResponses, ttRoutes } from '../src/tt-api/contract.ts';
import { json, respond } from './crud.ts';
import type { SimCtx, SimEnv, SimLogger } from './crud.ts';
import type { SimDb } from './db.ts';
import { demoLinks } from './demo-data.ts';
import { SimHttpError, envelope, issuesOf, validationError } from './http-errors.ts';
import { mountResources } from './resources.ts';
import { simFaultsPatchSchema } from './steering.ts';
import type { Steering } from './steering.ts';

import { supplierStatement } from './supplier-statement.ts';

export const SIM_PREFIX = '/__sim';
const RATE_LIMIT_RETRY_MS = 30_000;

export const outageRequestSchema = z
  .object({
    /** refuse: stop listening (connection refused); reset: keep listening, destroy each socket. */
    mode: z.enum(['refuse', 'reset']).default('refuse'),
    /** Ends the outage by itself; required for `refuse`, which no HTTP call can end. */
    durationMs: z.int().min(1).max(600_000).optional(),
  })
  .refine((o) => o.mode === 'reset' || o.durationMs !== undefined, {
    message: 'A refuse outage needs durationMs: the control routes are unreachable while it lasts',
    path: ['durationMs'],
  });
export type OutageRequest = z.output<typeof outageRequestSchema>;

export interface SimAppDeps {
  db(): SimDb;
  steering: Steering;
  /** Accepted API keys; an empty list lets every request through (TT-API's dev mode). */
  apiKeys: readonly string[];
  logger: SimLogger;
  control: {
    /** Starts an outage once the current response has been sent. */
    outage(request: OutageRequest, afterResponse: Promise<void>): void;
    restore(): Promise<void>;
    reset(options: { data: boolean }): Promise<void>;
  };
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createSimulatorApp(deps: SimAppDeps): Hono<SimEnv> {
  const app = new Hono<SimEnv>();
  const ctx: SimCtx = { db: deps.db, logger: deps.logger };
  const { steering } = deps;
  const keyDigests = deps.apiKeys.map(digest);
  let requestSeq = 0;
  let warnedOpen = false;

  // Request id, then logging, like TT-API.
  app.use('*', async (c, next) => {
    const requestId = c.req.header(TT_REQUEST_ID_HEADER) ?? `req_${(++requestSeq).toString(36).padStart(6, '0')}`;
    c.set('requestId', requestId);
    const started = performance.now();
    await next();
    c.res.headers.set('X-Request-Id', requestId);
    if (!c.req.path.startsWith(SIM_PREFIX)) {
      deps.logger.debug(
        { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started), requestId },
        'tt-api-sim request',
      );
    }
  });

  // Counting and fault injection, on everything but the steering routes.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith(SIM_PREFIX)) return next();
    steering.record(c.req.method, path, Date.now());
    if (!steering.applies(path)) return next();
    // Every decision is taken on arrival: a request still sleeping when a test changes or
    // resets the faults must not consume the next test's injected failures.
    const delay = steering.latency();
    const injected = steering.injectedError();
    const malformed = injected === null ? steering.malformed() : 'none';
    if (delay > 0) await sleep(delay);
    if (injected === 429) {
      const err = new SimHttpError('RATE_LIMITED', 'Too many requests', null, { retryAfterMs: RATE_LIMIT_RETRY_MS });
      return json(envelope(err, c.get('requestId')), 429, { 'Retry-After': String(RATE_LIMIT_RETRY_MS / 1000) });
    }
    if (injected !== null) {
      const code = injected === 502 ? 'EXTERNAL_SERVICE_ERROR' : 'INTERNAL_ERROR';
      const err = new SimHttpError(code, `Injected failure (HTTP ${injected})`, null, { status: injected });
      return json(envelope(err, c.get('requestId')), injected);
    }
    await next();
    if (c.res.status < 200 || c.res.status >= 300) return;
    if (malformed === 'wrong-shape') {
      c.res = json({ ok: true, items: 'not-a-list', data: { unexpected: 42 } }, c.res.status);
    } else if (malformed === 'non-json') {
      c.res = new Response('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>', {
        status: c.res.status,
        headers: { 'content-type': 'application/json; charset=utf-8' },
      });
    }
  });

  // API key on /api/*: X-API-Key or Authorization: Bearer, compared in constant time.
  app.use('/api/*', async (c, next) => {
    if (keyDigests.length === 0) {
      if (!warnedOpen) deps.logger.warn({}, 'tt-api-sim: no API keys configured; letting every request through');
      warnedOpen = true;
      return next();
    }
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1];
    const provided = c.req.header(TT_API_KEY_HEADER) ?? bearer;
    if (provided === undefined || provided === '') throw new SimHttpError('UNAUTHORIZED', 'API key is required');
    const d = digest(provided);
    let ok = false;
    for (const k of keyDigests) ok = timingSafeEqual(k, d) || ok;
    if (!ok) throw new SimHttpError('UNAUTHORIZED', 'Invalid API key');
    return next();
  });

  app.get(ttRoutes.health, () =>
    respond(ctx, ttResponses.health, { status: 'ok', checks: { database: 'ok', redis: 'not_configured' } }),
  );

  // --- Steering routes -------------------------------------------------------------------------
  const readJson = async (req: Request): Promise<unknown> => {
    const text = await req.text();
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch {
      throw validationError([{ path: [], message: 'Request body is not valid JSON' }], 'Malformed JSON body');
    }
  };
  app.get(`${SIM_PREFIX}/stats`, () => json(steering.stats()));
  app.post(`${SIM_PREFIX}/reset-stats`, () => {
    steering.resetStats();
    return json({ ok: true });
  });
  app.get(`${SIM_PREFIX}/faults`, () => json(steering.getFaults()));
  app.post(`${SIM_PREFIX}/faults`, async (c) => {
    const parsed = simFaultsPatchSchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) throw validationError(issuesOf(parsed.error));
    return json(steering.setFaults(parsed.data));
  });
  app.delete(`${SIM_PREFIX}/faults`, () => {
    steering.clearFaults();
    return json(steering.getFaults());
  });
  app.post(`${SIM_PREFIX}/outage`, async (c) => {
    const parsed = outageRequestSchema.safeParse(await readJson(c.req.raw));
    if (!parsed.success) throw validationError(issuesOf(parsed.error));
    let sent: () => void = () => undefined;
    const afterResponse = new Promise<void>((resolve) => {
      sent = resolve;
    });
    deps.control.outage(parsed.data, afterResponse);
    // The outage may destroy this very socket, so it starts once the answer has gone out.
    const outgoing = c.env?.outgoing;
    if (outgoing) outgoing.once('finish', sent);
    else setTimeout(sent, 10);
    return json({ ok: true, outage: parsed.data });
  });
  app.delete(`${SIM_PREFIX}/outage`, async () => {
    await deps.control.restore();
    return json({ ok: true });
  });
  app.post(`${SIM_PREFIX}/reset`, async (c) => {
    const parsed = z.object({ data: z.boolean().default(true) }).safeParse(await readJson(c.req.raw));
    if (!parsed.success) throw validationError(issuesOf(parsed.error));
    await deps.control.reset({ data: parsed.data.data });
    return json({ ok: true });
  });
  app.get(`${SIM_PREFIX}/demo-links`, () => json(demoLinks));
  // A supplier's commission statement with seeded discrepancies (CSV), for reconciliation demos.
  app.get(`${SIM_PREFIX}/supplier-statement`, (c) => {
    const statement = supplierStatement(deps.db(), c.req.query('vendorId') || undefined);
    return new Response(statement.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${statement.fileName}"`,
      },
    });
  });

  mountResources(app, ctx);

  app.notFound((c) =>
    json(envelope(new SimHttpError('NOT_FOUND', `Route not found: ${c.req.method} ${c.req.path}`), c.get('requestId')), 404),
  );
  app.onError((err, c) => {
    const requestId = c.get('requestId');
    if (err instanceof SimHttpError) {
      const headers: Record<string, string> =
        err.retryAfterMs === undefined ? {} : { 'Retry-After': String(Math.ceil(err.retryAfterMs / 1000)) };
      return json(envelope(err, requestId), err.status, headers);
    }
    deps.logger.error({ err: err.message, stack: err.stack, requestId }, 'tt-api-sim internal error');
    return json(envelope(new SimHttpError('INTERNAL_ERROR', 'Internal server error'), requestId), 500);
  });
  return app;
}
