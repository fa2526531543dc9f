/**
 * The operation cost limit. graphql-armor's cost limit counts every field once, so a query for 100
 * contacts, each with 100 deals, each with 100 activities, cost the same as one contact with one
 * deal. Here a field that pages (`first`, `last`, or a legacy `limit`) multiplies the cost of its
 * selection by the page size it asks for, or by the default page size when it asks for none, so the
 * estimate is an upper bound of the records the operation can touch.
 */
import {
  Kind,
  getNamedType,
  isCompositeType,
  valueFromASTUntyped,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, limitExceeded } from '@nexus/platform';

/** The arguments that set how many items a field returns. */
const PAGE_ARGUMENTS = ['first', 'last', 'limit'] as const;

export interface CostOptions {
  /** Page size assumed for a paging field called without a size. */
  defaultPageSize?: number;
}

/**
 * The cost of one operation: 1 per field, and a paging field's selection counted once per item.
 * Fragments are summed over every type condition (an upper bound); `@skip`/`@include` are ignored
 * for the same reason.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  options: CostOptions = {},
): number {
  const defaultPageSize = options.defaultPageSize ?? DEFAULT_PAGE_SIZE;
  // Without variables the cost is the operation's own: Apollo hands the same parsed document to
  // every run of it (and the cost limit and the key budget both ask), so it is walked once.
  const constant = !operation.variableDefinitions?.length;
  if (constant) {
    const known = constantCosts.get(operation);
    if (known && known.schema === schema && known.defaultPageSize === defaultPageSize) return known.cost;
  }
  const cost = walkCost(schema, document, operation, variables, defaultPageSize);
  if (constant) constantCosts.set(operation, { schema, defaultPageSize, cost });
  return cost;
}

const constantCosts = new WeakMap<
  OperationDefinitionNode,
  { schema: GraphQLSchema; defaultPageSize: number; cost: number }
>();

function walkCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  defaultPageSize: number,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;

  const pageSize = (
    field: GraphQLField<unknown, unknown>,
    args: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[],
  ) => {
    const pages = field.args.some((a) => (PAGE_ARGUMENTS as readonly string[]).includes(a.name));
    if (!pages) return 1;
    for (const name of PAGE_ARGUMENTS) {
      const arg = args.find((a) => a.name.value === name);
      if (!arg) continue;
      const value = valueFromASTUntyped(arg.value, variables);
      if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, Math.trunc(value));
    }
    // A paging argument's own default (e.g. `limit: Int = 50`) is what the subgraph will use.
    for (const name of PAGE_ARGUMENTS) {
      const declared = field.args.find((a) => a.name === name)?.defaultValue;
      if (typeof declared === 'number') return declared;
    }
    return defaultPageSize;
  };

  // A fragment spread inside itself is refused by validation; the guard keeps the walk finite anyway.
  const walk = (set: SelectionSetNode, type: GraphQLCompositeType, visiting: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__') && !selection.selectionSet) continue;
        const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
        if (!field) {
          cost += 1;
          continue;
        }
        cost += 1;
        if (!selection.selectionSet) continue;
        const named = getNamedType(field.type);
        if (!isCompositeType(named)) continue;
        const below = walk(selection.selectionSet, named, visiting);
        cost += pageSize(field, selection.arguments ?? []) * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        cost += walk(selection.selectionSet, condition && isCompositeType(condition) ? condition : type, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || visiting.has(name)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        cost += walk(
          fragment.selectionSet,
          condition && isCompositeType(condition) ? condition : type,
          new Set([...visiting, name]),
        );
      }
    }
    return cost;
  };
  return walk(operation.selectionSet, root, new Set());
}

/** HTTP 400 with the operation-limit code, so a client can tell "ask for less" from a malformed request. */
export const costLimitError = (cost: number, maxCost: number) =>
  limitExceeded(
    `This operation may touch about ${cost} records and fields, above the limit of ${maxCost}. Ask for smaller pages (first/last) or fewer nested lists.`,
    { limit: 'cost', http: { status: 400 } },
  );
