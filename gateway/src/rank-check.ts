import {
  TypeInfo,
  separateOperations,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { NexusError, PUBLIC, RANK_OF, rankOfField, type RankMap, type Viewer } from '@nexus/platform';

const RANK_NAME = new Map(Object.entries(RANK_OF).map(([name, rank]) => [rank, name]));

export interface RankCheckResult {
  /** `Type.field` paths the viewer may not use. */
  denied: string[];
  /** Highest rank any denied field needs (Infinity when a field has no rank at all). */
  required: number;
  /** How many `login` fields (aliases included) the operation runs. */
  loginFields: number;
  introspection: boolean;
}

/**
 * Walks every field the operation selects (with the fragments it reaches, on every branch of every
 * abstract type) and compares it with the supergraph's `@rank` map, before a single fetch is planned.
 */
export function checkRanks(
  schema: GraphQLSchema,
  ranks: RankMap,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  viewer: Viewer,
): RankCheckResult {
  const ownDocument = separateOperations(document)[operation.name?.value ?? ''] ?? document;
  const typeInfo = new TypeInfo(schema);
  const denied = new Set<string>();
  let required = -1;
  let loginFields = 0;
  let introspection = false;
  visit(
    ownDocument,
    visitWithTypeInfo(typeInfo, {
      Field(field) {
        const parent = typeInfo.getParentType();
        const name = field.name.value;
        // Introspection types (__Schema, __Type, ...) are gated as a whole by `introspection` below.
        if (!parent || name === '__typename' || parent.name.startsWith('__')) return;
        if (name === '__schema' || name === '__type') {
          introspection = true;
          return;
        }
        if (parent.name === 'Mutation' && name === 'login') loginFields += 1;
        const min = rankOfField(ranks, parent.name, name);
        if (min === PUBLIC) return;
        if (min === undefined || viewer.rank < 0 || viewer.rank < min) {
          denied.add(`${parent.name}.${name}`);
          required = Math.max(required, min ?? Number.POSITIVE_INFINITY);
        }
      },
    }),
  );
  return { denied: [...denied].sort(), required, loginFields, introspection };
}

/** The error a denied operation gets: UNAUTHENTICATED for anonymous callers, FORBIDDEN otherwise. */
export function rankError(result: RankCheckResult, viewer: Viewer): NexusError {
  // Anonymous callers learn nothing about the schema, not even the names of the fields they sent.
  if (viewer.rank < 0) return new NexusError('UNAUTHENTICATED', 'Sign in to continue.', { http: { status: 401 } });
  const needed = RANK_NAME.get(result.required);
  return new NexusError(
    'FORBIDDEN',
    needed
      ? `Your role does not allow this: ${result.denied.join(', ')} needs ${needed} or above.`
      : `Your role does not allow this: ${result.denied.join(', ')}.`,
    { fields: result.denied, ...(needed ? { requiredRank: needed } : {}), http: { status: 403 } },
  );
}
