import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { z } from 'zod';
import { badInput, type FieldProblem } from './errors.ts';
import { inputScalarParsers } from './scalars.ts';

/**
 * Validates resolver input with zod; a failure is BAD_USER_INPUT naming every offending field, and
 * nothing is written because services validate before they touch the EntityManager.
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, root = 'input'): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const fields: FieldProblem[] = r.error.issues.map((i) => ({
    path: [root, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  throw badInput(
    fields.length === 1 && fields[0] ? `${fields[0].path}: ${fields[0].message}` : 'Some fields are not valid.',
    fields,
  );
}

export const zId = z.uuid({ message: 'must be a valid id' });
export const zEmail = z
  .string()
  .trim()
  .max(254, { message: 'must be at most 254 characters' })
  .pipe(z.email({ message: 'must be a valid email address' }))
  .transform((s) => s.toLowerCase());
/**
 * C0 controls, DEL and the C1 block: PostgreSQL cannot store NUL at all and the others only hide
 * text from the people reading it. Long text keeps tab, newline and carriage return.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;
// eslint-disable-next-line no-control-regex -- as above
const CONTROL_CHARS_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const NO_CONTROL = { message: 'must not contain control characters' };
const LINE_BREAKS_ALLOWED = { message: 'must not contain control characters other than tab and newline' };

/** A single-line string: no control characters at all. */
export const zLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS.test(s), NO_CONTROL);
export const zName = zLine(120).pipe(z.string().min(1, { message: 'is required' }));
/** Multi-line text: tab and newlines allowed, other control characters refused. */
export const zText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `must be at most ${max} characters` })
    .refine((s) => !CONTROL_CHARS_EXCEPT_WHITESPACE.test(s), LINE_BREAKS_ALLOWED);
export const zTags = z.array(zLine(50).pipe(z.string().min(1))).max(50, { message: 'at most 50 tags' });
export const zCustomFields = z
  .record(
    zLine(64),
    z.union([
      z
        .string()
        .max(2000)
        .refine((s) => !CONTROL_CHARS_EXCEPT_WHITESPACE.test(s), LINE_BREAKS_ALLOWED),
      z.number(),
      z.boolean(),
      z.null(),
    ]),
  )
  .refine((o) => Object.keys(o).length <= 100, { message: 'at most 100 custom fields' });

/** limit/offset paging shared by every list; limit 1..200. */
export const zPaging = z.object({
  limit: z
    .number()
    .int()
    .min(1, { message: 'must be at least 1' })
    .max(200, { message: 'must be at most 200' })
    .default(25),
  offset: z.number().int().min(0, { message: 'must not be negative' }).max(1_000_000).default(0),
});

/** The longest string any argument may carry; validators set tighter limits of their own. */
export const MAX_INPUT_STRING_LENGTH = 100_000;

function stringProblem(value: string): string | null {
  if (value.length > MAX_INPUT_STRING_LENGTH) return `must be at most ${MAX_INPUT_STRING_LENGTH} characters`;
  if (CONTROL_CHARS_EXCEPT_WHITESPACE.test(value))
    return 'must not contain control characters other than tab and newline';
  if (!value.isWellFormed()) return 'must be valid Unicode text';
  return null;
}

const problemMessage = (e: unknown) => (e instanceof GraphQLError || e instanceof Error ? e.message : 'is not valid');

/**
 * Every argument value an operation carries, literal or from a variable, checked before anything is
 * planned: strings (length, control characters, broken surrogates, also inside JSON values and
 * their keys) and the custom scalars (DateTime, Date, Cents). Each problem names the argument path
 * (`createTask.input.dueAt`), so a bad value is BAD_USER_INPUT instead of a database error.
 */
export function operationInputProblems(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const vars = variables ?? {};
  const definitions = new Map<string, VariableDefinitionNode>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) definitions.set(v.variable.name.value, v);
  }

  const checkScalar = (typeName: string, value: unknown, path: string) => {
    if (value === null || value === undefined) return;
    const parse = inputScalarParsers[typeName];
    if (parse) {
      try {
        parse(value);
      } catch (e) {
        problems.push({ path, message: problemMessage(e) });
      }
      return;
    }
    walkRuntime(value, path);
  };

  /** Any JSON a variable holds; for JSON scalars this reaches nested strings and object keys. */
  const walkRuntime = (value: unknown, path: string): void => {
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) problems.push({ path, message: problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walkRuntime(item, `${path}.${i}`));
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const keyProblem = stringProblem(key);
        if (keyProblem) problems.push({ path, message: `keys ${keyProblem}` });
        walkRuntime(item, `${path}.${key}`);
      }
    }
  };

  const walkTyped = (type: GraphQLInputType, value: unknown, path: string): void => {
    if (value === null || value === undefined) return;
    const inner = isNonNullType(type) ? type.ofType : type;
    if (isListType(inner)) {
      if (Array.isArray(value)) value.forEach((item, i) => walkTyped(inner.ofType, item, `${path}.${i}`));
      else walkTyped(inner.ofType, value, path);
      return;
    }
    if (isInputObjectType(inner)) {
      if (!value || typeof value !== 'object') return;
      const fields = inner.getFields();
      for (const [key, item] of Object.entries(value)) {
        const field = fields[key];
        if (field) walkTyped(field.type, item, `${path}.${key}`);
      }
      return;
    }
    if (isScalarType(inner)) checkScalar(inner.name, value, path);
  };

  const walkLiteral = (type: GraphQLInputType | undefined, node: ValueNode, path: string): void => {
    const inner = type && isNonNullType(type) ? type.ofType : type;
    switch (node.kind) {
      case Kind.VARIABLE: {
        const name = node.name.value;
        if (name in vars) {
          if (inner) walkTyped(inner, vars[name], path);
          else walkRuntime(vars[name], path);
        } else {
          const fallback = definitions.get(name)?.defaultValue;
          if (fallback) walkLiteral(type, fallback, path);
        }
        return;
      }
      case Kind.LIST:
        node.values.forEach((item, i) =>
          walkLiteral(inner && isListType(inner) ? inner.ofType : undefined, item, `${path}.${i}`),
        );
        return;
      case Kind.OBJECT: {
        const fields = inner && isInputObjectType(inner) ? inner.getFields() : undefined;
        for (const f of node.fields) walkLiteral(fields?.[f.name.value]?.type, f.value, `${path}.${f.name.value}`);
        return;
      }
      case Kind.STRING: {
        const named = inner ? getNamedType(inner) : undefined;
        if (named && isScalarType(named) && inputScalarParsers[named.name]) checkScalar(named.name, node.value, path);
        else if (!named || !isEnumType(named)) walkRuntime(node.value, path);
        return;
      }
      default:
        return;
    }
  };

  const typeInfo = new TypeInfo(schema);
  const fieldPath: string[] = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          fieldPath.push(node.alias?.value ?? node.name.value);
        },
        leave() {
          fieldPath.pop();
        },
      },
      Argument(node) {
        const arg = typeInfo.getArgument();
        walkLiteral(arg?.type, node.value, [...fieldPath, node.name.value].join('.'));
      },
    }),
  );
  return problems;
}

/** Throws BAD_USER_INPUT listing every problem `operationInputProblems` finds. */
export function assertOperationInput(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): void {
  const fields = operationInputProblems(schema, document, variables);
  if (!fields.length) return;
  const [first] = fields;
  throw badInput(
    fields.length === 1 && first ? `${first.path}: ${first.message}` : 'Some arguments are not valid.',
    fields,
  );
}
