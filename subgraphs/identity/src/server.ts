import { randomUUID } from 'node:crypto';
import express from 'express';
import {
  createSubgraph,
  databaseAndRedisHealth,
  errorEnvelope,
  InvalidViewerToken,
  verifyViewerToken,
  VIEWER_HEADER,
  loadSubgraphTypeDefs,
  type Logger,
} from '@nexus/platform';
import { createContext, type IdentityDeps } from './context.ts';
import { resolvers } from './resolvers/index.ts';
import { verifyApiKey } from './services/api-keys.service.ts';

export const typeDefs = loadSubgraphTypeDefs(new URL('..', import.meta.url));

export function createIdentityServer(deps: IdentityDeps, log: Logger) {
  const subgraph = createSubgraph({
    name: 'identity',
    typeDefs,
    resolvers,
    log,
    internalTokenSecret: deps.env.INTERNAL_TOKEN_SECRET,
    createContext: createContext(deps),
    health: databaseAndRedisHealth(deps.orm, deps.redis),
  });

  // The gateway asks here who an integrator's API key acts as; only the gateway can ask.
  subgraph.app.post('/internal/api-keys/verify', express.json({ limit: '4kb' }), async (req, res) => {
    try {
      await verifyViewerToken(req.header(VIEWER_HEADER) ?? '', 'identity', deps.env.INTERNAL_TOKEN_SECRET);
    } catch (e) {
      if (!(e instanceof InvalidViewerToken)) throw e;
      res.status(401).json(errorEnvelope('UNAUTHENTICATED', 'Gateway only.', req.header('x-request-id') ?? randomUUID()));
      return;
    }
    const key: unknown = req.body?.key;
    const found = typeof key === 'string' ? await verifyApiKey(deps.orm.em.fork(), key) : null;
    res.status(found ? 200 : 404).json(found ?? errorEnvelope('NOT_FOUND', 'Unknown key.', req.header('x-request-id') ?? randomUUID()));
  });
  return subgraph;
}
