/**
 * Issue figure for live boards: the time from a `moveDeal` response arriving at one client to a
 * `dealChanged(pipelineId)` subscriber on another connection receiving the moved deal (the gateway
 * re-reads it as the subscriber), over 200 moves, one at a time. Also from the request being sent.
 * Target: p95 under 100 ms on this machine.
 *
 *   npm run bench -- crm-events          (BENCH_MOVES=200 by default)
 */
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { percentile, record, round2, signIn, startStack } from './support.ts';

const moves = Number(process.env.BENCH_MOVES ?? 200);

const stack = await startStack({ env: { DATABASE_PREFIX: 'nexus_benchcrm_' }, portBase: 4200 });
try {
  const advisor = await signIn(stack.gatewayUrl, 'advisor@nexus.test');
  const viewer = await signIn(stack.gatewayUrl, 'viewer@nexus.test');
  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${advisor}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown };
    if (body.errors || !body.data) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };

  const { pipelines } = await gql<{
    pipelines: { nodes: { id: string; pipelineType: string; stages: { nodes: { id: string; outcome: string }[] } }[] };
  }>('{ pipelines { nodes { id pipelineType stages(first: 30) { nodes { id outcome } } } } }');
  const pipeline = pipelines.nodes.find((p) => p.pipelineType === 'CORPORATE');
  const [a, b] = pipeline?.stages.nodes.filter((s) => s.outcome === 'OPEN') ?? [];
  if (!pipeline || !a || !b) throw new Error('no corporate pipeline with two open stages');
  const { createDeal } = await gql<{ createDeal: { id: string } }>(
    'mutation($p: ID!) { createDeal(input: { title: "Event latency bench", pipelineId: $p, amountCents: 100000 }) { id } }',
    { p: pipeline.id },
  );

  // The subscriber: another connection, another user, the pipeline's board.
  const waiting = new Map<string, (at: number) => void>();
  const client = createClient({
    url: `${stack.gatewayUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${viewer}` },
    retryAttempts: 0,
  });
  const dispose = client.subscribe<{ dealChanged: { id: string; stage: { id: string } } }>(
    {
      query:
        'subscription($p: ID) { dealChanged(pipelineId: $p) { id title stage { id name } weightedAmountCents owner { name } } }',
      variables: { p: pipeline.id },
    },
    {
      next: (msg) => {
        const at = performance.now();
        const stageId = msg.data?.dealChanged.stage.id;
        if (msg.data?.dealChanged.id === createDeal.id && stageId) waiting.get(stageId)?.(at);
      },
      error: (e) => console.error('subscription error', e),
      complete: () => undefined,
    },
  );
  await new Promise((r) => setTimeout(r, 500));

  const fromResponse: number[] = [];
  const fromRequest: number[] = [];
  for (let i = 0; i < moves; i++) {
    const to = i % 2 === 0 ? b : a;
    const received = new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`move ${i}: no event within 5 s`)), 5000);
      waiting.set(to.id, (at) => (clearTimeout(t), resolve(at)));
    });
    const sent = performance.now();
    await gql('mutation($d: ID!, $s: ID!) { moveDeal(input: { dealId: $d, stageId: $s }) { id } }', {
      d: createDeal.id,
      s: to.id,
    });
    const responded = performance.now();
    const at = await received;
    waiting.delete(to.id);
    // The event can beat the response home: it is published before the mutation answers.
    fromResponse.push(Math.max(0, at - responded));
    fromRequest.push(at - sent);
  }
  dispose();
  await client.dispose();

  const figures = (values: number[]) => ({
    p50: round2(percentile(values, 50)),
    p95: round2(percentile(values, 95)),
    max: round2(Math.max(...values)),
  });
  record('crm-events', {
    command: 'npm run bench -- crm-events',
    moves,
    msFromMoveDealResponseToSubscriber: figures(fromResponse),
    msFromMoveDealRequestToSubscriber: figures(fromRequest),
    targetP95Ms: 100,
  });
} finally {
  await stack.stop();
}
