/**
 * Service identities. Jobs and REST shims that act on the graph (TT-API sync, workflow steps, form
 * submissions, Slack commands, n8n actions) never write around the graph: they run GraphQL
 * operations through the gateway's own pipeline as a named service principal with a role's rank
 * (or as the staff member they map to), so ranks, row rules, masking and auditing apply to them as
 * to people. Subgraphs see the principal in the signed viewer token and record `service:<name>`.
 */
import type { FormattedExecutionResult } from 'graphql';
import { httpStatusOf, type ErrorCode } from './errors.ts';
import { isRole, type Role } from './ranks.ts';
import { serviceViewer, type Viewer } from './viewer.ts';

export interface ServicePrincipal {
  /** Lower kebab case; audit records and logs show it as `service:<name>`. */
  readonly name: string;
  /** The rank it acts with: the least its work needs. */
  readonly role: Role;
}

const NAME = /^[a-z][a-z0-9-]{1,39}$/;

export function servicePrincipal(name: string, role: Role): ServicePrincipal {
  if (!NAME.test(name)) throw new Error(`service principal name must be lower kebab case: ${name}`);
  if (!isRole(role)) throw new Error(`service principal ${name} has no valid role`);
  return Object.freeze({ name, role });
}

/** Every service that acts on the graph, in one place, so a review sees who may write what. */
export const SERVICES = {
  /**
   * TT-API pushing its CRM contacts and deals (`POST /api/internal/*`), and travel's booking sync
   * pulling changed bookings' deals into the CRM; the sync mutations are admin-only.
   */
  ttSync: servicePrincipal('tt-sync', 'ADMIN'),
  /**
   * sales moving a quote's deal when the quote is sent, viewed or accepted (`moveDeal` is advisor
   * rank), and creating an accepted quote's deposit schedule in TT-API (`createPaymentSchedule`,
   * reading `paymentSchedules`: manager rank).
   */
  salesQuotes: servicePrincipal('sales-quotes', 'MANAGER'),
  /** sales matching a booked meeting's visitor to a crm contact (or creating one) and logging the meeting. */
  salesMeetings: servicePrincipal('sales-meetings', 'AGENT'),
  /**
   * marketing's public forms: a submission's contact matched by email, created, or its empty fields
   * filled (`updateContact` is advisor rank), and the submission logged as an activity.
   */
  marketingForms: servicePrincipal('marketing-forms', 'ADVISOR'),
  /**
   * The service desk reading TT-API through travel: a requester's trips (travelling now, destination,
   * supplier), trips that ended (surveys), travel alerts and the bookings they affect (incidents).
   * Reads only; advisor rank for bookings' travellers and clients' contact details.
   */
  serviceDesk: servicePrincipal('service-desk', 'ADVISOR'),
  /**
   * ops running automations (n8n actions, TT-API and groups hooks): travel's commission
   * reconciliation and booking sync runs (manager rank) and the CRM deal updates they make.
   */
  opsAutomation: servicePrincipal('ops-automation', 'MANAGER'),
  /**
   * Slack: finds the staff member a Slack user maps to (by email; the staff directory is viewer
   * rank). Commands and buttons then run as that staff member (`onBehalfOf`), never as this
   * principal, so their own rank and row rules decide what happens.
   */
  slack: servicePrincipal('slack', 'VIEWER'),
  /**
   * marketing's workflows and sequences acting on a contact: updating its properties, creating its
   * tasks, logging replies as activities (advisor rank), and reading its trips through travel.
   */
  marketingAutomation: servicePrincipal('marketing-automation', 'ADVISOR'),
  /**
   * travel's portal notices: reads which traveller accounts opted in to trip emails, and their
   * addresses (identity's traveller accounts are agent rank). Reads only.
   */
  travelPortalNotices: servicePrincipal('travel-portal-notices', 'AGENT'),
  /**
   * identity checking, before a traveller is invited to the client portal, that the TT-API traveler
   * exists and travels on the client named (reads `traveler` through travel, viewer rank). Reads only.
   */
  portalInvitations: servicePrincipal('portal-invitations', 'VIEWER'),
} as const;

/**
 * Principals that may run an operation as a staff member they mapped their caller to (a Slack user
 * by email). The gateway reads that person's current role and state from identity; a token from any
 * other principal naming a person is refused.
 */
export const ACTS_FOR_STAFF: ReadonlySet<string> = new Set([SERVICES.slack.name]);

/** The viewer a principal's operations run as. */
export const viewerOfService = (principal: ServicePrincipal, requestId: string | null = null): Viewer =>
  serviceViewer(principal.name, principal.role, requestId);

/** Runs one operation through the gateway's pipeline (auth is the caller's; limits, ranks, masking are the gateway's). */
export type GraphExecutor = (
  viewer: Viewer,
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
  requestId: string,
) => Promise<FormattedExecutionResult>;

/** What a shim needs from an operation's answer: the data, or the first error as a REST error. */
export type ServiceOutcome =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; status: number; code: ErrorCode; message: string; details: unknown };

const isErrorCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(httpStatusOf, code);

/**
 * Runs `operation` as `principal` (or, given a Viewer, as the staff member a shim mapped its caller
 * to) and turns the answer into what a REST shim sends: data, or an error with its HTTP status.
 */
export async function runAs(
  execute: GraphExecutor,
  as: ServicePrincipal | Viewer,
  operation: { query: string; variables?: Record<string, unknown>; operationName?: string },
  requestId: string,
): Promise<ServiceOutcome> {
  const viewer = 'kind' in as ? as : viewerOfService(as, requestId);
  const result = await execute({ ...viewer, requestId }, operation, requestId);
  const error = result.errors?.[0];
  if (error || !result.data) {
    const code = isErrorCode(error?.extensions?.code) ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
    return {
      ok: false,
      status: httpStatusOf[code],
      code,
      message: error?.message ?? 'The operation did not complete.',
      details: error?.extensions?.fields ?? null,
    };
  }
  return { ok: true, data: result.data };
}
