/**
 * The internal sync routes TT-API pushes its CRM records to: `POST /api/internal/contacts` and
 * `POST /api/internal/deals`. Machine to machine, on the REST edge: the `x-internal-service` header
 * must equal `TT_INTERNAL_SERVICE_SECRET` (constant time; 503 while unset, never anything
 * unauthenticated). Each call runs the crm sync mutation through the gateway's own pipeline as the
 * `tt-sync` service principal, so ranks, masking, logging and auditing are those of any GraphQL
 * caller. A sender may add an `Idempotency-Key`; without one a resent batch is simply applied again,
 * which the sync's own version check makes harmless (and reports as unchanged).
 */
import express from 'express';
import { z } from 'zod';
import { SERVICES, runAs, type GraphExecutor, type Logger } from '@nexus/platform';
import { requestIdOf, sendError, type Edge } from './edge.ts';

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

export function internalSyncRouter(o: {
  edge: Edge;
  secret: string | undefined;
  execute: GraphExecutor;
  bodyLimitBytes?: number;
  log: Logger;
}): express.Router {
  const router = express.Router();
  router.use(
    '/api/internal',
    o.edge.sharedSecret({ header: 'x-internal-service', secret: o.secret, setting: 'TT_INTERNAL_SERVICE_SECRET' }),
    ...o.edge.body(o.bodyLimitBytes),
    o.edge.idempotent({ bodyHash: false }),
  );

  for (const route of ROUTES) {
    router.post(route.path, async (req, res) => {
      const requestId = requestIdOf(res);
      const body: unknown = req.body;
      const list = Array.isArray(body)
        ? body
        : body && typeof body === 'object' && !Buffer.isBuffer(body) && route.key in body
          ? (body as Record<string, unknown>)[route.key]
          : body && !Buffer.isBuffer(body)
            ? [body]
            : [];
      const parsed = z.array(route.record).safeParse(list);
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({
          path: [route.key, ...i.path.map(String)].join('.'),
          message: i.message,
        }));
        sendError(res, 400, 'BAD_USER_INPUT', `The ${route.key} are not TT-API ${route.key}.`, details);
        return;
      }
      const outcome = await runAs(
        o.execute,
        SERVICES.ttSync,
        { query: route.mutation, variables: { records: parsed.data } },
        requestId,
      );
      if (!outcome.ok) {
        sendError(res, outcome.status, outcome.code, outcome.message, outcome.details);
        return;
      }
      const report = Object.values(outcome.data)[0];
      o.log.info(
        { requestId, route: route.path, report: { ...(report as object), items: undefined } },
        'TT-API sync applied',
      );
      res.status(200).json(report);
    });
  }
  return router;
}
