/**
 * Overhead of the graph over TT-API: a contact with its traveler, trips and bookings read through
 * the gateway (gateway -> crm -> travel -> TT-API simulator), against the same travel data read
 * from the simulator directly with the three calls the travel subgraph makes. Same closed loop,
 * same concurrency for both (requests/s and latency percentiles per complete answer).
 *
 *   npm run bench -- travel-overhead        (BENCH_SECONDS=15 and BENCH_CONCURRENCY=20 by default)
 */
import { processEnv } from '@nexus/platform';
import {
  closedLoop,
  cpuPerRequest,
  fixedRequests,
  record,
  signIn,
  startSimulatorProcess,
  startStack,
} from './support.ts';

const vars = processEnv();
const seconds = Number(vars.BENCH_SECONDS ?? 15);
const concurrency = Number(vars.BENCH_CONCURRENCY ?? 20);
const SIM_PORT = 3199;
const simUrl = `http://127.0.0.1:${SIM_PORT}`;
const simHeaders = { 'x-api-key': 'tt-sim-key', accept: 'application/json' };

const JOURNEY = `query Journey($id: ID!) { contact(id: $id) { id firstName lastName
  traveler { id firstName lastName trips(first: 25) { nodes { id name status startDate bookings(first: 25) { nodes { id bookingReference status departureDate totalPriceCents } } } } } } }`;

const simulator = await startSimulatorProcess(SIM_PORT);
try {
  const stack = await startStack({ env: { TT_API_URL: simUrl }, subgraphs: ['identity', 'crm', 'travel'] });
  try {
    const token = await signIn(stack.gatewayUrl, 'advisor@nexus.test');
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data ?? {};
    };

    // The linked demo contact with the most bookings on its traveler's trips.
    type Candidate = {
      id: string;
      ttTravelerId: string | null;
      traveler: { trips: { nodes: { id: string; bookings: { nodes: { id: string }[] } }[] } } | null;
    };
    const page = (await gql(
      '{ contacts(first: 100) { nodes { id ttTravelerId traveler { trips(first: 10) { nodes { id bookings(first: 10) { nodes { id } } } } } } } }',
    )) as {
      contacts: { nodes: Candidate[] };
    };
    const size = (c: Candidate) => (c.traveler?.trips.nodes ?? []).reduce((n, t) => n + 1 + t.bookings.nodes.length, 0);
    const contact = page.contacts.nodes.filter((c) => c.ttTravelerId).sort((a, b) => size(b) - size(a))[0];
    if (!contact?.ttTravelerId) throw new Error('no demo contact is linked to a TT-API traveler');
    const travelerId = contact.ttTravelerId;
    const tripIds = (contact.traveler?.trips.nodes ?? []).map((t) => t.id);

    const statsTotal = async () => ((await (await fetch(`${simUrl}/__sim/stats`)).json()) as { total: number }).total;
    const before = await statsTotal();
    await gql(JOURNEY, { id: contact.id });
    const ttCallsPerRequest = (await statsTotal()) - before;

    const throughGateway = () => gql(JOURNEY, { id: contact.id }).then(() => undefined);
    // What the travel subgraph sends for that selection, in the same order, parsed like it does.
    const direct = async () => {
      const get = async (path: string) => {
        const res = await fetch(`${simUrl}${path}`, { headers: simHeaders });
        if (!res.ok) throw new Error(`${res.status} ${path}`);
        return res.json();
      };
      await get(`/api/travelers?ids=${travelerId}&limit=100`);
      await get(`/api/client-trips?travelerIds=${travelerId}&page=1&limit=100&sortBy=createdAt&sortOrder=desc`);
      if (tripIds.length)
        await get(`/api/bookings?clientTripIds=${tripIds.join(',')}&page=1&limit=100&sortBy=createdAt&sortOrder=desc`);
    };

    /** CPU ms per request, per process (machine load barely moves it, unlike latency). */
    const pids: Record<string, number> = { ...stack.pids, simulator: simulator.pid };
    const cpuPer = async (run: () => Promise<unknown>, requests = 1000) =>
      (await cpuPerRequest(pids, () => fixedRequests(run, requests, 10))).cpuMsPerRequest;

    await closedLoop(throughGateway, 3, concurrency); // warm-up
    const gateway = await closedLoop(throughGateway, seconds, concurrency);
    await closedLoop(direct, 3, concurrency);
    const simulatorDirect = await closedLoop(direct, seconds, concurrency);

    const cpuMsPerRequest = { throughGateway: await cpuPer(throughGateway), simulatorDirect: await cpuPer(direct) };

    record('travel-overhead', {
      command: 'npm run bench -- travel-overhead',
      load: { seconds, concurrency, closedLoop: true },
      shape: {
        trips: tripIds.length,
        bookings: (contact.traveler?.trips.nodes ?? []).reduce((n, t) => n + t.bookings.nodes.length, 0),
        ttApiCallsPerGatewayRequest: ttCallsPerRequest,
      },
      throughGateway: gateway,
      simulatorDirect,
      cpuMsPerRequest,
      overhead: {
        throughputRatio: Math.round((gateway.requestsPerSecond / simulatorDirect.requestsPerSecond) * 100) / 100,
        addedP95Ms: Math.round((gateway.p95 - simulatorDirect.p95) * 100) / 100,
      },
    });
  } finally {
    await stack.stop();
  }
} finally {
  simulator.stop();
}
