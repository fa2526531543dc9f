import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValidationRule,
} from 'graphql';
import { limitExceeded, withoutSuggestions } from '@nexus/platform';

export interface SocketLimits {
  /** graphql-js stops lexing past this many tokens, so a huge document costs almost nothing. */
  maxTokens: number;
  /** The same depth, alias, directive and cost rules HTTP validates with (from `operationLimits`). */
  validationRules: readonly ValidationRule[];
  maxPayloadBytes: number;
  subscriptionsPerSocket: number;
  subscriptionsPerUser: number;
  hideSuggestions: boolean;
  /**
   * Distinct live queries (re-reads shared by subscribers with the same document, variables and
   * viewer, or rank where declared) this process serves at once; default DEFAULT_MAX_SUBSCRIPTION_GROUPS.
   */
  maxSubscriptionGroups?: number;
  /** Open subscriptions on this process across all sockets; default DEFAULT_MAX_SUBSCRIBERS. */
  maxSubscribers?: number;
  /** False: every subscriber re-reads each event on its own (for comparison); default true. */
  sharedHydration?: boolean;
  /**
   * Limits that need the variables (such as a cost that counts requested page sizes): throw a
   * GraphQLError to refuse. Runs after validation, before anything is executed.
   */
  checkOperation?: (
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
  ) => void;
}

export const DEFAULT_MAX_SUBSCRIPTION_GROUPS = 5_000;
export const DEFAULT_MAX_SUBSCRIBERS = 20_000;

const withCode = (e: GraphQLError, fallback: string, hideSuggestions: boolean) =>
  new GraphQLError(hideSuggestions ? withoutSuggestions(e.message) : e.message, {
    ...(e.nodes ? { nodes: e.nodes } : {}),
    extensions: { code: typeof e.extensions.code === 'string' ? e.extensions.code : fallback },
  });

/**
 * Parse and validate a socket operation under the HTTP limits, before any other work: the token
 * limit aborts the parse early, then the schema rules and armor's rules run in one pass.
 */
export function parseWithinLimits(
  schema: GraphQLSchema,
  query: unknown,
  limits: SocketLimits,
): { document: DocumentNode } | { errors: GraphQLError[] } {
  if (typeof query !== 'string')
    return {
      errors: [new GraphQLError('Send the operation as a string.', { extensions: { code: 'BAD_USER_INPUT' } })],
    };
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens });
  } catch (e) {
    const error = e instanceof GraphQLError ? e : new GraphQLError('Syntax error.');
    return { errors: [withCode(error, 'GRAPHQL_PARSE_FAILED', limits.hideSuggestions)] };
  }
  const errors = validate(schema, document, [...specifiedRules, ...limits.validationRules]);
  if (errors.length)
    return { errors: errors.map((e) => withCode(e, 'GRAPHQL_VALIDATION_FAILED', limits.hideSuggestions)) };
  return { document };
}

/**
 * Open subscriptions per socket and per user (or API key) on this gateway, so one client cannot
 * turn each change into hundreds of hydration queries.
 */
export class SubscriptionQuota {
  private readonly perUser = new Map<string, number>();
  private readonly limits: SocketLimits;
  constructor(limits: SocketLimits) {
    this.limits = limits;
  }

  /** Reserves one slot, or throws LIMIT_EXCEEDED; the returned release is safe to call twice. */
  reserve(socket: { open: number }, principalKey: string): () => void {
    if (socket.open >= this.limits.subscriptionsPerSocket) {
      throw limitExceeded(
        `This connection already has ${this.limits.subscriptionsPerSocket} subscriptions open, the most one connection may hold. Complete one first.`,
        { limit: this.limits.subscriptionsPerSocket },
      );
    }
    const current = this.perUser.get(principalKey) ?? 0;
    if (current >= this.limits.subscriptionsPerUser) {
      throw limitExceeded(
        `You already have ${this.limits.subscriptionsPerUser} subscriptions open, the most one account may hold. Complete one first.`,
        { limit: this.limits.subscriptionsPerUser },
      );
    }
    socket.open += 1;
    this.perUser.set(principalKey, current + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      socket.open -= 1;
      const left = (this.perUser.get(principalKey) ?? 1) - 1;
      if (left > 0) this.perUser.set(principalKey, left);
      else this.perUser.delete(principalKey);
    };
  }
}
