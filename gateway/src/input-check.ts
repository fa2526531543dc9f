import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type GraphQLSchema } from 'graphql';
import { NexusError, assertOperationInput } from '@nexus/platform';
import type { GatewayContext } from './context.ts';

/**
 * Refuses bad argument values (control characters, over-long strings, impossible dates) as
 * BAD_USER_INPUT naming the argument path, after the rank check and before any fetch is planned,
 * so a subgraph or PostgreSQL never sees them and nothing is written.
 */
export function inputCheckPlugin(schema: GraphQLSchema): ApolloServerPlugin<GatewayContext> {
  // Apollo hands the same parsed document to every run of an operation. One that declares no
  // variables carries only literals, so once it passes it passes every time.
  const passed = new WeakSet<DocumentNode>();
  const literalsOnly = (document: DocumentNode) =>
    document.definitions.every((d) => d.kind !== Kind.OPERATION_DEFINITION || !d.variableDefinitions?.length);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (passed.has(document)) return;
          try {
            assertOperationInput(schema, document, request.variables);
            if (literalsOnly(document)) passed.add(document);
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
