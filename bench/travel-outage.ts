/**
 * TT-API down, circuit open: travel fields must fail fast (p99 under 50 ms) while the rest of the
 * graph carries on (a non-travel query's p99 within 10% of its figure with TT-API healthy).
 *
 * The outage is the nastiest kind: TT-API accepts connections and never answers, so without the
 * breaker every travel call would wait out its 10 s timeout, twice. Each phase runs two closed
 * loops side by side (a CRM-only query, and a query mixing CRM fields with a travel field), so the
 * CRM-only figure carries the weight of concurrent travel traffic in both states: healthy, then
 * TT-API hanging with the breaker open, then healthy again (the two healthy phases bracket the
 * outage, so background drift on a shared machine shows). While open, a travel-only query is also
 * timed through the gateway and against the travel subgraph directly.
 *
 *   npm run bench -- travel-outage        (BENCH_SECONDS=15 and BENCH_CONCURRENCY=4 by default)
 */
import { DEMO_USERS, processEnv, signViewerToken, viewerFor } from '@nexus/platform';
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
const concurrency = Number(vars.BENCH_CONCURRENCY ?? 4);
const SIM_PORT = 3198;
const simUrl = `http://127.0.0.1:${SIM_PORT}`;

const NON_TRAVEL = '{ contacts(first: 10) { nodes { id firstName lastName company { id name } } } }';
const WITH_TRAVEL =
  'query($id: ID!) { contact(id: $id) { id firstName lastName traveler { id firstName trips { nodes { id status } } } } }';
const TRAVEL_ONLY = 'query($id: ID!) { traveler(id: $id) { id firstName lastName } }';

interface Answer {
  data?: { contact?: { firstName: string; traveler: unknown } | null } | null;
  errors?: { extensions?: { code?: string } }[];
}

const simulator = await startSimulatorProcess(SIM_PORT);
try {
  const stack = await startStack({
    env: { TT_API_URL: simUrl, LOG_LEVEL: 'error' },
    subgraphs: ['identity', 'crm', 'travel'],
  });
  try {
    const token = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
    const post = async (query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
      const res = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Answer;
    };
    const contacts = (await post('{ contacts(first: 100) { nodes { id ttTravelerId } } }')) as unknown as {
      data: { contacts: { nodes: { id: string; ttTravelerId: string | null }[] } };
    };
    const contact = contacts.data.contacts.nodes.find((c) => c.ttTravelerId);
    if (!contact) throw new Error('no demo contact is linked to a TT-API traveler');

    const nonTravel = async () => {
      const a = await post(NON_TRAVEL);
      if (a.errors) throw new Error('non-travel query failed');
    };
    let failedFast = 0;
    let crmDataKept = 0;
    const withTravel = async () => {
      const a = await post(WITH_TRAVEL, { id: contact.id });
      if (a.errors?.every((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE')) failedFast++;
      if (a.data?.contact?.firstName && a.data.contact.traveler === null) crmDataKept++;
    };

    let travelOnlyFailedFast = 0;
    const travelOnly = async () => {
      const a = await post(TRAVEL_ONLY, { id: contact.ttTravelerId });
      if (a.errors?.every((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE')) travelOnlyFailedFast++;
    };
    // The travel subgraph alone, as the gateway calls it: its share of a failing travel field.
    const viewer = DEMO_USERS.find((u) => u.role === 'VIEWER');
    const secret = stack.env.INTERNAL_TOKEN_SECRET;
    if (!secret) throw new Error('the bench stack has no INTERNAL_TOKEN_SECRET');
    // Viewer tokens live at most five minutes: enough for this case.
    const viewerToken = await signViewerToken(viewerFor(viewer?.id ?? '', 'VIEWER'), 'travel', secret, 300);
    let subgraphFailedFast = 0;
    const travelSubgraphOnly = async () => {
      const res = await fetch(`${stack.urls.travel}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-nexus-viewer': viewerToken },
        body: JSON.stringify({ query: TRAVEL_ONLY, variables: { id: contact.ttTravelerId } }),
      });
      const a = (await res.json()) as Answer;
      if (a.errors?.every((e) => e.extensions?.code === 'UPSTREAM_UNAVAILABLE')) subgraphFailedFast++;
    };
    const sim = (method: string, path: string, body?: unknown) =>
      fetch(`${simUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const breakerState = async () =>
      ((await post('{ integrationHealth { state } }')) as unknown as { data: { integrationHealth: { state: string } } })
        .data.integrationHealth.state;
    /** The CRM-only query and the mixed one, side by side. */
    const side = async () => {
      failedFast = 0;
      crmDataKept = 0;
      const [nonTravelFigures, mixed] = await Promise.all([
        closedLoop(nonTravel, seconds, concurrency),
        closedLoop(withTravel, seconds, concurrency),
      ]);
      return {
        nonTravelQuery: nonTravelFigures,
        queryWithTravelField: {
          ...mixed,
          failedWithUpstreamUnavailable: failedFast,
          crmDataStillReturned: crmDataKept,
        },
      };
    };

    /** CPU ms per request, per process: unlike latency, barely moved by what else the machine runs. */
    const cpuPer = async (run: () => Promise<unknown>, requests = 500) =>
      (await cpuPerRequest(stack.pids, () => fixedRequests(run, requests, concurrency))).cpuMsPerRequest;

    await closedLoop(nonTravel, 3, concurrency); // warm-up
    const healthyBefore = await side();
    const cpuHealthy = { nonTravelQuery: await cpuPer(nonTravel), queryWithTravelField: await cpuPer(withTravel) };

    // TT-API hangs: connections accepted, no answer. The first travel calls time out (10 s, one
    // retry) and open the breaker.
    await sim('POST', '/__sim/faults', { latencyMs: 120_000 });
    const opening = Array.from({ length: 5 }, () => post(TRAVEL_ONLY, { id: contact.ttTravelerId }));
    const until = Date.now() + 60_000;
    while ((await breakerState()) !== 'OPEN' && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    if ((await breakerState()) !== 'OPEN') throw new Error('the breaker did not open');
    await Promise.all(opening);

    const open = await side();
    const cpuOpen = { nonTravelQuery: await cpuPer(nonTravel), queryWithTravelField: await cpuPer(withTravel) };
    const openTravelOnly = await closedLoop(travelOnly, seconds, concurrency);
    const openTravelSubgraph = await closedLoop(travelSubgraphOnly, seconds, concurrency);

    // TT-API answers again: the breaker half-opens after its reset timeout and closes after 2 good trials.
    await sim('DELETE', '/__sim/faults');
    const closeBy = Date.now() + 120_000;
    while ((await breakerState()) !== 'CLOSED' && Date.now() < closeBy) {
      await post(TRAVEL_ONLY, { id: contact.ttTravelerId });
      await new Promise((r) => setTimeout(r, 500));
    }
    const healthyAfter = await side();

    const baselineP99 = (healthyBefore.nonTravelQuery.p99 + healthyAfter.nonTravelQuery.p99) / 2;
    record('travel-outage', {
      command: 'npm run bench -- travel-outage',
      load: {
        seconds,
        concurrencyPerLoop: concurrency,
        closedLoop: true,
        outage: 'TT-API accepts connections and never answers',
      },
      healthyBefore,
      ttApiHangingCircuitOpen: {
        ...open,
        travelOnlyThroughGateway: { ...openTravelOnly, failedWithUpstreamUnavailable: travelOnlyFailedFast },
        travelOnlyAtTravelSubgraph: { ...openTravelSubgraph, failedWithUpstreamUnavailable: subgraphFailedFast },
      },
      healthyAfter,
      cpuMsPerRequest: { healthy: cpuHealthy, ttApiHangingCircuitOpen: cpuOpen },
      targets: {
        travelFieldFailP99AtSubgraphMs: openTravelSubgraph.p99,
        travelQueryFailP99ThroughGatewayMs: openTravelOnly.p99,
        travelFailsFastUnder50Ms: openTravelSubgraph.p99 < 50 && openTravelOnly.p99 < 50,
        nonTravelHealthyP99Ms: Math.round(baselineP99 * 100) / 100,
        nonTravelOutageP99Ms: open.nonTravelQuery.p99,
        nonTravelP99ChangePct: Math.round(((open.nonTravelQuery.p99 - baselineP99) / baselineP99) * 1000) / 10,
        nonTravelP99Within10Pct: open.nonTravelQuery.p99 <= baselineP99 * 1.1,
        nonTravelCpuChangePct:
          Math.round(
            (((cpuOpen.nonTravelQuery.total ?? 0) - (cpuHealthy.nonTravelQuery.total ?? 0)) /
              (cpuHealthy.nonTravelQuery.total ?? 1)) *
              1000,
          ) / 10,
      },
    });
  } finally {
    await stack.stop();
  }
} finally {
  simulator.stop();
}
