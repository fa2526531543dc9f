import { OutboxMessageSchema } from '@nexus/platform';
import { ApiKeySchema } from './api-key.entity.ts';
import { ApiKeyUsageSchema } from './api-key-usage.entity.ts';
import { AuditEntrySchema } from './audit-entry.entity.ts';
import { NotificationSchema } from './notification.entity.ts';
import { PortalAccountSchema, PortalRefreshTokenSchema, PortalSignInSchema } from './portal-account.entity.ts';
import { RefreshTokenSchema } from './refresh-token.entity.ts';
import { UserSchema } from './user.entity.ts';

export * from './api-key.entity.ts';
export * from './api-key-usage.entity.ts';
export * from './audit-entry.entity.ts';
export * from './notification.entity.ts';
export * from './portal-account.entity.ts';
export * from './refresh-token.entity.ts';
export * from './user.entity.ts';

export const entities = [
  UserSchema,
  RefreshTokenSchema,
  ApiKeySchema,
  NotificationSchema,
  AuditEntrySchema,
  OutboxMessageSchema,
  ApiKeyUsageSchema,
  PortalAccountSchema,
  PortalSignInSchema,
  PortalRefreshTokenSchema,
];
