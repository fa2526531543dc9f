import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { ROLES, badInput, notFound, parseInput, randomSecret, sameDigest, sha256, zId, zName, type Role, type Viewer } from '@nexus/platform';
import { ApiKey } from '../entities/index.ts';
import { audit } from './audit.service.ts';

const createInput = z.object({
  name: zName,
  role: z.enum(ROLES as [Role, ...Role[]]),
  expiresAt: z
    .date()
    .nullish()
    .refine((d) => !d || d.getTime() > Date.now(), { message: 'must be in the future' }),
});

// nxk_<8 chars>_<43 chars>: the prefix finds the row, the hash of the whole key proves it.
const KEY_PATTERN = /^(nxk_[A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;
const alnum = (n: number) => randomSecret(n * 2).replace(/[^A-Za-z0-9]/g, '').slice(0, n).padEnd(n, '0');

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
    createdById: viewer.id,
  });
  audit(em, viewer.id, 'API_KEY_CREATED', { type: 'ApiKey', id: apiKey.id }, { name: apiKey.name, role: apiKey.role });
  await em.flush();
  return { apiKey, secret };
}

export async function revokeApiKey(em: EntityManager, viewer: Viewer, id: unknown) {
  const keyId = parseInput(zId, id, 'id');
  const apiKey = await em.findOne(ApiKey, { id: keyId });
  if (!apiKey) throw notFound('API key', keyId);
  if (apiKey.revokedAt) throw badInput('This API key is already revoked.', [{ path: 'id', message: 'already revoked' }]);
  apiKey.revokedAt = new Date();
  audit(em, viewer.id, 'API_KEY_REVOKED', { type: 'ApiKey', id: apiKey.id }, { name: apiKey.name });
  await em.flush();
  return apiKey;
}

export const listApiKeys = (em: EntityManager, includeRevoked: boolean) =>
  em.find(ApiKey, includeRevoked ? {} : { revokedAt: null }, { orderBy: { createdAt: 'desc' } });

/**
 * Checks an API key for the gateway. Records when it was last used, at most once a minute, so busy
 * integrations do not write on every request.
 */
export async function verifyApiKey(em: EntityManager, presented: string): Promise<{ id: string; role: Role } | null> {
  const m = KEY_PATTERN.exec(presented);
  if (!m || !m[1]) return null;
  const apiKey = await em.findOne(ApiKey, { prefix: m[1] });
  if (!apiKey || !sameDigest(apiKey.keyHash, sha256(presented))) return null;
  const now = Date.now();
  if (apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt.getTime() <= now)) return null;
  if (!apiKey.lastUsedAt || now - apiKey.lastUsedAt.getTime() > 60_000) {
    await em.nativeUpdate(ApiKey, { id: apiKey.id }, { lastUsedAt: new Date(now) });
  }
  return { id: apiKey.id, role: apiKey.role };
}
