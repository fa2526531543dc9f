import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';

/**
 * service's projection of crm's contacts linked to TT-API: which crm contact is which TT-API client
 * and traveler, so portal reads find a party's surveys and portal messages name their requester.
 * Fed by crm's `contact-owner` queue contract (outbox, never lost); crm's audience rebuild sends
 * every contact again.
 */
export const PortalContactSchema = defineEntity({
  name: 'PortalContact',
  tableName: 'portal_contact',
  properties: {
    /** crm contact id. */
    contactId: p.uuid().primary(),
    ttClientId: p.uuid().nullable().index(),
    ttTravelerId: p.uuid().nullable().index(),
    /** crm's time of the change; older messages are skipped. */
    updatedAt: p.datetime(),
  },
});
export class PortalContact extends PortalContactSchema.class {}
PortalContactSchema.setClass(PortalContact);

/** A ticket a traveller opened from the client portal: the thread their party reads there. */
export const PortalThreadSchema = defineEntity({
  name: 'PortalThread',
  tableName: 'portal_thread',
  indexes: [{ properties: ['ttClientId', 'createdAt', 'ticketId'] }],
  properties: {
    ticketId: p.uuid().primary(),
    ttClientId: p.uuid(),
    ttTravelerId: p.uuid(),
    /** identity's portal account that wrote the first message. */
    accountId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class PortalThread extends PortalThreadSchema.class {}
PortalThreadSchema.setClass(PortalThread);

export const PRE_TRIP_FORM_KINDS = ['QUESTIONNAIRE', 'WAIVER'] as const;
export type PreTripFormKind = (typeof PRE_TRIP_FORM_KINDS)[number];
export const PRE_TRIP_QUESTION_TYPES = ['TEXT', 'LONG_TEXT', 'YES_NO', 'CHOICE', 'DATE'] as const;
export type PreTripQuestionType = (typeof PRE_TRIP_QUESTION_TYPES)[number];

export interface PreTripQuestion {
  key: string;
  type: PreTripQuestionType;
  prompt: string;
  required: boolean;
  choices: string[];
}

/** One wording of a waiver, kept whole: an acceptance points at the exact version it accepted. */
export interface WaiverVersion {
  version: number;
  text: string;
  sha256: string;
  createdAt: string;
}

/**
 * A pre-trip questionnaire or a terms/waiver document: for one TT-API trip (its client's travellers
 * answer or accept it in the portal), or a template (no trip) staff copy onto trips.
 */
export const PreTripFormSchema = defineEntity({
  name: 'PreTripForm',
  tableName: 'pre_trip_form',
  indexes: [{ properties: ['ttClientId'] }, { properties: ['tripId'] }],
  properties: {
    id: idProperty(),
    kind: p.enum(PRE_TRIP_FORM_KINDS).nativeEnumName('sd_pre_trip_form_kind'),
    title: p.string().length(200),
    /** The TT-API trip and its client; both null for a template. */
    tripId: p.string().length(64).nullable(),
    ttClientId: p.uuid().nullable(),
    tripName: p.string().length(300).nullable(),
    /** The template this form was copied from. */
    templateId: p.uuid().nullable(),
    questions: p.json<PreTripQuestion[]>().default('[]'),
    /** Every wording of a waiver, oldest first; the last is current. Empty for a questionnaire. */
    versions: p.json<WaiverVersion[]>().default('[]'),
    dueOn: p.string().columnType('date').nullable(),
    active: p.boolean().default(true),
    createdById: p.uuid().nullable(),
    ...timestampProperties(),
  },
});
export class PreTripForm extends PreTripFormSchema.class {}
PreTripFormSchema.setClass(PreTripForm);

/** A traveller's answers to a questionnaire: one per traveller, replaced when they send it again. */
export const PreTripResponseSchema = defineEntity({
  name: 'PreTripResponse',
  tableName: 'pre_trip_response',
  uniques: [{ properties: ['form', 'ttTravelerId'] }],
  properties: {
    id: idProperty(),
    form: () => p.manyToOne(PreTripFormSchema).ref(),
    ttClientId: p.uuid(),
    ttTravelerId: p.uuid(),
    accountId: p.uuid(),
    answers: p.json<Record<string, string>>(),
    submittedAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export class PreTripResponse extends PreTripResponseSchema.class {}
PreTripResponseSchema.setClass(PreTripResponse);

/**
 * The audit record of a traveller accepting one version of a waiver: who (traveller and portal
 * account, and the name they typed), when, the exact wording (version and SHA-256), and from where.
 * Written once per traveller and version; never changed.
 */
export const WaiverAcceptanceSchema = defineEntity({
  name: 'WaiverAcceptance',
  tableName: 'waiver_acceptance',
  uniques: [{ properties: ['form', 'ttTravelerId', 'version'] }],
  properties: {
    id: idProperty(),
    form: () => p.manyToOne(PreTripFormSchema).ref(),
    version: p.integer(),
    textSha256: p.string().length(64),
    ttClientId: p.uuid(),
    ttTravelerId: p.uuid(),
    accountId: p.uuid(),
    fullName: p.string().length(200),
    ip: p.string().length(100),
    userAgent: p.string().length(500),
    acceptedAt: p.datetime(),
  },
});
export class WaiverAcceptance extends WaiverAcceptanceSchema.class {}
WaiverAcceptanceSchema.setClass(WaiverAcceptance);
