import { defineEntity, p } from '@mikro-orm/core';
import { ROLES, idProperty } from '@nexus/platform';

export const ApiKeySchema = defineEntity({
  name: 'ApiKey',
  tableName: 'api_key',
  properties: {
    id: idProperty(),
    name: p.string().length(120),
    role: p.enum(ROLES).nativeEnumName('nx_role'),
    prefix: p.string().length(16).unique(),
    /** SHA-256 of the whole key: keys are 256-bit random, so a fast hash is enough. */
    keyHash: p.string().length(64).hidden(),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    /** Query-cost points the key may spend per hour; null takes the gateway's default. */
    costBudgetPerHour: p.integer().nullable(),
    /** The key may only run the allow-listed persisted documents (the SDK's operations). */
    persistedOnly: p.boolean().default(false),
    revokedAt: p.datetime().nullable(),
    createdById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class ApiKey extends ApiKeySchema.class {}
ApiKeySchema.setClass(ApiKey);
