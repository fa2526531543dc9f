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
  'SERVICE_WRITE',
  'API_KEY_LIMITS_CHANGED',
  'PORTAL_ACCOUNT_INVITED',
  'PORTAL_ACCOUNT_DISABLED',
  'PORTAL_ACCOUNT_ENABLED',
  'PORTAL_ACCESS_CHANGED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The viewer kinds of platform's Viewer, as the graph spells them. */
export const ACTOR_KINDS = ['USER', 'API_KEY', 'SERVICE', 'ANONYMOUS', 'CLIENT'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: idProperty(),
    action: p.enum(AUDIT_ACTIONS).nativeEnumName('nx_audit_action'),
    /** The staff member who acted; null for services, API keys and anonymous actors. */
    actorId: p.uuid().nullable().index(),
    actorKind: p.enum(ACTOR_KINDS).nativeEnumName('nx_actor_kind'),
    /** platform's `actorOf(viewer)`: `service:<name>`, `user:<id>`, `apiKey:<id>`, `anonymous`. */
    actorName: p.string().length(120).index(),
    targetType: p.string().length(40),
    /** Null for a service write, which touches records of other subgraphs (its details say which operation). */
    targetId: p.uuid().nullable().index(),
    details: p.json<Record<string, unknown>>().nullable(),
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index(),
  },
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
