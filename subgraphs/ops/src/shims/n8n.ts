/**
 * n8n's actions (`POST /api/n8n/webhook/:action`): `passport-alert`, `commission-reconcile`,
 * `booking-sync`. Each runs travel's real work through the graph as `service:ops-automation`;
 * the long ones answer 202 with the run's id, watchable on `commissionReconciliationRunChanged` or
 * `bookingSyncRunChanged` and listed by `commissionReconciliationRuns`/`bookingSyncRuns`.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { SERVICES, errorEnvelope, publicCaller, runAs } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import type { Delivery } from '../entities/index.ts';
import type { DeliveryResult } from '../ledger/ledger.ts';
import { answer, checkSecret, handleInbound, parseBody, refusal, type InboundSpec } from './inbound.ts';

const START_RECONCILIATION = `mutation N8nCommissionReconcile { startCommissionReconciliation { id status } }`;
const START_BOOKING_SYNC = `mutation N8nBookingSync($input: StartBookingSyncInput) { startBookingSync(input: $input) { id status } }`;
const START_PASSPORT_CHECK = `mutation N8nPassportAlert { startPassportAlertCheck }`;

/** An operation's failure as the answer n8n gets (the graph's code and status; 5xx is retried). */
async function viaGraph(
  deps: OpsDeps,
  query: string,
  variables: Record<string, unknown>,
  requestId: string,
  done: (data: Record<string, unknown>) => DeliveryResult,
): Promise<DeliveryResult> {
  const outcome = await runAs(deps.graph, SERVICES.opsAutomation, { query, variables }, requestId);
  if (!outcome.ok) return refusal(outcome.status, outcome.code, outcome.message, requestId, outcome.details);
  return done(outcome.data);
}

const runStarted = (kind: string, type: string) => (run: { id: string; status: string }) =>
  answer(
    202,
    { accepted: true, action: kind, runId: run.id, status: run.status },
    {
      effect: `${kind} run ${run.id} started`,
      effectRefs: [{ type, id: run.id }],
    },
  );

const emptySchema = z.object({}).strict();
const bookingSyncSchema = z.object({ since: z.iso.datetime({ offset: true }).optional() }).strict();
const passportSchema = z
  .object({
    /** Why n8n asks (its workflow's name), kept in the ledger. */
    reason: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

type Run = { id: string; status: string };

/** The three actions, bound to this subgraph's deps. */
function actions(d: OpsDeps) {
  const reconcile: InboundSpec<typeof emptySchema> = {
    channel: 'N8N',
    action: 'commission-reconcile',
    schema: emptySchema,
    summary: () => 'commission-reconcile: every TT-API commission entry against its booking',
    run: (_p, _delivery, requestId) =>
      viaGraph(d, START_RECONCILIATION, {}, requestId, (data) =>
        runStarted('commission-reconcile', 'CommissionReconciliationRun')(data.startCommissionReconciliation as Run),
      ),
  };
  const bookingSync: InboundSpec<typeof bookingSyncSchema> = {
    channel: 'N8N',
    action: 'booking-sync',
    schema: bookingSyncSchema,
    summary: (p) => `booking-sync: bookings changed ${p.since ? `since ${p.since}` : 'at any time'}`,
    run: (p, _delivery, requestId) =>
      viaGraph(d, START_BOOKING_SYNC, { input: { since: p.since ?? null } }, requestId, (data) =>
        runStarted('booking-sync', 'BookingSyncRun')(data.startBookingSync as Run),
      ),
  };
  const passportAlert: InboundSpec<typeof passportSchema> = {
    channel: 'N8N',
    action: 'passport-alert',
    schema: passportSchema,
    summary: (p) => `passport-alert: passport-expiry check${p.reason ? ` (${p.reason})` : ''}`,
    run: (_p, _delivery, requestId) =>
      viaGraph(d, START_PASSPORT_CHECK, {}, requestId, () =>
        answer(
          202,
          { accepted: true, action: 'passport-alert', queued: true },
          { effect: 'passport-expiry check queued' },
        ),
      ),
  };
  return { 'commission-reconcile': reconcile, 'booking-sync': bookingSync, 'passport-alert': passportAlert };
}

export const N8N_ACTIONS = ['passport-alert', 'commission-reconcile', 'booking-sync'] as const;
const isAction = (a: string): a is (typeof N8N_ACTIONS)[number] => (N8N_ACTIONS as readonly string[]).includes(a);

/** `POST /api/n8n/webhook/:action`. */
export function n8nHandler(deps: OpsDeps) {
  const specs = actions(deps);
  return async (req: Request, res: Response) => {
    if (!checkSecret(req, res, deps.env.N8N_WEBHOOK_SECRET, 'N8N_WEBHOOK_SECRET')) return;
    const action = String(req.params.action ?? '');
    if (!isAction(action)) {
      const { requestId } = publicCaller(req, res);
      res
        .status(404)
        .json(
          errorEnvelope(
            'NOT_FOUND',
            `Unknown n8n action: ${action.slice(0, 60)}. Known: ${N8N_ACTIONS.join(', ')}.`,
            requestId,
          ),
        );
      return;
    }
    // Each spec keeps its own payload type; the union is only for choosing one.
    const spec = specs[action] as InboundSpec<z.ZodType>;
    await handleInbound(deps, req, res, spec);
  };
}

/** An admin's replay of an n8n delivery: the same action on the stored body, as a new run. */
export function n8nReplayer(deps: OpsDeps) {
  const specs = actions(deps);
  return async (delivery: Delivery): Promise<DeliveryResult> => {
    const action = delivery.action ?? '';
    if (!isAction(action)) return { outcome: 'REFUSED', error: `unknown action ${action}` };
    const spec = specs[action] as InboundSpec<z.ZodType>;
    const requestId = `replay-${delivery.id}`;
    const parsed = parseBody(spec.schema, Buffer.from(delivery.requestBody ?? ''), requestId);
    if (!parsed.ok) return parsed.result;
    return spec.run(parsed.payload, delivery, requestId);
  };
}
