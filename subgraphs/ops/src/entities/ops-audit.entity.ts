import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';
import { OPS_AUDIT_ACTIONS } from './enums.ts';

/** An admin action in the operations hub (replay, queue actions, settings), kept with who did it. */
export const OpsAuditEntrySchema = defineEntity({
  name: 'OpsAuditEntry',
  tableName: 'ops_audit_entry',
  indexes: [{ properties: ['createdAt', 'id'] }],
  properties: {
    id: idProperty(),
    action: p.enum(OPS_AUDIT_ACTIONS).nativeEnumName('ops_audit_action'),
    /** `actorOf(viewer)`: a user id, `service:<name>` or `api-key:<id>`. */
    actor: p.string().length(200),
    targetType: p.string().length(60),
    targetId: p.string().length(300),
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class OpsAuditEntry extends OpsAuditEntrySchema.class {}
OpsAuditEntrySchema.setClass(OpsAuditEntry);
