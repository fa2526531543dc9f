import { SERVICES, gatewayExecutor, runAs, type GraphExecutor } from '@nexus/platform';
import type { MarketingDeps } from '../context.ts';

/**
 * Everything workflows and sequences do to data marketing does not own goes through the graph as
 * `service:marketing-automation` (advisor rank), so ranks and row rules apply and every write is
 * audited under that name: contact properties, tasks, activities, and trip data read through travel.
 */

const executors = new WeakMap<object, GraphExecutor>();
export function graphOf(deps: MarketingDeps): GraphExecutor {
  let g = executors.get(deps);
  if (!g) {
    g = gatewayExecutor({
      gatewayUrl: deps.env.GATEWAY_URL,
      secret: deps.env.INTERNAL_TOKEN_SECRET,
      timeoutMs: 15_000,
    });
    executors.set(deps, g);
  }
  return g;
}

/** The graph could not answer (the gateway or an upstream is down): try again later, never guess. */
export class GraphUnavailable extends Error {}
/** The graph refused the operation (bad input, rank, not found): retrying will not help. */
export class GraphRefused extends Error {}

async function run<T>(
  deps: MarketingDeps,
  query: string,
  variables: Record<string, unknown>,
  requestId: string,
): Promise<T> {
  let r: Awaited<ReturnType<typeof runAs>>;
  try {
    r = await runAs(graphOf(deps), SERVICES.marketingAutomation, { query, variables }, requestId);
  } catch (e) {
    throw new GraphUnavailable(`the gateway did not answer: ${(e as Error).message}`);
  }
  if (r.ok) return r.data as T;
  if (r.code === 'UPSTREAM_UNAVAILABLE' || r.code === 'INTERNAL_SERVER_ERROR' || r.code === 'RATE_LIMITED')
    throw new GraphUnavailable(`${r.code}: ${r.message}`);
  throw new GraphRefused(`${r.code}: ${r.message}`);
}

export interface TripFacts {
  travelling: boolean;
  hasUpcomingTrip: boolean;
  nextDestination: string | null;
  tripCount: number;
}

const TRIPS = `query AutomationTrips($id: ID!) { contact(id: $id) { id client { id trips(first: 25) { nodes { id status startDate endDate
  bookings(first: 5) { nodes { destination } } } } } } }`;

interface TripNode {
  status: string;
  startDate: string | null;
  endDate: string | null;
  bookings: { nodes: { destination: string | null }[] } | null;
}

/**
 * The contact's trips from TT-API (through travel). Throws GraphUnavailable while TT-API (or the
 * gateway) is down: a branch on trip data then waits and asks again rather than taking "no".
 */
export async function tripFacts(deps: MarketingDeps, contactId: string, now: Date): Promise<TripFacts> {
  const data = await run<{ contact: { client: { trips: { nodes: TripNode[] } | null } | null } | null }>(
    deps,
    TRIPS,
    { id: contactId },
    `automation:trips:${contactId}`,
  );
  const client = data.contact?.client;
  // A linked client whose trips could not be read is an outage, not "no trips".
  if (client && !client.trips) throw new GraphUnavailable('trip data is not available right now');
  const trips = client?.trips?.nodes ?? [];
  const today = now.toISOString().slice(0, 10);
  const live = trips.filter((t) => !['CANCELLED', 'INQUIRY'].includes(t.status));
  const travelling = live.some(
    (t) => t.status === 'TRAVELING' || (!!t.startDate && !!t.endDate && t.startDate <= today && today <= t.endDate),
  );
  const upcoming = live
    .filter((t) => t.startDate && t.startDate > today && t.status !== 'COMPLETED')
    .sort((a, b) => String(a.startDate).localeCompare(String(b.startDate)));
  return {
    travelling,
    hasUpcomingTrip: upcoming.length > 0,
    nextDestination: upcoming[0]?.bookings?.nodes.find((b) => b.destination)?.destination ?? null,
    tripCount: trips.length,
  };
}

const CONTACT = `query AutomationContact($id: ID!) { contact(id: $id) { id tags customFields owner { id } } }`;
const UPDATE = `mutation AutomationUpdateContact($input: UpdateContactInput!) { updateContact(input: $input) { id } }`;

export async function readContact(deps: MarketingDeps, contactId: string, requestId: string) {
  const d = await run<{
    contact: { id: string; tags: string[]; customFields: Record<string, unknown>; owner: { id: string } | null } | null;
  }>(deps, CONTACT, { id: contactId }, requestId);
  if (!d.contact) throw new GraphRefused(`NOT_FOUND: contact ${contactId} does not exist`);
  return d.contact;
}

export async function updateContact(
  deps: MarketingDeps,
  input: Record<string, unknown>,
  requestId: string,
): Promise<void> {
  await run(deps, UPDATE, { input }, requestId);
}

const TASK = `mutation AutomationTask($input: CreateTaskInput!) { createTask(input: $input) { id } }`;
export async function createTask(
  deps: MarketingDeps,
  input: Record<string, unknown>,
  requestId: string,
): Promise<string> {
  const d = await run<{ createTask: { id: string } }>(deps, TASK, { input }, requestId);
  return d.createTask.id;
}

const ACTIVITY = `mutation AutomationActivity($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
export async function logActivity(
  deps: MarketingDeps,
  input: Record<string, unknown>,
  requestId: string,
): Promise<string> {
  const d = await run<{ logActivity: { id: string } }>(deps, ACTIVITY, { input }, requestId);
  return d.logActivity.id;
}
