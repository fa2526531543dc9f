import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/**
 * One refresh token of a session family. Tokens rotate on every use; presenting one that was
 * already used means it leaked, so the whole family is revoked.
 */
export const RefreshTokenSchema = defineEntity({
  name: 'RefreshToken',
  tableName: 'refresh_token',
  properties: {
    id: idProperty(),
    familyId: p.uuid().index(),
    userId: p.uuid().index(),
    /** SHA-256 of the secret part; the token itself is never stored. */
    tokenHash: p.string().length(64),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class RefreshToken extends RefreshTokenSchema.class {}
RefreshTokenSchema.setClass(RefreshToken);
