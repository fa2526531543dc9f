import { defineEntity, p } from '@mikro-orm/core';

/**
 * travel's projection of crm's contacts: just who owns the contact linked to a TT-API client or
 * traveler, fed by crm's `contact-owner` queue contract (outbox, so never lost) and rebuilt by
 * crm's audience rebuild, which sends every contact again. Passport alerts read it.
 */
export const ContactOwnerSchema = defineEntity({
  name: 'ContactOwner',
  tableName: 'contact_owner',
  properties: {
    /** crm contact id. */
    contactId: p.uuid().primary(),
    ttClientId: p.uuid().nullable().index(),
    ttTravelerId: p.uuid().nullable().index(),
    /** identity user id of the contact's owner. */
    ownerId: p.uuid().nullable(),
    /** crm's time of the change; older messages are skipped. */
    updatedAt: p.datetime(),
  },
});
export class ContactOwner extends ContactOwnerSchema.class {}
ContactOwnerSchema.setClass(ContactOwner);
