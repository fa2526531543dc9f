/**
 * Every subgraph in the supergraph, listed once. Start, migrate, compose, codegen, the gateway's
 * subgraph URLs, the worker, the test system, the rank matrix, the benches and the docker-compose
 * check all read this list; adding a subgraph is its folder (`npm run new-subgraph <name>`) plus
 * one entry here. Order is start order. Ports (DESIGN): identity 4001, crm 4002, marketing 4003,
 * sales 4004, service 4005, travel 4006, ops 4007.
 *
 * Each entry is light (name and port, what the gateway and compose need); `load()` imports the
 * subgraph's manifest (`src/manifest.ts`, with its entities, resolvers and jobs) only for the
 * processes that run or generate it.
 */
import { z } from 'zod';
import { envPrefix, splitUrls, urlListVariable, urlVariable, type AnySubgraphManifest, type PublicPrefix } from '@nexus/platform';

export interface RegistryEntry {
  name: string;
  port: number;
  /**
   * URL prefixes of the public pages and webhooks this subgraph serves through the gateway (its
   * manifest's `publicRoutes`), each with its rate tier at the REST edge.
   */
  public?: readonly PublicPrefix[];
  load(): Promise<AnySubgraphManifest>;
}

export const SUBGRAPHS = [
  { name: 'identity', port: 4001, load: async () => (await import('./identity/src/manifest.ts')).identityManifest },
  { name: 'crm', port: 4002, load: async () => (await import('./crm/src/manifest.ts')).crmManifest },
  {
    name: 'travel',
    port: 4006,
    public: [
      { prefix: '/i', tier: 'general' },
      // The portal's vault downloads (short-lived signed links).
      { prefix: '/portal-files', tier: 'general' },
      // Stripe's signed events for installments paid through Checkout.
      { prefix: '/webhooks/stripe', tier: 'webhooks', headers: ['stripe-signature'] },
    ],
    load: async () => (await import('./travel/src/manifest.ts')).travelManifest,
  },
  {
    name: 'marketing',
    port: 4003,
    public: [
      { prefix: '/unsubscribe', tier: 'general' },
      { prefix: '/t', tier: 'general' },
      { prefix: '/preferences', tier: 'general' },
      // Replies to sequence emails (an inbound-parse webhook; shared secret in a header).
      { prefix: '/webhooks/sequence-replies', tier: 'webhooks', headers: ['x-inbound-secret'] },
      // Hosted forms: submissions (and the form page itself) on the webhook tier, since bots post here.
      { prefix: '/forms', tier: 'webhooks' },
      { prefix: '/lp', tier: 'general' },
      {
        prefix: '/webhooks/esp',
        tier: 'webhooks',
        // SendGrid's signed Event Webhook: marketing verifies these over the raw body.
        headers: ['x-twilio-email-event-webhook-signature', 'x-twilio-email-event-webhook-timestamp'],
      },
    ],
    load: async () => (await import('./marketing/src/manifest.ts')).marketingManifest },
  { name: 'sales', port: 4004, public: [{ prefix: '/q', tier: 'general' }, { prefix: '/meet', tier: 'general' }], load: async () => (await import('./sales/src/manifest.ts')).salesManifest },
  {
    name: 'service',
    port: 4005,
    public: [
      { prefix: '/kb', tier: 'general' },
      { prefix: '/s', tier: 'general' },
      { prefix: '/webhooks/inbound-email', tier: 'webhooks', headers: ['x-inbound-secret'] },
      // Ticket attachments: signed upload and download addresses (issued by the graph to staff who may).
      { prefix: '/attachments', tier: 'general' },
    ],
    load: async () => (await import('./service/src/manifest.ts')).serviceManifest,
  },
  {
    name: 'ops',
    port: 4007,
    public: [
      // n8n actions and TT-API/groups hooks: a shared secret in X-Webhook-Secret, idempotent through the ledger.
      { prefix: '/api/n8n', tier: 'webhooks', headers: ['x-webhook-secret', 'idempotency-key', 'x-idempotency-key'] },
      { prefix: '/hooks/tt-api', tier: 'webhooks', headers: ['x-webhook-secret', 'idempotency-key', 'x-idempotency-key'] },
      { prefix: '/hooks/groups', tier: 'webhooks', headers: ['x-webhook-secret', 'idempotency-key', 'x-idempotency-key'] },
      // Slack's Events API, slash commands and interactivity: signed (v0 HMAC over the raw body) and verified by ops.
      {
        prefix: '/slack',
        tier: 'webhooks',
        headers: ['x-slack-signature', 'x-slack-request-timestamp', 'x-slack-retry-num', 'x-slack-retry-reason'],
      },
    ],
    load: async () => (await import('./ops/src/manifest.ts')).opsManifest,
  },
] as const satisfies readonly RegistryEntry[];

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

/** A registered subgraph's manifest; the registry and the manifest must agree on name and port. */
export async function loadManifest(entry: RegistryEntry): Promise<AnySubgraphManifest> {
  const m = await entry.load();
  if (m.name !== entry.name || m.port !== entry.port) {
    throw new Error(
      `subgraphs/registry.ts lists ${entry.name}:${entry.port} but its manifest says ${m.name}:${m.port}`,
    );
  }
  return m;
}

/** Every manifest, in registry order (imports every subgraph's code). */
export const loadManifests = (entries: readonly RegistryEntry[] = SUBGRAPHS): Promise<AnySubgraphManifest[]> =>
  Promise.all(entries.map(loadManifest));

/** `crm` -> `CRM_URL`: where the gateway finds a subgraph. */
export type UrlVariable<N extends string> = `${Uppercase<N>}_URL`;

/** A `<NAME>_URL` value: one URL, or one per replica separated by commas. */
export { splitUrls };

/**
 * The gateway's `<NAME>_URL` variables, each defaulting to the subgraph's registry port on loopback.
 * A comma-separated list names the subgraph's replicas; the gateway spreads its calls over them.
 */
export const subgraphUrlEnv = Object.fromEntries(
  SUBGRAPHS.map((s) => [urlVariable(s.name), urlListVariable(`http://127.0.0.1:${s.port}/graphql`)]),
) as { [N in SubgraphName as UrlVariable<N>]: ReturnType<typeof urlListVariable> };

/** Subgraph name -> GraphQL URL, from an env parsed with `subgraphUrlEnv`. */
export const subgraphUrls = (env: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(SUBGRAPHS.map((s) => [s.name, String(env[urlVariable(s.name)])]));

/**
 * Replicas: `npm start` runs `<NAME>_REPLICAS` processes of a subgraph and `GATEWAY_REPLICAS`
 * gateways (one each by default). Replica k (from 0) listens `REPLICA_PORT_STEP * k` above the
 * first one's port: crm 4002, 4012; the gateway 4000, 4010. At most MAX_REPLICAS, so the ports
 * stay below the development inbox's 4090.
 */
export const REPLICA_PORT_STEP = 10;
export const MAX_REPLICAS = 8;

/** `crm` -> `CRM_REPLICAS`, `gateway` -> `GATEWAY_REPLICAS`. */
export const replicasVariable = (name: string) => `${envPrefix(name)}_REPLICAS`;

/** The ports of a process's replicas, the first one's (its registry port or `<NAME>_PORT`) first. */
export const replicaPorts = (first: number, replicas: number): number[] =>
  Array.from({ length: replicas }, (_, k) => first + REPLICA_PORT_STEP * k);

const replicaCount = z.coerce.number().int().min(1).max(MAX_REPLICAS).default(1);

/** `GATEWAY_REPLICAS` and `<NAME>_REPLICAS` per registered subgraph, for `npm start`. */
export const replicaEnv = Object.fromEntries(
  ['gateway', ...SUBGRAPHS.map((s) => s.name)].map((name) => [replicasVariable(name), replicaCount]),
) as Record<string, typeof replicaCount>;
