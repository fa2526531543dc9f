import util from 'node:util';
import { createRequire } from 'node:module';
import {
  TypeInfo,
  defaultFieldResolver,
  isAbstractType,
  isObjectType,
  visit,
  visitWithTypeInfo,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
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

/** Whether `viewer` may read a field with rank `min` and client owner `owner`: the one rule both paths apply. */
const permits = (viewer: Viewer, min: number | undefined, owner: ClientOwner | undefined): boolean =>
  viewer.kind === 'client'
    ? owner !== undefined && clientMay(viewer.client, owner)
    : min !== undefined && viewer.rank >= min && viewer.rank >= 0;

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
      if (permits(viewer, min, owner)) return true;
      if (viewer.kind === 'client') return forbidden('This is not available in the client portal.');
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

/** A field's rule as the shield applies it, and the same decision as a plain function. */
type Decision = (viewer: Viewer) => boolean;
const always: Decision = () => true;
const never: Decision = () => false;

/** Marks a request whose whole document the viewer may read (set by `RankShield.plugin`). */
const PREAUTHORIZED = Symbol('nexus.rankShield.preauthorized');

/** Whether the rank shield found that this request's viewer may read its whole document. */
export const wasPreauthorized = (ctx: object): boolean => (ctx as Record<symbol, unknown>)[PREAUTHORIZED] === true;

export interface RankShield {
  /** The schema with every field behind its graphql-shield rule. */
  schema: GraphQLSchema;
  /**
   * Decides once per request, before execution, whether the viewer may read every field the
   * document selects. When it may, fields resolve without graphql-shield's per-field rule (each
   * field a promise), which was a fifth of a large board's CPU; when any field would be refused,
   * graphql-shield runs every rule as before and answers with its per-field errors. The decision
   * is the shield's own rule (`permits`), cached per parsed document and rank.
   */
  plugin: ApolloServerPlugin<ShieldContext & object>;
}

/**
 * Wraps a subgraph schema with graphql-shield rules built from its `@rank`/`@public`/`@client`
 * directives (fallback deny, so a field nobody ranked is never served), with the whole-document
 * check that lets a request every field of which the viewer may read skip the per-field rules.
 */
export function rankShield(schema: GraphQLSchema, typeDefs: DocumentNode): RankShield {
  const ranks = rankMapFromSdl(typeDefs);
  const owners = clientMapFromSdl(typeDefs);
  const missing = fieldsWithoutRank(schema, ranks, owners);
  if (missing.length > 0) throw new Error(`Fields without @rank or @client: ${missing.join(', ')}`);
  const rules: Record<string, Record<string, unknown>> = {};
  const decisions = new Map<string, Decision>();
  // Each field's own resolver, before graphql-middleware wraps it.
  const raw = new Map<string, GraphQLFieldResolver<unknown, unknown>>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      raw.set(`${type.name}.${name}`, field.resolve ?? defaultFieldResolver);
    }
    if (isMachineryType(type.name)) continue;
    const typeRules: Record<string, unknown> = {};
    for (const field of Object.keys(type.getFields())) {
      if (isMachineryType(field)) continue;
      const min = rankOfField(ranks, type.name, field);
      const owner = ownerOfField(owners, type.name, field);
      if (min === PUBLIC) {
        typeRules[field] = allow;
        decisions.set(`${type.name}.${field}`, always);
      } else if (min === undefined && owner === undefined) {
        typeRules[field] = deny;
      } else {
        typeRules[field] = accessRule(min, owner);
        decisions.set(`${type.name}.${field}`, (viewer) => permits(viewer, min, owner));
      }
    }
    rules[type.name] = typeRules;
  }
  for (const [typeName, fields] of Object.entries(federationRules)) {
    if (!schema.getType(typeName)) continue;
    rules[typeName] = { ...rules[typeName], ...(fields as Record<string, unknown>) };
    for (const field of Object.keys(fields as Record<string, unknown>)) decisions.set(`${typeName}.${field}`, always);
  }
  const permissions = shield(rules as IRules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    fallbackError: () => forbidden(),
  });
  const shielded = applyMiddleware(schema, permissions);

  // Every field resolves through its rule unless the request was preauthorized as a whole.
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const [name, field] of Object.entries(type.getFields())) {
      const own = raw.get(`${type.name}.${name}`);
      const guarded = field.resolve;
      if (!own || !guarded) continue;
      field.resolve = (source, args, ctx: Record<symbol, unknown>, info) =>
        ctx[PREAUTHORIZED] === true ? own(source, args, ctx, info) : guarded(source, args, ctx, info);
    }
  }

  /** Whether every field the document selects is one the viewer may read (fallback: no). */
  const mayReadAll = (document: DocumentNode, viewer: Viewer): boolean => {
    const typeInfo = new TypeInfo(shielded);
    let all = true;
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          if (node.name.value.startsWith('__')) return;
          const parent = typeInfo.getParentType();
          const types = !parent ? [] : isAbstractType(parent) ? shielded.getPossibleTypes(parent) : [parent];
          if (!parent) all = false;
          for (const type of types) {
            if (!isObjectType(type) || !type.getFields()[node.name.value]) continue;
            const decide = decisions.get(`${type.name}.${node.name.value}`) ?? never;
            if (!decide(viewer)) all = false;
          }
          return all ? undefined : false;
        },
      }),
    );
    return all;
  };
  const decided = new WeakMap<DocumentNode, Map<string, boolean>>();
  const viewerKey = (viewer: Viewer) =>
    viewer.kind === 'client' ? `client:${viewer.client?.access ?? 'none'}` : `rank:${viewer.rank}`;

  return {
    schema: shielded,
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, contextValue }) {
            const viewer = contextValue.viewer;
            if (!viewer) return;
            let byViewer = decided.get(document);
            if (!byViewer) decided.set(document, (byViewer = new Map()));
            const key = viewerKey(viewer);
            let may = byViewer.get(key);
            if (may === undefined) byViewer.set(key, (may = mayReadAll(document, viewer)));
            if (may) (contextValue as Record<symbol, unknown>)[PREAUTHORIZED] = true;
          },
        };
      },
    },
  };
}
