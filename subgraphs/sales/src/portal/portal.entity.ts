import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/**
 * sales' projection of crm's contacts linked to TT-API: which crm contact is which TT-API client
 * and traveler, so the client portal finds the proposals of a traveller's party (quotes carry their
 * crm contact). Fed by crm's `contact-owner` queue contract (outbox, never lost); crm's audience
 * rebuild sends every contact again.
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

/** A traveller asking, from the client portal, for changes to a proposal (a quote version). */
export const QuoteChangeRequestSchema = defineEntity({
  name: 'QuoteChangeRequest',
  tableName: 'quote_change_request',
  indexes: [{ properties: ['quoteId', 'createdAt'] }],
  properties: {
    id: idProperty(),
    quoteId: p.uuid(),
    comment: p.text(),
    ttClientId: p.uuid(),
    ttTravelerId: p.uuid(),
    /** identity's portal account that asked. */
    accountId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class QuoteChangeRequest extends QuoteChangeRequestSchema.class {}
QuoteChangeRequestSchema.setClass(QuoteChangeRequest);
