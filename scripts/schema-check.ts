/**
 * Schema evolution. The composed client schema (gateway/supergraph-api.graphql) is compared with
 * the last released one (schema/released.graphql) by GraphQL Inspector:
 * - a breaking change fails, except removing a field, input field or enum value that the released
 *   schema already marked `@deprecated` at least SCHEMA_DEPRECATION_DAYS days (default 30) before,
 *   by the date schema/deprecations.json records for it;
 * - dangerous changes (new enum values, changed defaults, ...) are listed;
 * - the staff app's and the SDK's documents must validate against the new schema.
 *
 * `node scripts/schema-check.ts` (inside `npm test`) only reads. `npm run schema:release` (this
 * script with `release`) writes the changes since the last release to schema/CHANGELOG.md, records
 * the first-seen date of every new deprecation and snapshots the schema as released;
 * `npm run schema:changelog` prints the unreleased changes as the changelog would show them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { processEnv } from '@nexus/platform';

export const CURRENT = 'gateway/supergraph-api.graphql';
export const RELEASED = 'schema/released.graphql';
export const DEPRECATIONS = 'schema/deprecations.json';
export const CHANGELOG = 'schema/CHANGELOG.md';
const DAY_MS = 86_400_000;

/** `Type.member` -> the UTC day (`YYYY-MM-DD`) its deprecation was first released. */
export type Deprecations = Record<string, string>;

export interface SchemaCheckInput {
  released: string;
  current: string;
  deprecations: Deprecations;
  /** How long a field or enum value must have been deprecated before it may be removed. */
  minDeprecationDays: number;
  now?: Date;
}

export interface SchemaCheckResult {
  /** Breaking changes that are not allowed: the check fails when there is any. */
  failures: string[];
  /** Removals of members deprecated long enough. */
  removedAfterDeprecation: string[];
  dangerous: string[];
  safe: string[];
  changes: Change[];
}

const REMOVALS = new Set<string>([ChangeType.FieldRemoved, ChangeType.InputFieldRemoved, ChangeType.EnumValueRemoved]);

/** The deprecation reason of `Type.member` in `schema`, or null when it is not deprecated (or absent). */
function deprecationOf(schema: GraphQLSchema, path: string): string | null {
  const [typeName, member] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return null;
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    return type.getFields()[member]?.deprecationReason ?? null;
  }
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason ?? null;
  return null;
}

/** Every deprecated field, input field and enum value of a schema, as `Type.member`. */
export function deprecatedMembers(schema: GraphQLSchema): string[] {
  const out: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason) out.push(`${type.name}.${field.name}`);
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (value.deprecationReason) out.push(`${type.name}.${value.name}`);
    }
  }
  return out.sort();
}

/** Compares two schemas' SDL: pure, so tests run it on schema strings. */
export async function checkSchema(input: SchemaCheckInput): Promise<SchemaCheckResult> {
  const now = input.now ?? new Date();
  const released = buildSchema(input.released);
  const current = buildSchema(input.current);
  const changes = await diff(released, current);
  const result: SchemaCheckResult = { failures: [], removedAfterDeprecation: [], dangerous: [], safe: [], changes };
  for (const change of changes) {
    const path = change.path ?? '';
    if (REMOVALS.has(change.type)) {
      const reason = deprecationOf(released, path);
      const since = input.deprecations[path];
      const ageDays = since ? Math.floor((now.getTime() - Date.parse(`${since}T00:00:00Z`)) / DAY_MS) : null;
      if (reason !== null && ageDays !== null && ageDays >= input.minDeprecationDays) {
        result.removedAfterDeprecation.push(`${change.message} (deprecated since ${since}: ${reason})`);
        continue;
      }
      if (change.criticality.level !== CriticalityLevel.NonBreaking) {
        result.failures.push(
          reason === null
            ? `${path}: ${change.message}; deprecate it first (\`@deprecated(reason: ...)\`), release, and remove it after ${input.minDeprecationDays} days.`
            : `${path}: ${change.message}; deprecated ${since ? `since ${since} (${ageDays} days)` : 'but not released as deprecated yet'}; it may be removed after ${input.minDeprecationDays} days.`,
        );
        continue;
      }
    }
    if (change.criticality.level === CriticalityLevel.Breaking) result.failures.push(change.message);
    else if (change.criticality.level === CriticalityLevel.Dangerous) result.dangerous.push(change.message);
    else result.safe.push(change.message);
  }
  return result;
}

/** The staff app's and the SDK's generated documents (every `...Document` export) that do not validate. */
export async function documentProblems(schema: GraphQLSchema): Promise<string[]> {
  const problems: string[] = [];
  for (const [owner, file] of [
    ['web', 'web/src/__generated__/graphql.ts'],
    ['sdk', 'sdk/src/__generated__/graphql.ts'],
  ] as const) {
    if (!existsSync(file)) continue;
    const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (!name.endsWith('Document') || typeof value !== 'object' || value === null || !('definitions' in value))
        continue;
      for (const error of validate(schema, value as DocumentNode)) problems.push(`${owner} ${name}: ${error.message}`);
    }
  }
  return problems;
}

/** The changelog section for the changes of one release. */
export function changelogSection(result: SchemaCheckResult, day: string): string {
  const list = (title: string, items: string[]) =>
    items.length ? `\n### ${title}\n\n${items.map((i) => `- ${i.replace(/\n/g, ' ')}`).join('\n')}\n` : '';
  const body =
    list('Breaking', result.failures) +
    list('Removed after deprecation', result.removedAfterDeprecation) +
    list('Dangerous', result.dangerous) +
    list('Added and changed', result.safe);
  return `## ${day}\n${body || '\nNo changes.\n'}`;
}

const readDeprecations = (): Deprecations =>
  existsSync(DEPRECATIONS) ? (JSON.parse(readFileSync(DEPRECATIONS, 'utf8')) as Deprecations) : {};

async function main(command: string | undefined) {
  const days = processEnv().SCHEMA_DEPRECATION_DAYS ?? '30';
  const minDeprecationDays = Number(days);
  if (!/^\d+$/.test(days)) {
    console.error(`SCHEMA_DEPRECATION_DAYS must be a whole number of days, not "${days}".`);
    process.exit(1);
  }
  const current = readFileSync(CURRENT, 'utf8');
  if (!existsSync(RELEASED)) {
    if (command !== 'release') {
      console.error(`${RELEASED} is missing: run \`npm run schema:release\` once to record the released schema.`);
      process.exit(1);
    }
  }
  const released = existsSync(RELEASED) ? readFileSync(RELEASED, 'utf8') : current;
  const deprecations = readDeprecations();
  const result = await checkSchema({ released, current, deprecations, minDeprecationDays });
  const today = new Date().toISOString().slice(0, 10);

  if (command === 'changelog') {
    console.log(changelogSection(result, `Unreleased (since ${RELEASED})`));
    return;
  }
  if (command === 'release') {
    if (result.failures.length) {
      console.error(`Not released: breaking changes\n${result.failures.map((f) => `  - ${f}`).join('\n')}`);
      process.exit(1);
    }
    const recorded: Deprecations = {};
    for (const member of deprecatedMembers(buildSchema(current))) recorded[member] = deprecations[member] ?? today;
    writeFileSync(DEPRECATIONS, `${JSON.stringify(recorded, null, 2)}\n`);
    const log = existsSync(CHANGELOG)
      ? readFileSync(CHANGELOG, 'utf8')
      : '# Schema changelog\n\nChanges to the client schema (gateway/supergraph-api.graphql), one section per release\n(`npm run schema:release`). Deprecated members are removed no sooner than 30 days after their\ndeprecation was released (schema/deprecations.json).\n';
    const [head, ...rest] = log.split(/\n(?=## )/);
    if (result.changes.length || !existsSync(RELEASED)) {
      const section = existsSync(RELEASED)
        ? changelogSection(result, today)
        : `## ${today}\n\nFirst recorded release.\n`;
      writeFileSync(
        CHANGELOG,
        [head?.trimEnd() ?? '', section.trimEnd(), ...rest.map((r) => r.trimEnd())].join('\n\n') + '\n',
      );
    }
    writeFileSync(RELEASED, current);
    console.log(`Released the schema: ${result.changes.length} changes since the last release.`);
    return;
  }

  const problems = await documentProblems(buildSchema(current));
  if (result.dangerous.length) {
    console.log(`Dangerous schema changes since the last release (clients may need to handle them):`);
    for (const d of result.dangerous) console.log(`  - ${d}`);
  }
  if (result.failures.length || problems.length) {
    console.error('Schema check failed:');
    for (const f of [...result.failures, ...problems]) console.error(`  - ${f}`);
    process.exit(1);
  }
  console.log(
    `Schema check passed: ${result.changes.length} changes since ${RELEASED} (${result.failures.length} breaking, ${result.dangerous.length} dangerous); documents valid.`,
  );
}

if (import.meta.main) await main(process.argv[2]);
