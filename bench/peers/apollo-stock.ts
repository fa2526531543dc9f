/**
 * Stock `@apollo/gateway` + `@apollo/server` over the same supergraph, with no Nexus plugins: the
 * only addition is the viewer header the subgraphs require (bench/peers/common.ts).
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { port, supergraphSdl, viewerHeader } from './common.ts';

const gateway = new ApolloGateway({
  supergraphSdl,
  buildService: ({ name, url }) =>
    new (class extends RemoteGraphQLDataSource {
      override async willSendRequest({
        request,
      }: Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0]) {
        for (const [k, v] of Object.entries(await viewerHeader(name))) request.http?.headers.set(k, v);
      }
    })({ url }),
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
console.error(`stock @apollo/gateway at ${url}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
