import { defineEntity, p } from '@mikro-orm/core';
import { idProperty, timestampProperties } from '@nexus/platform';
import { RUN_STATUSES, RUN_TRIGGERS } from './enums.ts';

/** One commission entry that does not agree with its booking or its own rate. */
export interface CommissionDiscrepancy {
  commissionId: string;
  bookingId: string;
  /** BOOKING_VALUE, GROSS_COMMISSION, BOOKING_CANCELLED or BOOKING_MISSING. */
  kind: string;
  expectedCents: number | null;
  actualCents: number | null;
  detail: string;
}

/** One pass comparing TT-API commission entries with what their rates say they should be. */
export const CommissionReconciliationRunSchema = defineEntity({
  name: 'CommissionReconciliationRun',
  tableName: 'commission_reconciliation_run',
  indexes: [{ properties: ['startedAt'] }],
  properties: {
    id: idProperty(),
    status: p.enum(RUN_STATUSES).nativeEnumName('nx_travel_run_status').default('RUNNING'),
    trigger: p.enum(RUN_TRIGGERS).nativeEnumName('nx_travel_run_trigger'),
    /** Staff member or integrator key owner who asked for it; null for scheduled runs. */
    requestedByUserId: p.uuid().nullable(),
    startedAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
    entriesChecked: p.integer().default(0),
    entriesMatched: p.integer().default(0),
    entriesMismatched: p.integer().default(0),
    entriesFailed: p.integer().default(0),
    /** Short, human-readable: what went wrong, never a stack trace. */
    errorSummary: p.text().nullable(),
    /** The entries that disagree, as found by this run. */
    discrepancies: p.json<CommissionDiscrepancy[]>().default([]),
    ...timestampProperties(),
  },
});
export class CommissionReconciliationRun extends CommissionReconciliationRunSchema.class {}
CommissionReconciliationRunSchema.setClass(CommissionReconciliationRun);
