/**
 * Public pages and webhooks that subgraphs serve (platform/src/public-routes.ts): each prefix a
 * subgraph declares in subgraphs/registry.ts is mounted here behind the REST edge (its rate tier, the
 * body limit with raw bytes kept, security headers) and forwarded to `<subgraph>/public<path>` with an
 * anonymous viewer token signed for that subgraph alone, the request id and the client's address.
 */
import express, { type Router } from 'express';
import {
  FORWARDED_PUBLIC_HEADERS,
  RETURNED_PUBLIC_HEADERS,
  VIEWER_HEADER,
  anonymousViewer,
  signViewerToken,
  type Logger,
  type PublicPrefix,
  type ReplicaPicker,
} from '@nexus/platform';
import { rawBodyOf, requestIdOf, sendError, type Edge } from './edge.ts';

export interface PublicTarget {
  /** The subgraph's name (the viewer token's audience). */
  name: string;
  /** Its GraphQL URL; public routes live beside it, under `/public`. */
  graphqlUrl: string;
  /** Its replicas, when it has several: each request goes to the next one that accepts a connection. */
  replicas?: ReplicaPicker;
  prefixes: readonly PublicPrefix[];
}

const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql\/?$/, '');

export function publicProxy(o: {
  edge: Edge;
  targets: PublicTarget[];
  secret: string;
  timeoutMs: number;
  log: Logger;
}): Router {
  const router = express.Router();
  for (const target of o.targets) {
    for (const { prefix, tier, headers: extra = [] } of target.prefixes) {
      router.use(prefix, o.edge.limit(tier), ...o.edge.body(), async (req, res) => {
        const requestId = requestIdOf(res);
        const headers: Record<string, string> = {};
        for (const name of [...FORWARDED_PUBLIC_HEADERS, ...extra]) {
          const value = req.header(name);
          if (value) headers[name] = value;
        }
        headers['x-request-id'] = requestId;
        headers['x-forwarded-for'] = req.ip ?? 'unknown';
        headers['x-forwarded-proto'] = req.protocol;
        headers['x-forwarded-host'] = req.get('host') ?? '';
        headers[VIEWER_HEADER] = await signViewerToken(anonymousViewer(requestId), target.name, o.secret, 60);
        const raw = rawBodyOf(res);
        let answer: globalThis.Response;
        try {
          const send = (graphqlUrl: string) =>
            fetch(`${baseOf(graphqlUrl)}/public${req.originalUrl}`, {
              method: req.method,
              headers,
              body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(raw ?? Buffer.alloc(0)),
              redirect: 'manual',
              signal: AbortSignal.timeout(o.timeoutMs),
            });
          answer = await (target.replicas ? target.replicas.call(send) : send(target.graphqlUrl));
        } catch (err) {
          o.log.warn({ err, requestId, subgraph: target.name, path: req.path }, 'public route unreachable');
          sendError(res, 503, 'UPSTREAM_UNAVAILABLE', 'This page is unavailable right now. Try again shortly.');
          return;
        }
        res.status(answer.status);
        for (const name of RETURNED_PUBLIC_HEADERS) {
          const value = answer.headers.get(name);
          if (value) res.setHeader(name, value);
        }
        res.send(Buffer.from(await answer.arrayBuffer()));
      });
    }
  }
  return router;
}
