import {
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  separateOperations,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import {
  NexusError,
  PUBLIC,
  RANK_OF,
  clientMay,
  ownerOfField,
  rankOfField,
  type ClientMap,
  type RankMap,
  type Viewer,
} from '@nexus/platform';

const RANK_NAME = new Map(Object.entries(RANK_OF).map(([name, rank]) => [rank, name]));

export interface RankCheckResult {
  /** `Type.field` paths the viewer may not use. */
  denied: string[];
  /** Highest rank any denied field needs (Infinity when a field has no rank at all). */
  required: number;
  /** How many sign-in fields (`login`, the portal's sign-in mutations; aliases included) the operation runs. */
  loginFields: number;
  introspection: boolean;
  /**
   * Sort and filter arguments given through variables: their values differ per request, so they are
   * checked per request (`checkVariableRanks`) while the rest of this result is cached per document.
   */
  variableArguments: VariableArgument[];
}

/** An argument value (or part of one) supplied by a variable, with the type of the records it lists. */
export interface VariableArgument {
  variable: string;
  type: GraphQLInputType;
  listed: string;
}

/**
 * Sorting or filtering by a field reveals it (order travelers by date of birth and the order leaks
 * the birthdays), so each use needs the field's own rank. The rule is derived from the schema by
 * name, so every subgraph's lists are covered as they are added: an `...OrderField` enum value
 * `DATE_OF_BIRTH` means the listed type's `dateOfBirth`; a filter input field `commissionPct`,
 * `commissionPctMin`, `departureAfter`... means the field of that name without the suffix. Names
 * that match no field of the listed type (`search`, `hasPassport`) need nothing beyond the list.
 */
const RANGE_SUFFIX = /(Min|Max|After|Before|From|To)$/;
const fieldOfEnumValue = (value: string) =>
  value.toLowerCase().replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

/** The record type a list field returns: a connection's `nodes`, else the field's own named type. */
function listedTypeOf(field: GraphQLField<unknown, unknown>): GraphQLNamedType {
  const named = getNamedType(field.type);
  if (isObjectType(named)) {
    const nodes = named.getFields().nodes;
    if (nodes) return getNamedType(nodes.type);
  }
  return named;
}

const isOrderField = (type: GraphQLInputType) => {
  const named = getNamedType(type);
  return isEnumType(named) && /OrderField$/.test(named.name);
};

/** Arguments that sort or filter a list (`filter: XFilter`, `orderBy: XOrder`); mutation inputs are not. */
const isListArgument = (name: string, type: GraphQLInputType) =>
  name === 'filter' || name === 'orderBy' || /(Filter|Order)$/.test(getNamedType(type).name);

type Deny = (field: string, use: 'sort' | 'filter') => void;

/** Which ranked fields of `listed` an input value sorts or filters by. */
function inputFieldUses(listed: string, ranks: RankMap, type: GraphQLInputType, name: string, deny: Deny) {
  const named = getNamedType(type);
  if (isOrderField(named)) {
    if (rankOfField(ranks, listed, fieldOfEnumValue(name)) !== undefined) deny(fieldOfEnumValue(name), 'sort');
    return;
  }
  for (const candidate of [name, name.replace(RANGE_SUFFIX, '')]) {
    if (candidate && rankOfField(ranks, listed, candidate) !== undefined) return deny(candidate, 'filter');
  }
}

/** Walks a literal argument value; variables inside it are handed to `onVariable`. */
function walkLiteral(
  value: ValueNode,
  type: GraphQLInputType,
  listed: string,
  ranks: RankMap,
  deny: Deny,
  onVariable: (v: VariableArgument) => void,
) {
  if (value.kind === Kind.VARIABLE) return onVariable({ variable: value.name.value, type, listed });
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = value.kind === Kind.LIST ? value.values : [value];
    for (const item of items) walkLiteral(item, inner.ofType, listed, ranks, deny, onVariable);
    return;
  }
  if (isEnumType(inner) && value.kind === Kind.ENUM) return inputFieldUses(listed, ranks, inner, value.value, deny);
  if (isInputObjectType(inner) && value.kind === Kind.OBJECT) {
    const fields = inner.getFields();
    for (const f of value.fields) {
      const def = fields[f.name.value];
      if (!def) continue;
      // The input field itself may name a listed field (a filter); an enum inside it names one (a sort).
      if (!isOrderField(def.type)) inputFieldUses(listed, ranks, def.type, f.name.value, deny);
      walkLiteral(f.value, def.type, listed, ranks, deny, onVariable);
    }
  }
}

/** The same walk over a variable's JSON value. */
function walkValue(value: unknown, type: GraphQLInputType, listed: string, ranks: RankMap, deny: Deny) {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) walkValue(item, inner.ofType, listed, ranks, deny);
    return;
  }
  if (isEnumType(inner) && typeof value === 'string') return inputFieldUses(listed, ranks, inner, value, deny);
  if (isInputObjectType(inner) && typeof value === 'object' && !Array.isArray(value)) {
    const fields = inner.getFields();
    for (const [key, v] of Object.entries(value)) {
      const def = fields[key];
      if (!def) continue;
      if (!isOrderField(def.type)) inputFieldUses(listed, ranks, def.type, key, deny);
      walkValue(v, def.type, listed, ranks, deny);
    }
  }
}

/** Adds a sort or filter use of a field above the viewer's rank to `denied`. */
const denier =
  (ranks: RankMap, listed: string, viewer: Viewer, denied: Set<string>, raise: (min: number) => void): Deny =>
  (field, use) => {
    const min = rankOfField(ranks, listed, field);
    if (min === undefined || min === PUBLIC) return;
    if (viewer.rank < 0 || viewer.rank < min) {
      denied.add(`${listed}.${field} (${use})`);
      raise(min);
    }
  };

/**
 * The sort and filter uses supplied by variables, checked against this request's variable values.
 * Returns the result with those denials added (the cached result itself is not changed).
 */
export function checkVariableRanks(
  result: RankCheckResult,
  ranks: RankMap,
  variables: Record<string, unknown> | undefined,
  viewer: Viewer,
): RankCheckResult {
  if (result.variableArguments.length === 0) return result;
  const denied = new Set(result.denied);
  let required = result.required;
  for (const { variable, type, listed } of result.variableArguments) {
    const deny = denier(ranks, listed, viewer, denied, (min) => (required = Math.max(required, min)));
    walkValue(variables?.[variable], type, listed, ranks, deny);
  }
  return denied.size === result.denied.length ? result : { ...result, denied: [...denied].sort(), required };
}

/**
 * Whether the viewer may use a field by the schema: `@public` fields are open to all; a portal
 * traveller only `@client` fields whose owner their access level opens; everyone else by `@rank`
 * (a field with `@client` and no rank is for travellers only).
 */
export function mayUseField(ranks: RankMap, owners: ClientMap, type: string, field: string, viewer: Viewer): boolean {
  const min = rankOfField(ranks, type, field);
  if (min === PUBLIC) return true;
  if (viewer.kind === 'client') {
    const owner = ownerOfField(owners, type, field);
    return owner !== undefined && clientMay(viewer.client, owner);
  }
  return min !== undefined && viewer.rank >= 0 && viewer.rank >= min;
}

/** Mutations that try a credential: each counts against the per-address sign-in limit. */
const SIGN_IN_FIELDS = new Set([
  'login',
  'portalRequestSignIn',
  'portalConfirmSignIn',
  'portalSignInWithCode',
  'portalSignInWithPassword',
]);

/** The cache key of a check's answer: what `checkRanks` depends on besides the document. */
export const rankCheckKey = (viewer: Viewer): string =>
  viewer.kind === 'client' ? `client:${viewer.client?.access ?? ''}` : String(viewer.rank);

/**
 * Walks every field the operation selects (with the fragments it reaches, on every branch of every
 * abstract type) and compares it with the supergraph's `@rank` and `@client` maps, before a single
 * fetch is planned.
 */
export function checkRanks(
  schema: GraphQLSchema,
  ranks: RankMap,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  viewer: Viewer,
  owners: ClientMap = new Map(),
): RankCheckResult {
  const ownDocument = separateOperations(document)[operation.name?.value ?? ''] ?? document;
  const typeInfo = new TypeInfo(schema);
  const denied = new Set<string>();
  let required = -1;
  let loginFields = 0;
  let introspection = false;
  const variableArguments: VariableArgument[] = [];
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
        if (parent.name === 'Mutation' && SIGN_IN_FIELDS.has(name)) loginFields += 1;
        const min = rankOfField(ranks, parent.name, name);
        if (min === PUBLIC) return;
        if (!mayUseField(ranks, owners, parent.name, name, viewer)) {
          denied.add(`${parent.name}.${name}`);
          required = Math.max(required, min ?? Number.POSITIVE_INFINITY);
        }
        const def = typeInfo.getFieldDef();
        if (!def || !field.arguments?.length) return;
        const listed = listedTypeOf(def).name;
        const deny = denier(ranks, listed, viewer, denied, (m) => (required = Math.max(required, m)));
        for (const arg of field.arguments) {
          const argDef = def.args.find((a) => a.name === arg.name.value);
          if (argDef && isListArgument(argDef.name, argDef.type))
            walkLiteral(arg.value, argDef.type, listed, ranks, deny, (v) => variableArguments.push(v));
        }
      },
    }),
  );
  return { denied: [...denied].sort(), required, loginFields, introspection, variableArguments };
}

/** The error a denied operation gets: UNAUTHENTICATED for anonymous callers, FORBIDDEN otherwise. */
export function rankError(result: RankCheckResult, viewer: Viewer): NexusError {
  if (viewer.kind === 'client')
    return new NexusError('FORBIDDEN', `This is not available in the client portal: ${result.denied.join(', ')}.`, {
      fields: result.denied,
      http: { status: 403 },
    });
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
