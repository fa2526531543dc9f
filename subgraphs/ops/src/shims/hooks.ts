/**
 * Inbound hooks from TT-API (`/hooks/tt-api/booking-update`, `/hooks/tt-api/payment`, with the
 * service key in `X-Webhook-Secret` = `TT_API_HOOK_SECRET`) and the groups app (`/hooks/groups/*`,
 * `GROUPS_WEBHOOK_SECRET`): schema-checked (400 otherwise) and idempotent through the ledger.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { SERVICES, errorEnvelope, publicCaller, runAs } from '@nexus/platform';
import type { OpsDeps } from '../context.ts';
import type { Delivery } from '../entities/index.ts';
import type { DeliveryResult } from '../ledger/ledger.ts';
import { answer, checkSecret, handleInbound, parseBody, refusal, type InboundSpec } from './inbound.ts';

const bookingUpdateSchema = z.looseObject({
  bookingReference: z.string().trim().min(1).max(40),
  bookingId: z.uuid().optional(),
  status: z.string().trim().min(1).max(40).optional(),
  vendorConfirmationNumber: z.string().trim().max(60).nullish(),
  updatedAt: z.iso.datetime({ offset: true }).optional(),
});
const paymentSchema = z.looseObject({
  bookingId: z.uuid(),
  amountCents: z.int().positive().max(Number.MAX_SAFE_INTEGER),
  paymentId: z.uuid().optional(),
  method: z.string().trim().max(40).optional(),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
const groupsSchema = z.looseObject({
  groupId: z.string().trim().min(1).max(100),
  data: z.record(z.string(), z.unknown()).optional(),
});

const START_BOOKING_SYNC = `mutation TtBookingUpdate($input: StartBookingSyncInput) { startBookingSync(input: $input) { id } }`;
const HOUR_MS = 3_600_000;

function ttSpecs(d: OpsDeps) {
  const bookingUpdate: InboundSpec<typeof bookingUpdateSchema> = {
    channel: 'TT_API_HOOK',
    action: 'booking-update',
    schema: bookingUpdateSchema,
    summary: (p) => `booking-update ${p.bookingReference}${p.status ? ` → ${p.status}` : ''}`,
    // The booking changed in TT-API: a booking sync since just before brings its deal into the CRM.
    run: async (p, _delivery, requestId) => {
      const since = new Date((p.updatedAt ? Date.parse(p.updatedAt) : d.clock().getTime()) - HOUR_MS).toISOString();
      const outcome = await runAs(
        d.graph,
        SERVICES.opsAutomation,
        { query: START_BOOKING_SYNC, variables: { input: { since } } },
        requestId,
      );
      if (!outcome.ok) return refusal(outcome.status, outcome.code, outcome.message, requestId);
      const run = outcome.data.startBookingSync as { id: string };
      return answer(
        202,
        { accepted: true, bookingReference: p.bookingReference, bookingSyncRunId: run.id },
        {
          effect: `booking ${p.bookingReference} updated; booking sync ${run.id} started`,
          effectRefs: [{ type: 'BookingSyncRun', id: run.id }],
        },
      );
    },
  };
  const payment: InboundSpec<typeof paymentSchema> = {
    channel: 'TT_API_HOOK',
    action: 'payment',
    schema: paymentSchema,
    summary: (p) => `payment of ${p.amountCents} cents on booking ${p.bookingId}`,
    // TT-API holds payments; Nexus reads them from there. The notice itself is the record.
    run: async (p) =>
      answer(
        200,
        { received: true, bookingId: p.bookingId, amountCents: p.amountCents },
        {
          effect: `payment of ${p.amountCents} cents on booking ${p.bookingId} noted`,
          effectRefs: [{ type: 'Booking', id: p.bookingId }],
        },
      ),
  };
  return { 'booking-update': bookingUpdate, payment };
}

const groupsSpec = (event: string): InboundSpec<typeof groupsSchema> => ({
  channel: 'GROUPS_HOOK',
  action: event,
  schema: groupsSchema,
  summary: (p) => `groups ${event} for group ${p.groupId}`,
  run: async (p) =>
    answer(
      200,
      { received: true, event, groupId: p.groupId },
      { effect: `groups app ${event} for ${p.groupId} noted` },
    ),
});

const EVENT = /^[a-z][a-z0-9-]{0,59}$/;

const notFound = (req: Request, res: Response, what: string) =>
  res
    .status(404)
    .json(errorEnvelope('NOT_FOUND', `Unknown hook: ${what.slice(0, 60)}.`, publicCaller(req, res).requestId));

export function ttApiHookHandler(deps: OpsDeps) {
  const specs = ttSpecs(deps);
  return async (req: Request, res: Response) => {
    if (!checkSecret(req, res, deps.env.TT_API_HOOK_SECRET, 'TT_API_HOOK_SECRET')) return;
    const hook = String(req.params.hook ?? '');
    if (hook !== 'booking-update' && hook !== 'payment') return void notFound(req, res, hook);
    await handleInbound(deps, req, res, specs[hook] as InboundSpec<z.ZodType>);
  };
}

export function groupsHookHandler(deps: OpsDeps) {
  return async (req: Request, res: Response) => {
    if (!checkSecret(req, res, deps.env.GROUPS_WEBHOOK_SECRET, 'GROUPS_WEBHOOK_SECRET')) return;
    const event = String(req.params.event ?? '');
    if (!EVENT.test(event)) return void notFound(req, res, event);
    await handleInbound(deps, req, res, groupsSpec(event) as InboundSpec<z.ZodType>);
  };
}

/** Replays of hook deliveries: the same handling on the stored body. */
export function hookReplayers(deps: OpsDeps) {
  const tt = ttSpecs(deps);
  const replay = async (spec: InboundSpec<z.ZodType> | undefined, delivery: Delivery): Promise<DeliveryResult> => {
    if (!spec) return { outcome: 'REFUSED', error: `unknown hook ${delivery.action ?? ''}` };
    const requestId = `replay-${delivery.id}`;
    const parsed = parseBody(spec.schema, Buffer.from(delivery.requestBody ?? ''), requestId);
    return parsed.ok ? spec.run(parsed.payload, delivery, requestId) : parsed.result;
  };
  return {
    TT_API_HOOK: (delivery: Delivery) =>
      replay(
        delivery.action === 'booking-update' || delivery.action === 'payment'
          ? (tt[delivery.action] as InboundSpec<z.ZodType>)
          : undefined,
        delivery,
      ),
    GROUPS_HOOK: (delivery: Delivery) =>
      replay(groupsSpec(delivery.action ?? 'event') as InboundSpec<z.ZodType>, delivery),
  };
}
