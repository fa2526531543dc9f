import { defineEntity, p } from '@mikro-orm/core';

/**
 * One API key's traffic on one UTC day: the gateway counts in Redis, identity folds the counts in
 * here (api-key-usage.service.ts), beside the key's `lastUsedAt`.
 */
export const ApiKeyUsageSchema = defineEntity({
  name: 'ApiKeyUsage',
  tableName: 'api_key_usage',
  properties: {
    apiKeyId: p.uuid().primary(),
    day: p.string().columnType('date').primary(),
    requests: p.integer().default(0),
    cost: p.bigint('number').default(0),
    errors: p.integer().default(0),
  },
});
export class ApiKeyUsage extends ApiKeyUsageSchema.class {}
ApiKeyUsageSchema.setClass(ApiKeyUsage);
