import { OutboxMessageSchema } from '@nexus/platform';
import { BookingSyncRunSchema } from './booking-sync-run.entity.ts';
import { CommissionReconciliationRunSchema } from './commission-reconciliation-run.entity.ts';
import { ContactOwnerSchema } from './contact-owner.entity.ts';
import { ItinerarySchema, ItineraryVersionSchema } from './itinerary.entity.ts';
import { SupplierPaymentSchema, SupplierStatementLineSchema, SupplierStatementSchema } from './money.entity.ts';
import { PassportAlertSchema } from './passport-alert.entity.ts';
import {
  PassportChangeSchema,
  PortalNotificationLogSchema,
  VaultFileSchema,
} from './portal.entity.ts';
import { ReadinessCheckSchema } from './readiness-check.entity.ts';
import { RoomingListSchema } from './rooming-list.entity.ts';
import { ScheduleChangeSchema } from './schedule-change.entity.ts';

export * from './booking-sync-run.entity.ts';
export * from './commission-reconciliation-run.entity.ts';
export * from './contact-owner.entity.ts';
export * from './itinerary.entity.ts';
export * from './enums.ts';
export * from './money.entity.ts';
export * from './passport-alert.entity.ts';
export * from './portal.entity.ts';
export * from './readiness-check.entity.ts';
export * from './rooming-list.entity.ts';
export * from './schedule-change.entity.ts';

/** Nexus-side state only: TT-API stays the source of truth for travel data. */
export const entities = [
  PassportAlertSchema,
  CommissionReconciliationRunSchema,
  BookingSyncRunSchema,
  ContactOwnerSchema,
  ItinerarySchema,
  ItineraryVersionSchema,
  ReadinessCheckSchema,
  RoomingListSchema,
  ScheduleChangeSchema,
  SupplierPaymentSchema,
  SupplierStatementSchema,
  SupplierStatementLineSchema,
  PassportChangeSchema,
  VaultFileSchema,
  PortalNotificationLogSchema,
  OutboxMessageSchema,
];
