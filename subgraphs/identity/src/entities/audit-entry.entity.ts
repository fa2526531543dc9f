import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const AUDIT_ACTIONS = [
  'USER_CREATED',
  'USER_ROLE_CHANGED',
  'USER_DEACTIVATED',
  'USER_REACTIVATED',
  'USER_PASSWORD_RESET',
  'API_KEY_CREATED',
  'API_KEY_REVOKED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: idProperty(),
    action: p.enum(AUDIT_ACTIONS).nativeEnumName('nx_audit_action'),
    actorId: p.uuid().nullable().index(),
    targetType: p.string().length(40),
    targetId: p.uuid().index(),
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()).index(),
  },
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
