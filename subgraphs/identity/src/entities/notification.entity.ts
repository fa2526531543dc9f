import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const NOTIFICATION_TYPES = [
  'TASK_ASSIGNED',
  'DEAL_STAGE_CHANGED',
  'TICKET_ASSIGNED',
  'SLA_BREACH',
  'PASSPORT_EXPIRING',
  'CAMPAIGN_COMPLETED',
  'JOB_FAILED',
  'SYSTEM',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NotificationSchema = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [{ properties: ['userId', 'createdAt'] }],
  properties: {
    id: idProperty(),
    userId: p.uuid(),
    type: p.enum(NOTIFICATION_TYPES).nativeEnumName('nx_notification_type'),
    title: p.string().length(200),
    body: p.text().nullable(),
    link: p.string().length(500).nullable(),
    /** Makes a notification raised by a retried job land once. */
    dedupeKey: p.string().length(200).nullable().unique(),
    readAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export class Notification extends NotificationSchema.class {}
NotificationSchema.setClass(Notification);
