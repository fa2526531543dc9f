import {
  Kind,
  parse,
  type DocumentNode,
  type ConstDirectiveNode,
  type GraphQLSchema,
  isObjectType,
  isInterfaceType,
} from 'graphql';
import { NO_RANK, RANK_OF, isRole } from './ranks.ts';
import { CLIENT_OWNERS, isClientOwner, type ClientOwner } from './viewer.ts';

/**
 * Ranks live in the schema: `@rank(min: Rank!)` on a type or a field, `@public` on the few fields
 * anonymous callers may use. Both are composed into the supergraph (`@composeDirective`), so the
 * subgraphs' shield and the gateway's pre-check read the same source of truth.
 */
export const RANK_SPEC_URL = 'https://nexus.traveltamers.com/rank/v1.0';

/** A field's effective minimum rank; `PUBLIC` means anyone, including anonymous callers. */
export const PUBLIC = NO_RANK;
export type RankMap = ReadonlyMap<string, number>;

const fieldKey = (type: string, field: string) => `${type}.${field}`;

const rankFromDirectives = (directives: readonly ConstDirectiveNode[] | undefined): number | undefined => {
  for (const d of directives ?? []) {
    if (d.name.value === 'public') return PUBLIC;
    if (d.name.value === 'rank') {
      const arg = d.arguments?.find((a) => a.name.value === 'min');
      if (arg && arg.value.kind === Kind.ENUM && isRole(arg.value.value)) return RANK_OF[arg.value.value];
      throw new Error(`@rank needs min: one of ${Object.keys(RANK_OF).join(', ')}`);
    }
  }
  return undefined;
};

/**
 * Effective rank of every object and interface field declared in an SDL document: the field's own
 * `@rank`/`@public`, else the `@rank` of its type (on the definition or any extension).
 */
export function rankMapFromSdl(sdl: string | DocumentNode): Map<string, number> {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const typeRank = new Map<string, number>();
  const fieldRank = new Map<string, number>();
  for (const def of doc.definitions) {
    if (
      def.kind === Kind.OBJECT_TYPE_DEFINITION ||
      def.kind === Kind.OBJECT_TYPE_EXTENSION ||
      def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      def.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      const r = rankFromDirectives(def.directives);
      if (r !== undefined) typeRank.set(def.name.value, r);
    }
  }
  for (const def of doc.definitions) {
    if (
      def.kind === Kind.OBJECT_TYPE_DEFINITION ||
      def.kind === Kind.OBJECT_TYPE_EXTENSION ||
      def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      def.kind === Kind.INTERFACE_TYPE_EXTENSION
    ) {
      const typeName = def.name.value;
      for (const f of def.fields ?? []) {
        const r = rankFromDirectives(f.directives) ?? typeRank.get(typeName);
        if (r !== undefined) fieldRank.set(fieldKey(typeName, f.name.value), r);
      }
    }
  }
  return fieldRank;
}

export const rankOfField = (map: RankMap, type: string, field: string): number | undefined =>
  map.get(fieldKey(type, field));

/**
 * `@client(owner: ClientOwner!)` marks what a signed-in traveller (client portal) may read, and
 * whose records it holds; composed like `@rank`. A field with `@client` and no rank is for
 * travellers only; staff never read it.
 */
export type ClientMap = ReadonlyMap<string, ClientOwner>;

const ownerFromDirectives = (directives: readonly ConstDirectiveNode[] | undefined): ClientOwner | undefined => {
  for (const d of directives ?? []) {
    if (d.name.value !== 'client') continue;
    const arg = d.arguments?.find((a) => a.name.value === 'owner');
    if (arg && arg.value.kind === Kind.ENUM && isClientOwner(arg.value.value)) return arg.value.value;
    throw new Error(`@client needs owner: one of ${CLIENT_OWNERS.join(', ')}`);
  }
  return undefined;
};

/**
 * The client owner of every object and interface field declared in an SDL document that a
 * traveller may read: the field's own `@client`, else the `@client` of its type.
 */
export function clientMapFromSdl(sdl: string | DocumentNode): Map<string, ClientOwner> {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const typeOwner = new Map<string, ClientOwner>();
  const fieldOwner = new Map<string, ClientOwner>();
  const objectDefs = doc.definitions.filter(
    (def) =>
      def.kind === Kind.OBJECT_TYPE_DEFINITION ||
      def.kind === Kind.OBJECT_TYPE_EXTENSION ||
      def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      def.kind === Kind.INTERFACE_TYPE_EXTENSION,
  );
  for (const def of objectDefs) {
    const o = ownerFromDirectives(def.directives);
    if (o !== undefined) typeOwner.set(def.name.value, o);
  }
  for (const def of objectDefs) {
    const typeName = def.name.value;
    for (const f of def.fields ?? []) {
      const o = ownerFromDirectives(f.directives) ?? typeOwner.get(typeName);
      if (o !== undefined) fieldOwner.set(fieldKey(typeName, f.name.value), o);
    }
  }
  return fieldOwner;
}

export const ownerOfField = (map: ClientMap, type: string, field: string): ClientOwner | undefined =>
  map.get(fieldKey(type, field));

/** Types whose fields are machinery, not data: introspection, federation and the supergraph's own. */
export const isMachineryType = (name: string): boolean =>
  name.startsWith('__') || name.startsWith('_') || name.startsWith('join__') || name.startsWith('link__');

/**
 * Every field of the schema that has no effective rank (and, when `clients` is given, no client
 * owner either): a schema with any is not served.
 */
export function fieldsWithoutRank(schema: GraphQLSchema, map: RankMap, clients?: ClientMap): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isMachineryType(type.name)) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.keys(type.getFields())) {
      if (isMachineryType(field)) continue;
      const key = fieldKey(type.name, field);
      if (!map.has(key) && !clients?.has(key)) missing.push(fieldKey(type.name, field));
    }
  }
  return missing;
}
