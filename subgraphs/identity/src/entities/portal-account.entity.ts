import { defineEntity, p } from '@mikro-orm/core';
import { PORTAL_ACCESS_LEVELS, idProperty, timestampProperties } from '@nexus/platform';

/**
 * A traveller's client-portal account: one per TT-API traveler, tied to the TT-API client (the
 * paying customer or family) they travel with. Staff invite it; the traveller signs in by a link,
 * a one-time code or (once set) a password. Disabled accounts cannot sign in and their sessions end.
 */
export const PortalAccountSchema = defineEntity({
  name: 'PortalAccount',
  tableName: 'portal_account',
  properties: {
    id: idProperty(),
    /** Lower case; the address sign-in links and codes go to. */
    email: p.string().length(254).unique(),
    name: p.string().length(120),
    ttClientId: p.string().length(64).index(),
    ttTravelerId: p.string().length(64).unique(),
    /** The crm contact staff invited from, when they did. */
    crmContactId: p.uuid().nullable().index(),
    access: p.enum(PORTAL_ACCESS_LEVELS).nativeEnumName('nx_portal_access'),
    /** argon2id hash of the optional password; never leaves the identity subgraph. */
    passwordHash: p.string().length(255).nullable().hidden().lazy(),
    /** False once staff disable the account. */
    active: p.boolean().default(true),
    invitedById: p.uuid().nullable(),
    invitedAt: p.datetime(),
    /** First sign-in: the invitation was taken up. */
    activatedAt: p.datetime().nullable(),
    lastSignInAt: p.datetime().nullable(),
    /** Opt-in email notifications (all off until the traveller turns them on). */
    notifyItineraryPublished: p.boolean().default(false),
    notifyPaymentDue: p.boolean().default(false),
    notifyScheduleChange: p.boolean().default(false),
    ...timestampProperties(),
  },
});
export class PortalAccount extends PortalAccountSchema.class {}
PortalAccountSchema.setClass(PortalAccount);

/** How a sign-in secret reaches the traveller: a link (used only on confirmation) or a six-digit code. */
export const PORTAL_SIGN_IN_KINDS = ['LINK', 'CODE'] as const;
export type PortalSignInKind = (typeof PORTAL_SIGN_IN_KINDS)[number];

/**
 * One sign-in secret sent by email. Only its SHA-256 is stored; it is used at most once, and a code
 * dies after a few wrong tries.
 */
export const PortalSignInSchema = defineEntity({
  name: 'PortalSignIn',
  tableName: 'portal_sign_in',
  properties: {
    id: idProperty(),
    accountId: p.uuid().index(),
    kind: p.enum(PORTAL_SIGN_IN_KINDS).nativeEnumName('nx_portal_sign_in_kind'),
    secretHash: p.string().length(64).index(),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    failedAttempts: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class PortalSignIn extends PortalSignInSchema.class {}
PortalSignInSchema.setClass(PortalSignIn);

/**
 * One refresh token of a portal session family, rotating like staff sessions: presenting a used one
 * means it leaked, and the whole family ends.
 */
export const PortalRefreshTokenSchema = defineEntity({
  name: 'PortalRefreshToken',
  tableName: 'portal_refresh_token',
  properties: {
    id: idProperty(),
    familyId: p.uuid().index(),
    accountId: p.uuid().index(),
    tokenHash: p.string().length(64),
    expiresAt: p.datetime(),
    usedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class PortalRefreshToken extends PortalRefreshTokenSchema.class {}
PortalRefreshTokenSchema.setClass(PortalRefreshToken);
