/** @nexus/sdk: a typed client for the Nexus GraphQL API (see sdk/README.md). */
export { NexusClient, type NexusClientOptions, type RateLimitHeaders } from './client.ts';
export * from './errors.ts';
export * from './operations.ts';
export type * from './__generated__/graphql.ts';
