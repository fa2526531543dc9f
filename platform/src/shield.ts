import util from 'node:util';
import { createRequire } from 'node:module';
import { isObjectType, type GraphQLSchema } from 'graphql';
import type * as MiddlewareModule from 'graphql-middleware';
import type * as ShieldModule from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { forbidden, unauthenticated } from './errors.ts';
import {
  PUBLIC,
  clientMapFromSdl,
  fieldsWithoutRank,
  isMachineryType,
  ownerOfField,
  rankMapFromSdl,
  rankOfField,
} from './rank-directives.ts';
import { clientMay, type ClientOwner, type Viewer } from './viewer.ts';
import type { DocumentNode } from 'graphql';

/*
 * graphql-shield 7.6.5 calls util.isUndefined, which Node 23 removed, and its ESM build imports it
 * by name (a link error). Restore the function, then load the CommonJS build, which looks it up at
 * call time.
 */
const utilWithLegacy: Record<string, unknown> = util as unknown as Record<string, unknown>;
if (typeof utilWithLegacy.isUndefined !== 'function') {
  utilWithLegacy.isUndefined = (value: unknown) => value === undefined;
}
const requireCjs = createRequire(import.meta.url);
const { shield, rule, allow, deny } = requireCjs('graphql-shield') as typeof ShieldModule;
// graphql-middleware must be the same (CommonJS) build shield uses: it checks its generator by class.
const { applyMiddleware } = requireCjs('graphql-middleware') as typeof MiddlewareModule;

interface ShieldContext {
  viewer: Viewer;
}

type Rule = ReturnType<ReturnType<typeof rule>>;
const accessRules = new Map<string, Rule>();
/**
 * Staff (and keys and services) by rank: `min`, or never when the field has no rank (a field for
 * travellers only). Portal travellers by owner: only a `@client` field, and only when their access
 * level opens that owner; never a staff field.
 */
const accessRule = (min: number | undefined, owner: ClientOwner | undefined) => {
  const name = `rank>=${min ?? 'none'}|client:${owner ?? 'none'}`;
  let r = accessRules.get(name);
  if (!r) {
    r = rule(name, { cache: 'contextual' })((_parent, _args, ctx: ShieldContext) => {
      const viewer = ctx.viewer;
      if (viewer.kind === 'client') {
        if (owner && clientMay(viewer.client, owner)) return true;
        return forbidden('This is not available in the client portal.');
      }
      if (min !== undefined && viewer.rank >= min && viewer.rank >= 0) return true;
      return viewer.id ? forbidden() : unauthenticated();
    });
    accessRules.set(name, r);
  }
  return r;
};

/** Federation's own fields: reachable only with a gateway token, and each entity field keeps its rank. */
const federationRules: IRules = {
  Query: { _service: allow, _entities: allow },
  _Service: { sdl: allow },
};

/**
 * Wraps a subgraph schema with graphql-shield rules built from its `@rank`/`@public`/`@client`
 * directives: fallback deny, so a field nobody ranked is never served.
 */
export function applyRankShield(schema: GraphQLSchema, typeDefs: DocumentNode): GraphQLSchema {
  const ranks = rankMapFromSdl(typeDefs);
  const owners = clientMapFromSdl(typeDefs);
  const missing = fieldsWithoutRank(schema, ranks, owners);
  if (missing.length > 0) throw new Error(`Fields without @rank or @client: ${missing.join(', ')}`);
  const rules: Record<string, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isMachineryType(type.name)) continue;
    const typeRules: Record<string, unknown> = {};
    for (const field of Object.keys(type.getFields())) {
      if (isMachineryType(field)) continue;
      const min = rankOfField(ranks, type.name, field);
      const owner = ownerOfField(owners, type.name, field);
      typeRules[field] =
        min === PUBLIC ? allow : min === undefined && owner === undefined ? deny : accessRule(min, owner);
    }
    rules[type.name] = typeRules;
  }
  for (const [typeName, fields] of Object.entries(federationRules)) {
    if (schema.getType(typeName)) rules[typeName] = { ...rules[typeName], ...(fields as Record<string, unknown>) };
  }
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  });
  return applyMiddleware(schema, permissions);
}
