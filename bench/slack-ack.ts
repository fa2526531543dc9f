/**
 * Issue figure for Slack: the slash-command acknowledgement p99 with 20 commands in flight at once
 * (target under 1 s; Slack gives up after 3 s). Each command is signed as Slack signs it and sent
 * through the gateway's REST edge to ops, which verifies it, records it in the ledger, queues the
 * work and answers; the work itself (the worker) is not part of the figure.
 *
 *   npm run bench -- slack-ack
 */
import { randomUUID } from 'node:crypto';
import { signSlackBody } from '../subgraphs/ops/src/slack/sign.ts';
import { percentile, record, round2, startStack } from './support.ts';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const secret = `bench-slack-signing-${randomUUID()}`;
const stack = await startStack({
  subgraphs: ['identity', 'ops'],
  // Every command comes from this one address; the figure is the ack, not the per-address rate tier.
  env: {
    DATABASE_PREFIX: 'nexus_benchslack_',
    SLACK_SIGNING_SECRET: secret,
    RATE_LIMIT_WEBHOOKS: '1000000',
    RATE_LIMIT_GLOBAL: '1000000',
  },
});

const command = async (): Promise<{ ms: number; status: number }> => {
  const body = new URLSearchParams({
    command: '/nexus',
    text: 'ticket Bench printer on fire',
    user_id: 'UBENCH',
    channel_id: 'CBENCH',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: randomUUID(),
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const t = performance.now();
  const res = await fetch(`${stack.gatewayUrl}/slack/commands`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signSlackBody(secret, ts, body),
    },
    body,
  });
  await res.arrayBuffer();
  return { ms: performance.now() - t, status: res.status };
};

try {
  // Warm-up: connections, JIT, the first ledger and outbox inserts.
  await Promise.all(Array.from({ length: CONCURRENCY }, command));
  const times: number[] = [];
  let failures = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const a of await Promise.all(Array.from({ length: CONCURRENCY }, command))) {
      times.push(a.ms);
      if (a.status !== 200) failures++;
    }
  }
  const figures = {
    concurrency: CONCURRENCY,
    commands: times.length,
    failures,
    ackP50Ms: round2(percentile(times, 50)),
    ackP99Ms: round2(percentile(times, 99)),
    ackMaxMs: round2(Math.max(...times)),
    targetP99Ms: 1000,
    ok: failures === 0 && percentile(times, 99) < 1000,
  };
  record('slack-ack', figures);
  if (!figures.ok) process.exitCode = 1;
} finally {
  await stack.stop();
}
