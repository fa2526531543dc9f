import { QueryOrder, type EntityManager, type FilterQuery, type QueryOrderMap } from '@mikro-orm/postgresql';
import { z } from 'zod';
import {
  ROLES,
  badInput,
  findConnection,
  notFound,
  parseInput,
  randomSecret,
  sameDigest,
  sha256,
  zId,
  zName,
  type ConnectionArgs,
  type Role,
  type Viewer,
} from '@nexus/platform';
import type { IdentityDeps } from '../context.ts';
import { ApiKey } from '../entities/index.ts';
import { audit } from './audit.service.ts';
import { containsPattern } from './like.ts';
import { announceRevocation } from './sessions.service.ts';

const createInput = z.object({
  name: zName,
  role: z.enum(ROLES as [Role, ...Role[]]),
  expiresAt: z
    .date()
    .nullish()
    .refine((d) => !d || d.getTime() > Date.now(), { message: 'must be in the future' }),
  costBudgetPerHour: z.number().int().min(1).max(100_000_000).nullish(),
  persistedOnly: z.boolean().nullish(),
});

const limitsInput = z.object({
  id: zId,
  costBudgetPerHour: z.number().int().min(1).max(100_000_000).nullish(),
  persistedOnly: z.boolean().nullish(),
});

// nxk_<8 chars>_<43 chars>: the prefix finds the row, the hash of the whole key proves it.
const KEY_PATTERN = /^(nxk_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const alnum = (n: number) =>
  randomSecret(n * 2)
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, n)
    .padEnd(n, '0');

export async function createApiKey(em: EntityManager, viewer: Viewer, input: unknown) {
  const data = parseInput(createInput, input);
  const prefix = `nxk_${alnum(8)}`;
  const secret = `${prefix}_${randomSecret(32)}`;
  const apiKey = em.create(ApiKey, {
    name: data.name,
    role: data.role,
    prefix,
    keyHash: sha256(secret),
    expiresAt: data.expiresAt ?? null,
    costBudgetPerHour: data.costBudgetPerHour ?? null,
    persistedOnly: data.persistedOnly ?? false,
    createdById: viewer.kind === 'user' ? viewer.id : null,
  });
  audit(em, viewer, 'API_KEY_CREATED', { type: 'ApiKey', id: apiKey.id }, { name: apiKey.name, role: apiKey.role });
  await em.flush();
  return { apiKey, secret };
}

export async function revokeApiKey(em: EntityManager, d: IdentityDeps, viewer: Viewer, id: unknown) {
  const keyId = parseInput(zId, id, 'id');
  const apiKey = await em.findOne(ApiKey, { id: keyId });
  if (!apiKey) throw notFound('API key', keyId);
  if (apiKey.revokedAt)
    throw badInput('This API key is already revoked.', [{ path: 'id', message: 'already revoked' }]);
  apiKey.revokedAt = new Date();
  audit(em, viewer, 'API_KEY_REVOKED', { type: 'ApiKey', id: apiKey.id }, { name: apiKey.name });
  await em.flush();
  await announceRevocation(d, { kind: 'apiKey', id: apiKey.id });
  return apiKey;
}

/** An API key's hourly cost budget (null: the gateway's default) and persisted-documents-only flag. */
export async function updateApiKeyLimits(em: EntityManager, viewer: Viewer, input: unknown) {
  const data = parseInput(limitsInput, input);
  const apiKey = await em.findOne(ApiKey, { id: data.id });
  if (!apiKey) throw notFound('API key', data.id);
  if (apiKey.revokedAt) throw badInput('This API key is revoked.', [{ path: 'id', message: 'revoked' }]);
  const before = { costBudgetPerHour: apiKey.costBudgetPerHour ?? null, persistedOnly: apiKey.persistedOnly };
  if (data.costBudgetPerHour !== undefined) apiKey.costBudgetPerHour = data.costBudgetPerHour;
  if (data.persistedOnly !== undefined && data.persistedOnly !== null) apiKey.persistedOnly = data.persistedOnly;
  audit(
    em,
    viewer,
    'API_KEY_LIMITS_CHANGED',
    { type: 'ApiKey', id: apiKey.id },
    {
      name: apiKey.name,
      before,
      after: { costBudgetPerHour: apiKey.costBudgetPerHour ?? null, persistedOnly: apiKey.persistedOnly },
    },
  );
  await em.flush();
  return apiKey;
}

const filterInput = z.object({
  search: z.string().trim().max(200).nullish(),
  includeRevoked: z.boolean().nullish(),
  role: z.enum(ROLES as [Role, ...Role[]]).nullish(),
});
const KEY_ORDER = {
  CREATED_AT: (asc: boolean) => ({ createdAt: asc ? QueryOrder.ASC : QueryOrder.DESC }),
  NAME: (asc: boolean) => ({ name: asc ? QueryOrder.ASC : QueryOrder.DESC }),
} satisfies Record<string, (asc: boolean) => QueryOrderMap<ApiKey>>;
const orderInput = z
  .object({ field: z.enum(Object.keys(KEY_ORDER) as [keyof typeof KEY_ORDER]), direction: z.enum(['ASC', 'DESC']) })
  .nullish();

/** API keys by keyset: newest first unless `orderBy` says otherwise, ties broken by id. */
export function listApiKeys(em: EntityManager, args: ConnectionArgs & { filter?: unknown; orderBy?: unknown }) {
  const f = parseInput(filterInput, args.filter ?? {}, 'filter');
  const order = parseInput(orderInput, args.orderBy, 'orderBy');
  const w: FilterQuery<ApiKey>[] = [];
  if (!f.includeRevoked) w.push({ revokedAt: null });
  if (f.role) w.push({ role: f.role });
  if (f.search)
    w.push({
      $or: [{ name: { $ilike: containsPattern(f.search) } }, { prefix: { $ilike: containsPattern(f.search) } }],
    });
  const orderBy: QueryOrderMap<ApiKey>[] = order
    ? [
        KEY_ORDER[order.field](order.direction === 'ASC'),
        { id: order.direction === 'ASC' ? QueryOrder.ASC : QueryOrder.DESC },
      ]
    : [{ createdAt: QueryOrder.DESC }, { id: QueryOrder.DESC }];
  return findConnection(em, ApiKey, w.length ? { $and: w } : {}, args, orderBy);
}

/**
 * Checks an API key for the gateway. Records when it was last used, at most once a minute, so busy
 * integrations do not write on every request.
 */
export async function verifyApiKey(
  em: EntityManager,
  presented: string,
): Promise<{
  id: string;
  role: Role;
  expiresAt: string | null;
  costBudgetPerHour: number | null;
  persistedOnly: boolean;
} | null> {
  const m = KEY_PATTERN.exec(presented);
  if (!m || !m[1]) return null;
  const apiKey = await em.findOne(ApiKey, { prefix: m[1] });
  if (!apiKey || !sameDigest(apiKey.keyHash, sha256(presented))) return null;
  const now = Date.now();
  if (apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt.getTime() <= now)) return null;
  if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: new Date(now) });
  }
  // The expiry lets the gateway close a socket the moment the key lapses.
  // The budget and the allow-list flag are the gateway's to enforce.
  return {
    id: apiKey.id,
    role: apiKey.role,
    expiresAt: apiKey.expiresAt?.toISOString() ?? null,
    costBudgetPerHour: apiKey.costBudgetPerHour ?? null,
    persistedOnly: apiKey.persistedOnly,
  };
}
