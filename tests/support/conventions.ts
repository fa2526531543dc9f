import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';

/** Arguments of the old list conventions that no field may take any more. */
const RETIRED_ARGUMENTS = ['limit', 'offset', 'page', 'sort', 'search'];
const PAGING_ARGUMENTS: Record<string, string> = { first: 'Int', after: 'String', last: 'Int', before: 'String' };

const namedOf = (t: GraphQLType): string => getNamedType(t).name;
const isRecord = (t: GraphQLNamedType): t is GraphQLObjectType => isObjectType(t) && 'id' in t.getFields();
/** Roots of writes and events, and mutation payloads (a bulk action's results are not a list to page). */
const isPlumbing = (name: string) => name.startsWith('_') || name === 'Mutation' || name === 'Subscription' || name.endsWith('Payload');

/**
 * The graph's list and money conventions, checked over a whole schema (the composed API schema in
 * tests, any new subgraph's included): every list of records is a nullable cursor connection with
 * the same argument shapes, every connection has the same shape, every `...Cents` value is `Cents`.
 * Returns one line per problem.
 */
export function conventionProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const results = mutationResults(schema);

  for (const type of types) {
    if (isObjectType(type) && type.name.endsWith('Connection')) problems.push(...connectionShape(schema, type));
    if (isObjectType(type) && !isPlumbing(type.name) && !results.has(type.name) && !type.name.endsWith('Connection') && !type.name.endsWith('Edge')) {
      for (const field of Object.values(type.getFields())) problems.push(...listField(type.name, field));
    }
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values<{ name: string; type: GraphQLType }>(type.getFields())) {
        if (field.name.endsWith('Cents') && namedOf(field.type) !== 'Cents') {
          problems.push(`${type.name}.${field.name} is money but typed ${namedOf(field.type)}, not Cents`);
        }
      }
    }
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          if (RETIRED_ARGUMENTS.includes(arg.name)) problems.push(`${type.name}.${field.name}(${arg.name}:) uses a retired list argument`);
          if (arg.name.endsWith('Cents') && getNamedType(arg.type).name !== 'Cents') {
            problems.push(`${type.name}.${field.name}(${arg.name}:) is money but typed ${getNamedType(arg.type).name}, not Cents`);
          }
        }
      }
    }
  }
  return problems;
}

/**
 * Types that only ever come back from a mutation (a sync report, a bulk action's results): what a
 * write did, not a list anyone pages through.
 */
function mutationResults(schema: GraphQLSchema): Set<string> {
  const returned = new Set(Object.values(schema.getMutationType()?.getFields() ?? {}).map((f) => namedOf(f.type)));
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name === 'Mutation' || returned.has(type.name)) continue;
    for (const field of Object.values(type.getFields())) returned.delete(namedOf(field.type));
  }
  return returned;
}

function listField(owner: string, field: GraphQLField<unknown, unknown>): string[] {
  const where = `${owner}.${field.name}`;
  const nullable = getNullableType(field.type);
  const named = getNamedType(field.type);
  if (isListType(nullable) && isRecord(named)) return [`${where} returns a plain list of ${named.name}; lists of records are connections`];
  if (!named.name.endsWith('Connection') || !isObjectType(named)) return [];
  const problems: string[] = [];
  if (isNonNullType(field.type)) problems.push(`${where} must be nullable, so a refused page errors at that field alone`);
  for (const [name, typeName] of Object.entries(PAGING_ARGUMENTS)) {
    const arg = field.args.find((a) => a.name === name);
    if (!arg) problems.push(`${where} lacks the ${name} argument`);
    else if (isNonNullType(arg.type) || getNamedType(arg.type).name !== typeName) problems.push(`${where}(${name}:) must be an optional ${typeName}`);
  }
  const orderBy = field.args.find((a) => a.name === 'orderBy');
  if (orderBy) {
    const input = getNamedType(orderBy.type);
    const fields = isInputObjectType(input) ? input.getFields() : {};
    const fieldEnum = fields.field ? getNamedType(fields.field.type) : undefined;
    if (!fieldEnum || !isEnumType(fieldEnum) || getNamedType(fields.direction?.type ?? orderBy.type).name !== 'OrderDirection') {
      problems.push(`${where}(orderBy:) must be an input of { field: <allow-list enum>, direction: OrderDirection }`);
    }
  }
  const filter = field.args.find((a) => a.name === 'filter');
  if (filter && !isInputObjectType(getNamedType(filter.type))) problems.push(`${where}(filter:) must be an input object`);
  return problems;
}

function connectionShape(schema: GraphQLSchema, type: GraphQLObjectType): string[] {
  const node = type.name.replace(/Connection$/, '');
  const fields = type.getFields();
  const expect: Record<string, string> = {
    edges: `[${node}Edge!]!`,
    nodes: `[${node}!]!`,
    pageInfo: 'PageInfo!',
    totalCount: 'Int!',
  };
  const problems = Object.entries(expect)
    .filter(([name, shape]) => String(fields[name]?.type) !== shape)
    .map(([name, shape]) => `${type.name}.${name} must be ${shape} (is ${String(fields[name]?.type ?? 'missing')})`);
  const edge = schema.getType(`${node}Edge`);
  if (!edge || !isObjectType(edge)) problems.push(`${type.name} has no ${node}Edge type`);
  else {
    const e = edge.getFields();
    if (String(e.cursor?.type) !== 'String!') problems.push(`${node}Edge.cursor must be String!`);
    if (String(e.node?.type) !== `${node}!`) problems.push(`${node}Edge.node must be ${node}!`);
  }
  if (!isScalarType(schema.getType('Cents'))) problems.push('the schema has no Cents scalar');
  return problems;
}
