/**
 * The REST edge: every transport concern of the gateway's non-GraphQL routes in one module, so each
 * shim (internal sync, webhooks, Slack, n8n, forms, public pages) stays thin: verify the caller,
 * translate into an operation, format the answer.
 *
 * Order, as TT-API's: request id -> security headers -> CORS -> global rate limit -> the route's
 * tier -> caller check (shared secret, signature) -> body (raw bytes kept) -> idempotency -> route.
 * Every refusal is the error envelope `{ error: { code, message, details, requestId } }`.
 */
import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClientType } from 'redis';
import { errorEnvelope, secretsEqual, sha256, type ErrorCode, type Logger } from '@nexus/platform';
import type { GatewayEnv } from './env.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
/** Forwarded ids are echoed only when they look like ids, so a header cannot inject log lines. */
const FORWARDED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths that are REST: an unknown one is a JSON 404, never the web app. */
export const REST_PREFIXES = ['/api', '/webhooks', '/hooks', '/slack'] as const;
/**
 * Public pages a subgraph will serve (unsubscribe, landing pages, knowledge base, meetings, forms,
 * quotes, surveys). Until one registers a prefix, it answers 404, not the app. The client portal
 * (`/portal`) is a web app the gateway serves itself, beside the staff app.
 */
export const PUBLIC_PREFIXES = ['/unsubscribe', '/t', '/lp', '/kb', '/meet', '/forms', '/q', '/s'] as const;
const prefixPattern = (prefixes: readonly string[]) =>
  new RegExp(`^(?:${prefixes.map((p) => p.replace('/', '\\/')).join('|')})(?:\\/|$)`);
export const isRestPath = (path: string) => prefixPattern([...REST_PREFIXES, ...PUBLIC_PREFIXES]).test(path);

export type RateTier = 'global' | 'general' | 'webhooks' | 'auth' | 'chat';

/** The request id of this request (set by the edge's first middleware). */
export const requestIdOf = (res: Response): string =>
  typeof res.locals.requestId === 'string' ? res.locals.requestId : randomUUID();

/** The exact bytes of the request body, for signature checks (undefined before the body is read). */
export const rawBodyOf = (res: Response): Buffer | undefined =>
  Buffer.isBuffer(res.locals.rawBody) ? res.locals.rawBody : undefined;

export const sendError = (
  res: Response,
  status: number,
  code: ErrorCode | string,
  message: string,
  details: unknown = null,
): void => {
  res.status(status).json(errorEnvelope(code, message, requestIdOf(res), details));
};

/** The gateway's own origin, as a browser on one of its pages would send it. */
const ownOrigin = (req: Request) => `${req.protocol}://${req.get('host') ?? ''}`;

export interface Edge {
  /** Generates or forwards `X-Request-Id`, returns it, and keeps it for logs and envelopes. */
  requestId: RequestHandler;
  /** CSP, frame-ancestors, nosniff, referrer policy; HSTS when the request came over TLS. */
  securityHeaders: RequestHandler;
  /** CORS for the gateway's own origin and `CORS_ORIGINS`; a refused preflight gets 403. */
  cors: RequestHandler;
  /** A rate-limit tier keyed by client address, with `X-RateLimit-*` headers and 429 + `Retry-After`. */
  limit(tier: RateTier): RequestHandler;
  /** The tier's limiter itself, for limits counted elsewhere (sign-in attempts inside GraphQL). */
  limiter(tier: RateTier): RateLimiterRedis;
  /** JSON, form and any other body up to `limitBytes`, keeping the raw bytes (`rawBodyOf`). */
  body(limitBytes?: number): RequestHandler[];
  /** A shared secret in `header`, compared in constant time: 503 when unset here, 401 when wrong. */
  sharedSecret(o: { header: string; secret: string | undefined; setting: string }): RequestHandler;
  /**
   * Replays a finished request's first answer under the same key (`Idempotent-Replayed: true`), 409
   * while the first still runs, 422 for the same key with another body. The key is
   * `Idempotency-Key`/`X-Idempotency-Key`, else (`bodyHash`) SHA-256 of path and body. Needs `body()`.
   */
  idempotent(o?: { bodyHash?: boolean }): RequestHandler;
  /** The JSON 404 for unknown REST and public-page paths. */
  notFound: RequestHandler;
  /** Malformed or oversized bodies and anything thrown become the envelope; stacks stay in the log. */
  errorHandler: ErrorRequestHandler;
}

export function createEdge(o: { env: GatewayEnv; redis: RedisClientType; log: Logger }): Edge {
  const { env, redis, log } = o;

  const requestId: RequestHandler = (req, res, next) => {
    const forwarded = req.header(REQUEST_ID_HEADER);
    const id = forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    next();
  };

  const common = ["'self'"];
  const directives = (extra: { script?: string[]; style?: string[] } = {}) => ({
    defaultSrc: common,
    scriptSrc: [...common, ...(extra.script ?? [])],
    // React sets style attributes; the bundles carry no inline <style>, Playground's styled-components do.
    styleSrc: [...common, "'unsafe-inline'", ...(extra.style ?? [])],
    imgSrc: [...common, 'data:'],
    fontSrc: [...common, 'data:'],
    // 'self' covers the same-origin graphql-ws socket.
    connectSrc: common,
    objectSrc: ["'none'"],
    baseUri: common,
    formAction: common,
    frameAncestors: ["'none'"],
  });
  const helmetFor = (csp: ReturnType<typeof directives>) =>
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: csp },
      // Sent only over TLS (below): over plain HTTP it means nothing and would pin local setups.
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
      xFrameOptions: { action: 'deny' },
      crossOriginEmbedderPolicy: false,
    });
  const appHeaders = helmetFor(directives());
  // Playground's page boots from an inline script and its bundle compiles a few helpers at run time.
  const playgroundHeaders = helmetFor(directives({ script: ["'unsafe-inline'", "'unsafe-eval'"] }));
  const securityHeaders: RequestHandler = (req, res, next) => {
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    const playground = req.path === '/graphql' || req.path.startsWith('/playground-assets');
    (playground ? playgroundHeaders : appHeaders)(req, res, next);
  };

  const allowedOrigins = new Set(
    env.CORS_ORIGINS.split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
  );
  const originAllowed = (req: Request, origin: string) => allowedOrigins.has(origin) || origin === ownOrigin(req);
  const corsHandler = cors<Request>((req, done) => {
    const origin = req.header('origin');
    done(null, {
      origin: origin && originAllowed(req, origin) ? origin : false,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      exposedHeaders: [
        'X-Request-Id',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'Retry-After',
        'Idempotent-Replayed',
      ],
      maxAge: 3600,
    });
  });
  const corsGate: RequestHandler = (req, res, next) => {
    const origin = req.header('origin');
    const preflight = req.method === 'OPTIONS' && req.header('access-control-request-method');
    if (preflight && origin && !originAllowed(req, origin)) {
      sendError(res, 403, 'FORBIDDEN', `The origin ${origin} may not call this API from a browser.`);
      return;
    }
    corsHandler(req, res, next);
  };

  const points: Record<RateTier, number> = {
    global: env.RATE_LIMIT_GLOBAL,
    general: env.RATE_LIMIT_GENERAL,
    webhooks: env.RATE_LIMIT_WEBHOOKS,
    auth: env.LOGIN_RATE_LIMIT,
    chat: env.RATE_LIMIT_CHAT,
  };
  const limiters = new Map<RateTier, RateLimiterRedis>();
  const limiter = (tier: RateTier) => {
    let l = limiters.get(tier);
    if (!l) {
      const duration = env.RATE_LIMIT_WINDOW_SECONDS;
      l = new RateLimiterRedis({
        storeClient: redis,
        useRedisPackage: true,
        keyPrefix: `${env.REDIS_PREFIX}:rl:${tier}`,
        points: points[tier],
        duration,
        // Redis down: each gateway process counts on its own rather than letting everything through.
        insuranceLimiter: new RateLimiterMemory({ points: points[tier], duration }),
      });
      limiters.set(tier, l);
    }
    return l;
  };
  const limit = (tier: RateTier): RequestHandler => {
    const l = limiter(tier);
    const setHeaders = (res: Response, r: RateLimiterRes) => {
      res.setHeader('X-RateLimit-Limit', String(points[tier]));
      res.setHeader('X-RateLimit-Remaining', String(Math.max(0, r.remainingPoints)));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil(r.msBeforeNext / 1000)));
    };
    return (req, res, next) => {
      l.consume(req.ip ?? 'unknown').then(
        (r) => {
          setHeaders(res, r);
          next();
        },
        (e: unknown) => {
          if (!(e instanceof RateLimiterRes)) return next(e);
          setHeaders(res, e);
          const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
          res.setHeader('Retry-After', String(seconds));
          sendError(res, 429, 'RATE_LIMITED', `Too many requests. Try again in ${seconds} s.`, {
            retryAfterMs: e.msBeforeNext,
            tier,
          });
        },
      );
    };
  };

  const keepRaw = (_req: unknown, res: unknown, buf: Buffer) => {
    (res as Response).locals.rawBody = buf;
  };
  const body = (limitBytes = env.REST_BODY_LIMIT_BYTES): RequestHandler[] => [
    express.json({ limit: limitBytes, verify: keepRaw }),
    express.urlencoded({ extended: false, limit: limitBytes, verify: keepRaw }),
    // Anything else (text, XML, binary) stays bytes for the shim; parsers above take what they know.
    express.raw({ type: () => true, limit: limitBytes, verify: keepRaw }),
  ];

  const sharedSecret =
    (s: { header: string; secret: string | undefined; setting: string }): RequestHandler =>
    (req, res, next) => {
      if (!s.secret) {
        sendError(res, 503, 'SERVICE_UNAVAILABLE', `This endpoint is not configured (${s.setting} is unset).`);
        return;
      }
      if (!secretsEqual(req.header(s.header), s.secret)) {
        log.warn({ requestId: requestIdOf(res), path: req.path, ip: req.ip }, `refused: bad ${s.header}`);
        sendError(res, 401, 'UNAUTHENTICATED', `The ${s.header} header is missing or wrong.`);
        return;
      }
      next();
    };

  const idempotency = idempotencyStore(redis, `${env.REDIS_PREFIX}:idem`, env.IDEMPOTENCY_TTL_SECONDS, log);
  const idempotent =
    (opts: { bodyHash?: boolean } = {}): RequestHandler =>
    (req, res, next) => {
      const given = req.header('idempotency-key') ?? req.header('x-idempotency-key');
      if (given !== undefined && (given.length === 0 || given.length > 255)) {
        sendError(res, 400, 'BAD_USER_INPUT', 'The idempotency key must be 1 to 255 characters.', [
          { path: 'Idempotency-Key', message: 'must be 1 to 255 characters' },
        ]);
        return;
      }
      const path = `${req.baseUrl}${req.path}`;
      const raw = rawBodyOf(res) ?? Buffer.alloc(0);
      if (given === undefined && opts.bodyHash === false) return next();
      const key = sha256(
        `${req.method} ${path}\n${given ?? sha256(Buffer.concat([Buffer.from(path), raw]).toString('latin1'))}`,
      );
      const fingerprint = sha256(raw.toString('latin1'));
      void (async () => {
        const existing = await idempotency.reserve(key, fingerprint);
        if (existing) {
          if (existing.fingerprint !== fingerprint) {
            sendError(res, 422, 'BAD_USER_INPUT', 'This idempotency key was already used with a different body.', [
              { path: 'Idempotency-Key', message: 'already used with a different body' },
            ]);
          } else if (existing.state === 'running') {
            sendError(
              res,
              409,
              'CONFLICT',
              'A request with this idempotency key is still being processed. Retry later.',
            );
          } else {
            res.status(existing.status ?? 200);
            if (existing.contentType) res.type(existing.contentType);
            res.setHeader('Idempotent-Replayed', 'true');
            res.send(existing.body ?? '');
          }
          return;
        }
        let sent: unknown;
        const send = res.send.bind(res);
        res.send = (b?: unknown) => {
          sent ??= b;
          return send(b);
        };
        let settled = false;
        const settle = (finished: boolean) => {
          if (settled) return;
          settled = true;
          // Failures that a retry may cure (5xx, 429, a dropped connection) are not replayed.
          const keep = finished && res.statusCode < 500 && res.statusCode !== 429;
          const text = typeof sent === 'string' ? sent : Buffer.isBuffer(sent) ? sent.toString('utf8') : '';
          const contentType = res.getHeader('content-type');
          void (keep
            ? idempotency.finish(key, {
                state: 'done',
                fingerprint,
                status: res.statusCode,
                contentType: typeof contentType === 'string' ? contentType : undefined,
                body: text,
              })
            : idempotency.release(key));
        };
        res.once('finish', () => settle(true));
        res.once('close', () => settle(res.writableFinished));
        next();
      })().catch(next);
    };

  const notFound: RequestHandler = (req, res) => {
    sendError(res, 404, 'NOT_FOUND', `Nothing here: ${req.method} ${req.path}.`);
  };

  const errorHandler: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const id = requestIdOf(res);
    const status =
      typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err, requestId: id, path: req.path }, 'unhandled HTTP error');
    if (res.headersSent) return;
    if (status === 413) return sendError(res, 413, 'BAD_USER_INPUT', 'The request body is too large.');
    if (status >= 400 && status < 500) return sendError(res, 400, 'BAD_USER_INPUT', 'The request body is not valid.');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged.');
  };

  return {
    requestId,
    securityHeaders,
    cors: corsGate,
    limit,
    limiter,
    body,
    sharedSecret,
    idempotent,
    notFound,
    errorHandler,
  };
}

interface Stored {
  state: 'running' | 'done';
  fingerprint: string;
  status?: number;
  contentType?: string | undefined;
  body?: string;
}

/** Idempotency records in Redis, in process memory while Redis is unreachable. */
function idempotencyStore(redis: RedisClientType, prefix: string, ttlSeconds: number, log: Logger) {
  const memory = new Map<string, { value: Stored; until: number }>();
  const fromMemory = (key: string) => {
    const hit = memory.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    memory.delete(key);
    return undefined;
  };
  const toMemory = (key: string, value: Stored) => {
    if (memory.size > 10_000) memory.clear();
    memory.set(key, { value, until: Date.now() + ttlSeconds * 1000 });
  };
  const parse = (s: string | null): Stored | undefined => {
    if (!s) return undefined;
    try {
      return JSON.parse(s) as Stored;
    } catch {
      return undefined;
    }
  };
  const fallback = (e: unknown) => log.warn({ err: e }, 'idempotency store: Redis unavailable, using memory');
  return {
    /** Claims the key for this request; answers the existing record when someone has it already. */
    async reserve(key: string, fingerprint: string): Promise<Stored | undefined> {
      const running: Stored = { state: 'running', fingerprint };
      try {
        const ok = await redis.set(`${prefix}:${key}`, JSON.stringify(running), { NX: true, EX: ttlSeconds });
        if (ok === 'OK') return undefined;
        return parse(await redis.get(`${prefix}:${key}`)) ?? running;
      } catch (e) {
        fallback(e);
        const hit = fromMemory(key);
        if (hit) return hit;
        toMemory(key, running);
        return undefined;
      }
    },
    async finish(key: string, value: Stored) {
      try {
        await redis.set(`${prefix}:${key}`, JSON.stringify(value), { EX: ttlSeconds });
      } catch (e) {
        fallback(e);
        toMemory(key, value);
      }
    },
    async release(key: string) {
      memory.delete(key);
      await redis.del(`${prefix}:${key}`).catch(fallback);
    },
  };
}
