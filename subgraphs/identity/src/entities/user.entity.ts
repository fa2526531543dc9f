import { defineEntity, p } from '@mikro-orm/core';
import { ROLES, idProperty, softDeleteFilter, softDeleteProperty, timestampProperties } from '@nexus/platform';

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'app_user',
  filters: softDeleteFilter,
  properties: {
    id: idProperty(),
    email: p.string().length(254).unique(),
    name: p.string().length(120),
    role: p.enum(ROLES).nativeEnumName('nx_role'),
    /** argon2id hash; never leaves the identity subgraph. */
    passwordHash: p.string().length(255).hidden().lazy(),
    active: p.boolean().default(true),
    lastLoginAt: p.datetime().nullable(),
    /** IANA zone the staff app shows this person's dates and times in. */
    timeZone: p.string().length(64).default('UTC'),
    /** Notification types this person chose not to receive (never SYSTEM or JOB_FAILED). */
    mutedNotificationTypes: p.array().default([]),
    ...timestampProperties(),
    ...softDeleteProperty(),
  },
});
export class User extends UserSchema.class {}
UserSchema.setClass(User);
