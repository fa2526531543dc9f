import express, { type Request, type Response, type Router } from 'express';
import { errorEnvelope } from './http-errors.ts';
import type { Logger } from './logger.ts';
import { InvalidViewerToken, VIEWER_HEADER, verifyViewerToken, type Viewer } from './viewer.ts';

/**
 * Public pages and webhooks (unsubscribe, tracking, quote view, survey, knowledge base, meeting
 * booking, ESP events) are served by the subgraph that owns their data, under `/public` on its own
 * HTTP server, and reached only through the gateway: the gateway's REST edge applies the rate tier,
 * body limit and security headers, then forwards the request with a viewer token it signed (an
 * anonymous viewer for people on public pages). A subgraph answers nothing under `/public` without
 * that token, exactly like `/graphql`.
 *
 * A subgraph declares the URL prefixes it serves in `subgraphs/registry.ts` (`public`), and mounts
 * its handlers in its manifest's `publicRoutes(router, deps)`; paths keep their prefix
 * (`/unsubscribe/:token` arrives as `/unsubscribe/:token` on the router).
 */

/** The rate tier of a public prefix at the gateway's REST edge. */
export type PublicTier = 'general' | 'webhooks' | 'chat' | 'global';

export interface PublicPrefix {
  /** A path prefix such as `/unsubscribe` or `/webhooks/esp`. */
  prefix: string;
  tier: PublicTier;
  /**
   * Request headers forwarded for this prefix alone, beyond the common ones: a webhook's signature
   * and timestamp, or a shared secret the subgraph checks (lower case).
   */
  headers?: readonly string[];
}

/** Headers the gateway forwards with a public request (besides the viewer token). */
export const FORWARDED_PUBLIC_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'user-agent',
  'referer',
  'x-request-id',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
] as const;

/** Headers a subgraph's public answer may carry back to the client. */
export const RETURNED_PUBLIC_HEADERS = [
  'content-type',
  'content-disposition',
  'cache-control',
  'location',
  'content-security-policy',
  'x-robots-tag',
  'etag',
  'last-modified',
  // A webhook's repeat answered with the first stored response.
  'idempotent-replayed',
] as const;

/** What a public handler knows about its caller. */
export interface PublicCaller {
  viewer: Viewer;
  requestId: string;
  /** The client's address as the gateway saw it. */
  ip: string;
  userAgent: string;
}

export const publicCaller = (req: Request, res: Response): PublicCaller => ({
  viewer: res.locals.viewer as Viewer,
  requestId: String(res.locals.requestId ?? ''),
  ip: (req.header('x-forwarded-for') ?? '').split(',')[0]?.trim() || 'unknown',
  userAgent: req.header('user-agent') ?? '',
});

/** The exact request bytes (for signature checks), as the gateway received them. */
export const publicRawBody = (req: Request): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));

/**
 * The `/public` router of a subgraph: refuses anything without a gateway-signed viewer token for this
 * subgraph, keeps the body as raw bytes (`publicRawBody`; parse it with the content type you expect),
 * and turns anything thrown into the REST error envelope without internals.
 */
export function publicRouter(o: { name: string; internalTokenSecret: string; log: Logger; limitBytes?: number }): Router {
  const router = express.Router();
  router.use(async (req, res, next) => {
    const requestId = req.header('x-request-id') ?? '';
    const token = req.header(VIEWER_HEADER);
    try {
      if (!token) throw new InvalidViewerToken('missing');
      res.locals.viewer = await verifyViewerToken(token, o.name, o.internalTokenSecret);
      res.locals.requestId = requestId;
      next();
    } catch (e) {
      if (!(e instanceof InvalidViewerToken)) return next(e);
      res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'This service only answers the Nexus gateway.', requestId));
    }
  });
  router.use(express.raw({ type: () => true, limit: o.limitBytes ?? 1024 * 1024 }));
  return router;
}

/** The error handler mounted after a subgraph's public routes. */
export const publicErrorHandler =
  (log: Logger): express.ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    const requestId = String(res.locals.requestId ?? '');
    const status = typeof err === 'object' && err && 'status' in err && typeof err.status === 'number' ? err.status : 500;
    if (status >= 500) log.error({ err, requestId, path: req.path }, 'public route failed');
    if (res.headersSent) return;
    if (status === 413) {
      res.status(413).json(errorEnvelope('BAD_USER_INPUT', 'The request body is too large.', requestId));
      return;
    }
    res
      .status(status >= 400 && status < 500 ? 400 : 500)
      .json(
        status >= 400 && status < 500
          ? errorEnvelope('BAD_USER_INPUT', 'The request is not valid.', requestId)
          : errorEnvelope('INTERNAL_SERVER_ERROR', 'Something went wrong on our side. It has been logged.', requestId),
      );
  };
