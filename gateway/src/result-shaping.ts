import { createRequire } from 'node:module';
import {
  ERRORS,
  isCompositeType,
  isCustomScalarType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isSubtype,
  typenameFieldName,
  Variable,
  type CompositeType,
  type Operation,
  type OutputType,
  type Schema,
  type Selection,
  type SelectionSet,
} from '@apollo/federation-internals';
import type { GraphQLError } from 'graphql';

/**
 * `@apollo/gateway`'s last step, done with less work per row: the answer the client asked for (its
 * aliases, `@skip`/`@include`, fragments, `__typename`, nulls bubbled up to the nearest nullable
 * field, each invalid value reported) from what the subgraphs returned.
 *
 * Apollo's `computeResponse` (`dist/resultShaping.js`) asks every selection of every row again what
 * its directives say, what its field's type and response name are and whether it is introspection,
 * and checks each leaf value against the schema's built-in types by name: a fifth of the gateway's
 * CPU on a 200-deal board. Here each selection set is read once per answer (directives and all, as
 * variables do not change within one), and each field type once per schema, then every row reuses
 * it. The answer, errors and error paths are Apollo's own, which `tests/gateway/result-shaping.test.ts`
 * checks against Apollo's function on the same inputs.
 */
export interface ShapingInput {
  operation: Operation;
  variables?: Record<string, unknown>;
  input: Record<string, unknown> | null | undefined;
  introspectionHandling: (selection: Selection) => unknown;
}
export interface ShapingOutput {
  data: Record<string, unknown> | null | undefined;
  errors: GraphQLError[];
}

const BUBBLE_UP = 1;
const OK = 0;

/** How a field's (possibly wrapped) type completes a value, worked out once per type. */
type TypePlan =
  | { kind: 'nonNull'; of: TypePlan; ofType: OutputType }
  | { kind: 'list'; of: TypePlan; ofType: OutputType }
  | { kind: 'composite'; type: CompositeType }
  | { kind: 'leaf'; valid: (value: unknown) => boolean };

/** One selection of a selection set, as this answer applies it to every row. */
type Step =
  | {
      kind: 'field';
      selection: Selection;
      responseName: string;
      introspection: boolean;
      typename: boolean;
      plan: TypePlan;
      fieldType: OutputType;
      selectionSet: SelectionSet | undefined;
    }
  | { kind: 'fragment'; typeCondition: CompositeType | undefined; selectionSet: SelectionSet };

interface Parameters {
  schema: Schema;
  variables: Record<string, unknown>;
  errors: GraphQLError[];
  introspectionHandling: (selection: Selection) => unknown;
  steps: Map<SelectionSet, Step[]>;
}

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const own = Object.prototype.hasOwnProperty;

/** The schema's `isValidLeafValue` for one leaf type, decided once instead of per value. */
function leafCheck(schema: Schema, type: OutputType): (value: unknown) => boolean {
  if (isCustomScalarType(type)) return () => true;
  const isBoolean = type === schema.booleanType();
  const isInt = type === schema.intType();
  const isId = type === schema.idType();
  const isFloat = type === schema.floatType();
  const enumType = isEnumType(type) ? type : undefined;
  return (value) => {
    if (typeof value === 'boolean') return isBoolean;
    if (typeof value === 'number' && Number.isFinite(value))
      return isInt || isId ? INTEGER.test(String(value)) : isFloat;
    if (typeof value === 'string') {
      if (enumType) return enumType.value(value) !== undefined;
      return !isBoolean && !isInt && !isFloat;
    }
    return false;
  };
}

const typePlans = new WeakMap<Schema, Map<OutputType, TypePlan>>();
function typePlan(schema: Schema, type: OutputType): TypePlan {
  let plans = typePlans.get(schema);
  if (!plans) typePlans.set(schema, (plans = new Map()));
  let plan = plans.get(type);
  if (plan) return plan;
  if (isNonNullType(type)) plan = { kind: 'nonNull', of: typePlan(schema, type.ofType), ofType: type.ofType };
  else if (isListType(type)) plan = { kind: 'list', of: typePlan(schema, type.ofType), ofType: type.ofType };
  else if (isCompositeType(type)) plan = { kind: 'composite', type };
  else plan = { kind: 'leaf', valid: leafCheck(schema, type) };
  plans.set(type, plan);
  return plan;
}

function ifValue(
  directive: { arguments(): Record<string, unknown>; toString(): string },
  variables: Record<string, unknown>,
) {
  const ifArg = directive.arguments().if;
  if (ifArg instanceof Variable) {
    const value = variables[ifArg.name];
    if (value === undefined || typeof value !== 'boolean')
      throw new Error(`Unexpected value ${String(value)} for variable ${String(ifArg)} of ${String(directive)}`);
    return value;
  }
  return ifArg;
}

/** The selection set's steps for this answer: skipped selections dropped, the rest read once. */
function stepsOf(selectionSet: SelectionSet, p: Parameters): Step[] {
  let steps = p.steps.get(selectionSet);
  if (steps) return steps;
  steps = [];
  const skip = p.schema.skipDirective();
  const include = p.schema.includeDirective();
  for (const selection of selectionSet.selections()) {
    const element = selection.element;
    const skipped = element.appliedDirectivesOf(skip)[0];
    const included = element.appliedDirectivesOf(include)[0];
    if ((skipped && ifValue(skipped, p.variables)) || (included && !ifValue(included, p.variables))) continue;
    if (selection.kind === 'FieldSelection') {
      const field = selection.element;
      steps.push({
        kind: 'field',
        selection,
        responseName: field.responseName(),
        introspection: field.definition.isSchemaIntrospectionField(),
        typename: field.name === typenameFieldName,
        plan: typePlan(p.schema, field.definition.type as OutputType),
        fieldType: field.definition.type as OutputType,
        selectionSet: selection.selectionSet,
      });
    } else {
      steps.push({
        kind: 'fragment',
        typeCondition: selection.element.typeCondition,
        selectionSet: selection.selectionSet,
      });
    }
  }
  p.steps.set(selectionSet, steps);
  return steps;
}

function typeConditionApplies(
  schema: Schema,
  typeCondition: CompositeType | undefined,
  typename: string | undefined,
  parentType: CompositeType,
): boolean {
  if (!typeCondition) return true;
  if (typename) {
    const type = schema.type(typename);
    return !!type && isSubtype(typeCondition, type as never);
  }
  return isSubtype(typeCondition, parentType as never);
}

function describeLast(path: (string | number)[], currentType: OutputType, parentType: CompositeType): string {
  const element = path[path.length - 1];
  if (element === undefined) throw new Error('Should not have been called on an empty path');
  return typeof element === 'string'
    ? `field ${String(parentType)}.${element}`
    : `array element of type ${String(currentType)} at index ${element}`;
}

function applySelectionSet(
  input: Record<string, unknown>,
  selectionSet: SelectionSet,
  output: Record<string, unknown>,
  p: Parameters,
  path: (string | number)[],
  parentType: CompositeType,
): number {
  for (const step of stepsOf(selectionSet, p)) {
    if (step.kind === 'field') {
      const responseName = step.responseName;
      const outputValue = output[responseName];
      if (step.introspection) {
        if (outputValue === undefined) output[responseName] = p.introspectionHandling(step.selection);
        continue;
      }
      let inputValue = (own.call(input, responseName) ? input[responseName] : undefined) ?? null;
      if (step.typename) {
        if (outputValue === undefined) {
          if (inputValue === null && responseName !== typenameFieldName) inputValue = input[typenameFieldName] ?? null;
          const type = typeof inputValue === 'string' ? (p.schema.type(inputValue) ?? parentType) : parentType;
          if (!isObjectType(type)) return BUBBLE_UP;
          output[responseName] = type.name;
        }
        continue;
      }
      path.push(responseName);
      const result = complete(
        outputValue,
        step.plan,
        step.fieldType,
        inputValue,
        step.selectionSet,
        path,
        p,
        parentType,
      );
      output[responseName] = result.updated;
      path.pop();
      if (result.isInvalid) return BUBBLE_UP;
    } else {
      const typename = input[typenameFieldName];
      if (typename && typeof typename !== 'string')
        throw new Error(`Got unexpected value for __typename: ${String(typename)}`);
      if (typeConditionApplies(p.schema, step.typeCondition, typename as string | undefined, parentType)) {
        const result = applySelectionSet(input, step.selectionSet, output, p, path, step.typeCondition ?? parentType);
        if (result === BUBBLE_UP) return BUBBLE_UP;
      }
    }
  }
  return OK;
}

interface Completed {
  updated: unknown;
  isInvalid?: boolean;
  hasErrors?: boolean;
}

/** Apollo's `updateOutputValue`, on the field's type plan. */
function complete(
  outputValue: unknown,
  plan: TypePlan,
  type: OutputType,
  inputValue: unknown,
  selectionSet: SelectionSet | undefined,
  path: (string | number)[],
  p: Parameters,
  parentType: CompositeType,
): Completed {
  if (inputValue === undefined) throw new Error('Should not pass undefined for `inputValue` to this method');
  if (outputValue === null || (outputValue !== undefined && !selectionSet)) return { updated: outputValue };
  switch (plan.kind) {
    case 'nonNull': {
      const { updated, hasErrors } = complete(
        outputValue,
        plan.of,
        plan.ofType,
        inputValue,
        selectionSet,
        path,
        p,
        parentType,
      );
      if (updated === null) {
        if (!hasErrors)
          p.errors.push(
            ERRORS.INVALID_GRAPHQL.err(
              `Cannot return null for non-nullable ${describeLast(path, plan.ofType, parentType)}.`,
              { path: Array.from(path) },
            ),
          );
        return { updated, isInvalid: true, hasErrors: true };
      }
      return { updated };
    }
    case 'list': {
      if (inputValue === null) return { updated: null };
      if (!Array.isArray(inputValue))
        throw new Error(
          `Invalid non-list value ${String(inputValue)} returned by subgraph for list type ${String(type)}`,
        );
      if (outputValue !== undefined && !Array.isArray(outputValue))
        throw new Error(
          `Invalid non-list value ${String(outputValue)} returned by subgraph for list type ${String(type)}`,
        );
      const outputs = outputValue as unknown[] | undefined;
      if (outputs && outputs.length !== inputValue.length)
        throw new Error(
          `[${String(inputValue)}].length (${inputValue.length}) !== [${String(outputs)}].length (${outputs.length})`,
        );
      let nullify = false;
      let hasErrors = false;
      const updated = new Array<unknown>(inputValue.length);
      for (let i = 0; i < inputValue.length; i++) {
        path.push(i);
        const element = complete(outputs?.[i], plan.of, plan.ofType, inputValue[i], selectionSet, path, p, parentType);
        path.pop();
        nullify ||= !!element.isInvalid;
        hasErrors ||= !!element.hasErrors;
        updated[i] = element.updated;
      }
      return { updated: nullify ? null : updated, hasErrors };
    }
    case 'composite': {
      if (inputValue === null) return { updated: null };
      if (!selectionSet) throw new Error(`Invalid empty selection set for composite type ${String(type)}`);
      if (typeof inputValue !== 'object')
        throw new Error(
          `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(type)}`,
        );
      if (outputValue !== undefined && typeof outputValue !== 'object')
        throw new Error(
          `Invalid non-object value ${String(inputValue)} returned by subgraph for composite type ${String(type)}`,
        );
      const row = inputValue as Record<string, unknown>;
      const inputTypename = row[typenameFieldName];
      if (inputTypename !== undefined && typeof inputTypename !== 'string')
        throw new Error(`Invalid non-string value ${String(inputTypename)} for __typename at ${String(path)}`);
      let objectType: CompositeType = plan.type;
      if (inputTypename) {
        const named = p.schema.type(inputTypename);
        if (!named || !isCompositeType(named)) {
          p.errors.push(
            ERRORS.INVALID_GRAPHQL.err(
              `Invalid __typename found for object at ${describeLast(path, type, parentType)}.`,
              {
                path: Array.from(path),
              },
            ),
          );
          return { updated: null, hasErrors: true };
        }
        objectType = named;
      }
      const target = (outputValue === undefined ? Object.create(null) : outputValue) as Record<string, unknown>;
      const result = applySelectionSet(row, selectionSet, target, p, path, objectType);
      const bubbled = result === BUBBLE_UP;
      return { updated: bubbled ? null : target, hasErrors: bubbled };
    }
    case 'leaf': {
      if (inputValue === null) return { updated: null };
      if (outputValue !== undefined)
        throw new Error(`Excepted output to be undefined but got ${String(type)} for type ${String(type)}`);
      const valid = plan.valid(inputValue);
      if (!valid)
        p.errors.push(
          ERRORS.INVALID_GRAPHQL.err(`Invalid value found for ${describeLast(path, type, parentType)}.`, {
            path: Array.from(path),
          }),
        );
      return { updated: valid ? inputValue : null, hasErrors: !valid };
    }
  }
}

/** Apollo's `computeResponse`, with the same arguments and answer. */
export function computeResponse({ operation, variables, input, introspectionHandling }: ShapingInput): ShapingOutput {
  if (!input) return { data: input, errors: [] };
  const schema = operation.schema();
  const p: Parameters = {
    schema,
    variables: { __proto__: null, ...operation.collectDefaultedVariableValues(), ...variables } as Record<
      string,
      unknown
    >,
    errors: [],
    introspectionHandling,
    steps: new Map(),
  };
  const data = Object.create(null) as Record<string, unknown>;
  const root = schema.schemaDefinition.rootType(operation.rootKind) as CompositeType;
  const result = applySelectionSet(input, operation.selectionSet, data, p, [], root);
  return { data: result === BUBBLE_UP ? null : data, errors: p.errors };
}

/** `@apollo/gateway`'s result-shaping module, whose export the executor calls. */
const apolloShaping = createRequire(import.meta.url)('@apollo/gateway/dist/resultShaping.js') as {
  computeResponse: (input: ShapingInput) => ShapingOutput;
};

/** Apollo's own function, kept for the tests that compare the two and for `fast` false. */
export const apolloComputeResponse = apolloShaping.computeResponse;

/**
 * Has the gateway's query plan executor shape answers with `computeResponse` above (or, with
 * `fast` false, with Apollo's again). The executor reads the function from the module's exports at
 * every call (`resultShaping_1.computeResponse`), so replacing the export is enough; `@apollo/gateway`
 * is pinned, and the tests compare both functions.
 */
export function installResultShaping(fast = true): void {
  apolloShaping.computeResponse = fast ? computeResponse : apolloComputeResponse;
}
