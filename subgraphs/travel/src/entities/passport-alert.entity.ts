import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/**
 * An expiring-passport alert Nexus raised. TT-API owns the document; this row only remembers that
 * its advisor was told, and the unique document id makes "once per document" a database rule.
 */
export const PassportAlertSchema = defineEntity({
  name: 'PassportAlert',
  tableName: 'passport_alert',
  indexes: [{ properties: ['expiryDate'] }],
  properties: {
    id: idProperty(),
    /** TT-API travel document id. */
    travelDocumentId: p.uuid().unique(),
    /** TT-API traveler id. */
    travelerId: p.uuid().index(),
    /** The identity user who was notified. */
    advisorUserId: p.uuid().index(),
    documentType: p.string().length(50),
    expiryDate: p.date(),
    /**
     * The upcoming client trip whose entry rule the passport fails (the first by departure), and
     * the day the rule needs it valid until; null when it was raised for expiring soon alone.
     */
    clientTripId: p.uuid().nullable(),
    neededUntil: p.date().nullable(),
    /** When the notification was queued (through the outbox, in the same transaction). */
    notifiedAt: p.datetime(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class PassportAlert extends PassportAlertSchema.class {}
PassportAlertSchema.setClass(PassportAlert);
