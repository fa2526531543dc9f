import { readFileSync } from 'node:fs';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RANK_OF,
  clientMapFromSdl,
  clientMay,
  fieldsWithoutRank,
  isMachineryType,
  rankMapFromSdl,
  signAccessToken,
  type ClientScope,
  type PortalAccess,
} from '@nexus/platform';
import { bearer, gql, signIn, type GqlResponse } from '../support/client.ts';
import { startSystem, type System } from '../support/system.ts';
import { expectedClientOwners, expectedRanks, type ExpectedRank } from './expected-ranks.ts';

const supergraphSdl = readFileSync('gateway/supergraph.graphql', 'utf8');
const apiSchema = buildSchema(readFileSync('gateway/supergraph-api.graphql', 'utf8'));
const ranks = rankMapFromSdl(supergraphSdl);
const owners = clientMapFromSdl(supergraphSdl);

/**
 * What only staff may see, by field name: owners, lead scores, commissions and margins, internal
 * notes, a client's value and churn risk. No field a traveller can read may be named like these.
 */
const STAFF_ONLY_NAME =
  /^owner(Id|Name)?$|leadScore|^score$|commission|margin|profit|internal|staffNote|lifetimeValue|churnRisk|^assignee/i;

const rootFields = (schema: GraphQLSchema) =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((t) =>
    t ? Object.keys(t.getFields()).filter((f) => !f.startsWith('_')).map((f) => `${t.name}.${f}`) : [],
  );

/** A literal of the right type for an argument, so an operation validates. */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? 'X';
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return `{ ${required.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  switch (getNamedType(type).name) {
    case 'ID':
      return '"00000000-0000-4000-8000-000000000000"';
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'false';
    case 'DateTime':
      return '"2030-01-01T00:00:00Z"';
    case 'JSON':
      return '{}';
    default:
      return '"x"';
  }
}

function operationFor(path: string): string {
  const [root = '', name = ''] = path.split('.');
  const type = root === 'Query' ? apiSchema.getQueryType() : root === 'Mutation' ? apiSchema.getMutationType() : apiSchema.getSubscriptionType();
  const field = type?.getFields()[name];
  if (!field) throw new Error(`no ${path}`);
  const args = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => `${a.name}: ${dummy(a.type)}`);
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isInterfaceType(named) || isUnionType(named) ? ' { __typename }' : '';
  const keyword = root === 'Query' ? 'query' : root === 'Mutation' ? 'mutation' : 'subscription';
  return `${keyword} { ${name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

// An anonymous caller is refused with HTTP 401 that names no field (it would describe the schema);
// each operation here selects one root field, so that refusal is about `path`.
const deniedBy = (res: GqlResponse, path: string) =>
  (res.errors ?? []).some((e) =>
    e.extensions?.code === 'UNAUTHENTICATED'
      ? res.status === 401 && e.path === undefined && e.extensions.fields === undefined
      : e.extensions?.code === 'FORBIDDEN' && Array.isArray(e.extensions?.fields) && e.extensions.fields.includes(path),
  );

describe('the composed schema', () => {
  it('gives every field of every type an effective rank or a client owner', () => {
    expect(fieldsWithoutRank(apiSchema, ranks, owners)).toEqual([]);
  });

  it('lists every root field travellers may use in the client column, with its owner, and nothing else', () => {
    const clientRoots = rootFields(apiSchema).filter((path) => owners.has(path));
    expect(Object.fromEntries(clientRoots.sort().map((p) => [p, owners.get(p)]))).toEqual(
      Object.fromEntries(Object.entries(expectedClientOwners).sort(([a], [b]) => a.localeCompare(b))),
    );
  });

  it('walks everything a traveller can reach: only Portal types, every field owned, nothing staff-only', () => {
    const problems: string[] = [];
    const roots = new Set(['Query', 'Mutation', 'Subscription']);
    const seen = new Set<string>();
    const visit = (typeName: string, via: string) => {
      if (seen.has(typeName)) return;
      seen.add(typeName);
      const type = apiSchema.getType(typeName);
      if (!type || !(isObjectType(type) || isInterfaceType(type) || isUnionType(type))) return;
      if (isUnionType(type)) {
        for (const member of type.getTypes()) visit(member.name, via);
        return;
      }
      if (!roots.has(typeName) && !typeName.startsWith('Portal') && typeName !== 'PageInfo')
        problems.push(`${via} reaches ${typeName}: travellers read only Portal… types`);
      for (const [name, field] of Object.entries(type.getFields())) {
        const path = `${typeName}.${name}`;
        const owner = owners.get(path);
        if (roots.has(typeName)) {
          if (name.startsWith('portal') && !owner && ranks.get(path) !== -1)
            problems.push(`${path} is named for the portal but has no @client owner`);
          if (!owner) continue;
          if (!name.startsWith('portal')) problems.push(`${path} is open to travellers but not named portal…`);
        } else if (!owner) {
          problems.push(`${path} is reachable by travellers (${via}) but has no @client owner`);
          continue;
        }
        if (STAFF_ONLY_NAME.test(name)) problems.push(`${path} looks staff-only but travellers can read it`);
        visit(getNamedType(field.type).name, path);
      }
    };
    for (const root of roots) if (apiSchema.getType(root)) visit(root, root);
    // Every field of a Portal… type is owned (or public, as the sign-in answers are), never ranked for staff.
    for (const type of Object.values(apiSchema.getTypeMap())) {
      if (isMachineryType(type.name) || !(isObjectType(type) || isInterfaceType(type))) continue;
      if (!type.name.startsWith('Portal')) {
        // A staff type never carries @client: its fields are where owners, scores and notes live.
        if (!roots.has(type.name) && type.name !== 'PageInfo')
          for (const f of Object.keys(type.getFields()))
            if (owners.has(`${type.name}.${f}`)) problems.push(`${type.name}.${f} opens a staff type to travellers`);
        continue;
      }
      for (const f of Object.keys(type.getFields()).map((name) => `${type.name}.${name}`)) {
        const rank = ranks.get(f);
        if (!owners.has(f) && rank !== -1) problems.push(`${f} has no @client owner`);
        if (rank !== undefined && rank >= 0) problems.push(`${f} is a Portal field with a staff rank`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists every root field in the expected rank table, and nothing else', () => {
    expect(rootFields(apiSchema).sort()).toEqual(Object.keys(expectedRanks).sort());
  });

  it('has the ranks the table expects', () => {
    const actual = Object.fromEntries(
      Object.keys(expectedRanks).map((path) => {
        const [type = '', field = ''] = path.split('.');
        const r = ranks.get(`${type}.${field}`);
        const name =
          r === undefined && owners.has(`${type}.${field}`)
            ? 'CLIENT'
            : r === -1
              ? 'PUBLIC'
              : Object.entries(RANK_OF).find(([, v]) => v === r)?.[0];
        return [path, name];
      }),
    );
    expect(actual).toEqual(expectedRanks);
  });
});

describe('the rank matrix: every root field, as every role, as travellers and anonymously', () => {
  let system: System;
  const tokens = new Map<string, string | null>();
  const staffCallers = ['ANONYMOUS', 'VIEWER', 'AGENT', 'ADVISOR', 'MANAGER', 'ADMIN'] as const;
  // The client column: a traveller at the lowest and at the highest access level.
  const travellers: Record<string, PortalAccess> = { TRAVELLER_VIEW_OWN: 'VIEW_OWN', TRAVELLER_FAMILY: 'MANAGE_FAMILY' };
  const callers = [...staffCallers, ...Object.keys(travellers)] as const;
  const rankOfCaller = (c: string) => (c === 'ANONYMOUS' || c in travellers ? -1 : RANK_OF[c as keyof typeof RANK_OF]);
  const minOf = (e: ExpectedRank) => (e === 'PUBLIC' ? -1 : e === 'CLIENT' ? Number.POSITIVE_INFINITY : RANK_OF[e]);
  const scopes = new Map<string, ClientScope>();
  const travellerMayUse = (caller: string, path: string, expected: ExpectedRank) => {
    const scope = scopes.get(caller);
    const owner = expectedClientOwners[path];
    return expected === 'PUBLIC' || (scope !== undefined && owner !== undefined && clientMay(scope, owner));
  };

  beforeAll(async () => {
    system = await startSystem({ env: { LOGIN_RATE_LIMIT: '10000' } });
    tokens.set('ANONYMOUS', null);
    for (const c of staffCallers.slice(1))
      tokens.set(c, (await signIn(system.gatewayUrl, `${c.toLowerCase()}@nexus.test`)).accessToken);
    // Travellers' tokens as identity signs them (the sign-in flow itself is tests/portal's).
    for (const [caller, access] of Object.entries(travellers)) {
      const accountId = crypto.randomUUID();
      const scope: ClientScope = { accountId, ttClientId: 'matrix-client', ttTravelerId: `matrix-${access}`, access };
      scopes.set(caller, scope);
      const { token } = await signAccessToken(
        { userId: accountId, role: 'CLIENT', sessionId: crypto.randomUUID(), client: scope },
        system.iso.vars.JWT_SECRET ?? '',
        900,
      );
      tokens.set(caller, token);
    }
  });
  afterAll(async () => system?.close());

  it('allows exactly the callers at or above each field\'s minimum', async () => {
    const surprises: string[] = [];
    for (const [path, expected] of Object.entries(expectedRanks)) {
      const op = operationFor(path);
      for (const caller of callers) {
        const token = tokens.get(caller);
        const res = await gql(system.gatewayUrl, op, {}, token ? bearer(token) : {});
        const denied = deniedBy(res, path);
        const shouldDeny =
          caller in travellers ? !travellerMayUse(caller, path, expected) : rankOfCaller(caller) < minOf(expected);
        if (denied !== shouldDeny) surprises.push(`${path} as ${caller}: ${denied ? 'denied' : 'allowed'} (${res.raw.slice(0, 160)})`);
        expect(res.raw).not.toMatch(/"stacktrace"|\bat [\w.]+ \(/);
      }
    }
    expect(surprises).toEqual([]);
  }, 120_000);
});
