import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema } from 'graphql';
import { NexusError, assertOperationInput } from '@nexus/platform';
import type { GatewayContext } from './context.ts';

/**
 * Refuses bad argument values (control characters, over-long strings, impossible dates) as
 * BAD_USER_INPUT naming the argument path, after the rank check and before any fetch is planned,
 * so a subgraph or PostgreSQL never sees them and nothing is written.
 */
export function inputCheckPlugin(schema: GraphQLSchema): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          try {
            assertOperationInput(schema, document, request.variables);
          } catch (e) {
            if (e instanceof NexusError) {
              throw new NexusError(e.code, e.message, { fields: e.extensions.fields, http: { status: 400 } });
            }
            throw e;
          }
        },
      };
    },
  };
}
