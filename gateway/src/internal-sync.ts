/**
 * The internal sync routes TT-API pushes its CRM records to: `POST /api/internal/contacts` and
 * `POST /api/internal/deals`. Machine to machine: the `x-internal-service` header must equal
 * `TT_INTERNAL_SERVICE_SECRET` (compared in constant time); without the secret configured the
 * routes answer 503, never anything unauthenticated. Each call runs the crm sync mutation through
 * the gateway's own pipeline as the TT-API service, so ranks, masking and logging are the same as
 * for any GraphQL caller; answers and errors use the REST error envelope.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import type { ApolloServer } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import { z } from 'zod';
import {
  errorEnvelope,
  httpStatusOf,
  secretsEqual,
  viewerFor,
  type ErrorCode,
  type Logger,
  type Viewer,
} from '@nexus/platform';
import type { GatewayContext } from './context.ts';

/** The identity the sync runs as: an admin-rank service, not a person (nothing is "owned" by it). */
export const TT_SYNC_SERVICE_ID = '00000000-0000-4000-8000-000000007701';
const serviceViewer = (requestId: string): Viewer =>
  viewerFor(TT_SYNC_SERVICE_ID, 'ADMIN', { apiKeyId: TT_SYNC_SERVICE_ID, requestId });

// TT-API's enum values are lower snake case; the graph's are upper snake case.
const ttEnum = z.string().transform((s) => s.toUpperCase());
const nullableText = z.string().nullish();
// z.object drops what the graph does not take (TT-API records carry more, e.g. `leadScore`, `createdAt`).
const contact = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  phone: nullableText,
  companyId: nullableText,
  jobTitle: nullableText,
  role: ttEnum.nullish(),
  lifecycleStage: nullableText,
  leadSource: ttEnum.nullish(),
  updatedAt: z.string(),
});
const deal = z.object({
  id: z.string(),
  title: z.string(),
  stage: ttEnum,
  amountCents: z.number(),
  companyId: nullableText,
  contactId: nullableText,
  expectedCloseDate: nullableText,
  leadSource: ttEnum.nullish(),
  updatedAt: z.string(),
});

interface Route {
  path: string;
  /** The body's list: `{ "<key>": [...] }`, a bare array, or one record. */
  key: 'contacts' | 'deals';
  record: z.ZodType<Record<string, unknown>>;
  mutation: string;
}

const REPORT = 'created updated unchanged items { ttId id action }';

const ROUTES: Route[] = [
  {
    path: '/api/internal/contacts',
    key: 'contacts',
    record: contact,
    mutation: `mutation TtContactSync($records: [TtContactSyncInput!]!) { syncTtContacts(contacts: $records) { ${REPORT} } }`,
  },
  {
    path: '/api/internal/deals',
    key: 'deals',
    record: deal,
    mutation: `mutation TtDealSync($records: [TtDealSyncInput!]!) { syncTtDeals(deals: $records) { ${REPORT} } }`,
  },
];

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && code in httpStatusOf;

export function internalSyncRouter(o: {
  secret: string | undefined;
  apollo: ApolloServer<GatewayContext>;
  makeContext: (viewer: Viewer, ip: string) => GatewayContext;
  log: Logger;
}): express.Router {
  const router = express.Router();
  router.use('/api/internal', (req, res, next) => {
    const requestId = req.header('x-request-id') ?? randomUUID();
    res.locals.requestId = requestId;
    if (!o.secret) {
      res
        .status(503)
        .json(
          errorEnvelope(
            'SERVICE_UNAVAILABLE',
            'Internal sync is not configured (TT_INTERNAL_SERVICE_SECRET is unset).',
            requestId,
          ),
        );
      return;
    }
    if (!secretsEqual(req.header('x-internal-service'), o.secret)) {
      o.log.warn({ requestId, path: req.path, ip: req.ip }, 'internal sync refused: bad x-internal-service');
      res
        .status(401)
        .json(errorEnvelope('UNAUTHENTICATED', 'The x-internal-service header is missing or wrong.', requestId));
      return;
    }
    next();
  });
  router.use('/api/internal', express.json({ limit: '5mb' }));

  for (const route of ROUTES) {
    router.post(route.path, async (req, res) => {
      const requestId = String(res.locals.requestId);
      const body: unknown = req.body;
      const list = Array.isArray(body)
        ? body
        : body && typeof body === 'object' && route.key in body
          ? (body as Record<string, unknown>)[route.key]
          : body
            ? [body]
            : [];
      const parsed = z.array(route.record).safeParse(list);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({
          path: [route.key, ...i.path.map(String)].join('.'),
          message: i.message,
        }));
        res
          .status(400)
          .json(errorEnvelope('BAD_USER_INPUT', `The ${route.key} are not TT-API ${route.key}.`, requestId, details));
        return;
      }
      const context = o.makeContext(serviceViewer(requestId), req.ip ?? 'unknown');
      const result = await o.apollo.executeOperation(
        { query: route.mutation, variables: { records: parsed.data } },
        { contextValue: { ...context, requestId, log: o.log.child({ requestId }) } },
      );
      const single: FormattedExecutionResult | undefined =
        result.body.kind === 'single' ? result.body.singleResult : undefined;
      const error = single?.errors?.[0];
      if (error || !single?.data) {
        const code = isErrorCode(error?.extensions?.code) ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
        const details = error?.extensions?.fields ?? null;
        res
          .status(httpStatusOf[code])
          .json(errorEnvelope(code, error?.message ?? 'The sync did not complete.', requestId, details));
        return;
      }
      const report = Object.values(single.data)[0];
      o.log.info(
        { requestId, route: route.path, report: { ...(report as object), items: undefined } },
        'TT-API sync applied',
      );
      res.status(200).json(report);
    });
  }
  return router;
}
