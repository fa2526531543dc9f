/**
 * Hive Gateway (`@graphql-hive/gateway`) with its defaults over the same supergraph, through its
 * programmatic runtime in one process; the only addition is the viewer header the subgraphs require,
 * through its `propagateHeaders` option (bench/peers/common.ts).
 */
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { port, supergraphSdl, viewerHeader } from '../common.ts';

const gateway = createGatewayRuntime({
  supergraph: supergraphSdl,
  logging: 'error',
  propagateHeaders: { fromClientToSubgraphs: ({ subgraphName }) => viewerHeader(subgraphName) },
});
const server = createServer(gateway);
server.listen(port, '127.0.0.1', () => console.error(`Hive Gateway at http://127.0.0.1:${port}/graphql`));
process.on('SIGTERM', () => {
  void Promise.resolve(gateway.dispose()).then(() => server.close(() => process.exit(0)));
});
