/**
 * Issue figure for landing pages: requests/s and latency of `GET /lp/:slug` through the gateway's
 * REST edge at 50 connections. The page is a published one with a hero, text, an image, an
 * embedded form and a footer; every request is rendered by marketing and counts its view (one
 * upsert), as a visitor's would. The rate tiers are raised: the figure is the page, not the
 * per-address limit.
 *
 *   npm run bench -- landing-page
 */
import autocannon from 'autocannon';
import { cpuPerRequest, percentile, record, round2, signIn, startStack } from './support.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const stack = await startStack({
  subgraphs: ['identity', 'marketing'],
  env: { DATABASE_PREFIX: 'nexus_benchlp_', RATE_LIMIT_GLOBAL: '1000000', RATE_LIMIT_GENERAL: '1000000' },
});

const gql = async <T>(token: string, query: string, variables: Record<string, unknown>): Promise<T> => {
  const res = await fetch(`${stack.gatewayUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
};

try {
  const token = await signIn(stack.gatewayUrl, 'advisor@nexus.test');
  const { createForm } = await gql<{ createForm: { id: string } }>(
    token,
    'mutation($i: CreateFormInput!) { createForm(input: $i) { id } }',
    {
      i: {
        name: 'Bench enquiry',
        fields: [
          { key: 'firstName', label: 'First name', type: 'TEXT', required: true, contactField: 'FIRST_NAME' },
          { key: 'email', label: 'Email', type: 'EMAIL', required: true },
          { key: 'trip', label: 'Dream trip', type: 'SELECT', options: ['Safari', 'Antarctica', 'Japan'] },
          { key: 'source', label: 'Source', type: 'HIDDEN', queryParam: 'utm_source', defaultValue: 'direct' },
        ],
        consent: { text: 'Travel Tamers may email me trip ideas.', required: false },
      },
    },
  );
  const slug = `bench-${Date.now().toString(36)}`;
  const { createLandingPage } = await gql<{ createLandingPage: { id: string } }>(
    token,
    'mutation($i: CreateLandingPageInput!) { createLandingPage(input: $i) { id } }',
    {
      i: {
        name: 'Bench page',
        slug,
        title: 'Spring journeys',
        description: 'Hand-built spring journeys with Travel Tamers.',
        ogImageUrl: 'https://images.example.com/spring.jpg',
        blocks: [
          {
            type: 'HERO',
            heading: 'Spring journeys',
            text: 'Twelve hand-built trips.',
            buttonLabel: 'Ask us',
            buttonUrl: '#ask',
          },
          { type: 'TEXT', heading: 'Why now', text: 'Shoulder season.\n\nFewer crowds, better light.' },
          { type: 'IMAGE', imageUrl: 'https://images.example.com/kenya.jpg', alt: 'Elephants at dusk' },
          { type: 'FORM', heading: 'Ask an advisor', formId: createForm.id },
          { type: 'FOOTER', text: 'Travel Tamers, Sydney' },
        ],
      },
    },
  );
  await gql(token, 'mutation($id: ID!) { publishLandingPage(id: $id) { id } }', { id: createLandingPage.id });
  const url = `${stack.gatewayUrl}/lp/${slug}?utm_source=bench&utm_medium=email&utm_campaign=spring`;
  const check = await fetch(url);
  const html = await check.text();
  if (check.status !== 200 || !html.includes('<title>Spring journeys</title>'))
    throw new Error(`page not served: ${check.status}`);

  // Warm-up: connections, JIT, the first renders.
  await new Promise((r) => autocannon({ url, connections: CONNECTIONS, duration: 3 }, r));
  const times: number[] = [];
  const figures = await cpuPerRequest(
    { gateway: stack.pids.gateway ?? 0, marketing: stack.pids.marketing ?? 0 },
    async () => {
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 60 }, (err, res) =>
          err ? reject(err) : resolve(res),
        );
        instance.on('response', (_c, _s, _b, responseTime) => void times.push(responseTime));
      });
      return {
        requests: times.length,
        requestsPerSecond: round2(times.length / seconds),
        p50Ms: round2(percentile(times, 50)),
        p95Ms: round2(percentile(times, 95)),
        p99Ms: round2(percentile(times, 99)),
        non2xx: result.non2xx,
        timeouts: result.errors,
        pageBytes: Buffer.byteLength(html),
      };
    },
  );
  record('landing-page', { command: 'npm run bench -- landing-page', connections: CONNECTIONS, seconds, ...figures });
  if (figures.non2xx || figures.timeouts) process.exitCode = 1;
} finally {
  await stack.stop();
}
