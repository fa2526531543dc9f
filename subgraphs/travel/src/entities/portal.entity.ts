import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const PASSPORT_CHANGE_STATUSES = ['PENDING', 'APPLIED', 'REJECTED'] as const;
export type PassportChangeStatus = (typeof PASSPORT_CHANGE_STATUSES)[number];

/**
 * New passport details a traveller sent from the client portal. They are never written to TT-API
 * from the portal: an advisor reads them here and applies them through the travel-document
 * operations. The full number is kept only while the change is pending; deciding it leaves the
 * last four characters for the record.
 */
export const PassportChangeSchema = defineEntity({
  name: 'PassportChange',
  tableName: 'portal_passport_change',
  properties: {
    id: idProperty(),
    /** TT-API traveler the passport belongs to. */
    travelerId: p.uuid().index(),
    /** TT-API client (the family) of that traveler. */
    clientId: p.uuid(),
    /** The portal account that sent it (identity's id). */
    submittedByAccountId: p.uuid(),
    /** The full number while pending; null once decided. */
    documentNumber: p.string().length(20).nullable(),
    numberLast4: p.string().length(4),
    issuingCountry: p.string().length(2),
    issueDate: p.date(),
    expiryDate: p.date(),
    status: p.enum(PASSPORT_CHANGE_STATUSES).nativeEnumName('nx_travel_passport_change_status').default('PENDING'),
    submittedAt: p.datetime().onCreate(() => new Date()),
    decidedById: p.uuid().nullable(),
    decidedAt: p.datetime().nullable(),
    /** Why it was rejected (shown to the traveller). */
    decisionNote: p.string().length(500).nullable(),
    /** The TT-API travel document written when applied. */
    appliedDocumentId: p.uuid().nullable(),
  },
});
export class PassportChange extends PassportChangeSchema.class {}
PassportChangeSchema.setClass(PassportChange);

export const VAULT_FILE_KINDS = ['VOUCHER', 'PASSPORT_SCAN'] as const;
export type VaultFileKind = (typeof VAULT_FILE_KINDS)[number];

/**
 * A file in a trip's document vault: a voucher (or ticket, or any final document) staff share with
 * the party, or a passport scan a traveller uploaded (restricted: the traveller, their family
 * manager and advisors read it; purged once the trip is over). The bytes stay in this database and
 * are read only to be downloaded.
 */
export const VaultFileSchema = defineEntity({
  name: 'VaultFile',
  tableName: 'portal_vault_file',
  properties: {
    id: idProperty(),
    kind: p.enum(VAULT_FILE_KINDS).nativeEnumName('nx_travel_vault_file_kind'),
    /** TT-API client trip the file belongs to. */
    clientTripId: p.uuid().index(),
    /** The traveller a passport scan shows; null for vouchers (the whole party reads them). */
    travelerId: p.uuid().nullable(),
    title: p.string().length(200),
    fileName: p.string().length(200),
    contentType: p.string().length(100),
    sizeBytes: p.integer(),
    sha256: p.string().length(64),
    content: p.blob().lazy(),
    /** `staff` or `client`, and the identity id of the staff member or portal account. */
    uploadedByKind: p.string().length(10),
    uploadedById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    /** Passport scans: the day after which the purge job deletes the file. */
    purgeAfter: p.date().nullable().index(),
  },
});
export class VaultFile extends VaultFileSchema.class {}
VaultFileSchema.setClass(VaultFile);

/** Each portal notification queued, once per account and event (the dedupe key). */
export const PortalNotificationLogSchema = defineEntity({
  name: 'PortalNotificationLog',
  tableName: 'portal_notification_log',
  properties: {
    id: idProperty(),
    accountId: p.uuid().index(),
    /** `itinerary`, `payment-due` or `schedule-change`. */
    kind: p.string().length(30),
    dedupeKey: p.string().length(200).unique(),
    email: p.string().length(320),
    subject: p.string().length(300),
    queuedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class PortalNotificationLog extends PortalNotificationLogSchema.class {}
PortalNotificationLogSchema.setClass(PortalNotificationLog);
