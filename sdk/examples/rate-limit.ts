/**
 * The key's query-cost budget for this hour, from the `rateLimit` field and from the headers.
 *
 *   NEXUS_API_KEY=nxk_... npx node sdk/examples/rate-limit.ts
 */
import { Me, NexusClient, RateLimit } from '@nexus/sdk';

const sdk = new NexusClient({
  url: process.env.NEXUS_URL ?? 'http://localhost:4000/graphql',
  apiKey: process.env.NEXUS_API_KEY,
});

const { rateLimit } = await sdk.request(RateLimit);
console.log('rateLimit field:', rateLimit);
console.log('headers of the last answer:', sdk.rateLimit);
// `me` is the signed-in staff member: null for an API key.
console.log('me:', (await sdk.request(Me)).me);
