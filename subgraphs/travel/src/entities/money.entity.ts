import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

/**
 * What the agency owes a supplier for one booking (TT-API records what clients pay, not what the
 * agency pays its suppliers): usually a deposit and a final payment, each with its due date, set
 * against the client's installments so the agency never pays out money it has not collected.
 */
export const SupplierPaymentSchema = defineEntity({
  name: 'SupplierPayment',
  tableName: 'supplier_payment',
  properties: {
    id: idProperty(),
    /** TT-API booking id. */
    bookingId: p.uuid().index(),
    /** TT-API vendor id (the booking's supplier when it was recorded). */
    vendorId: p.uuid().nullable(),
    /** `Deposit`, `Final payment`, ... */
    description: p.string().length(120),
    amountCents: p.bigint('number'),
    dueDate: p.date(),
    paidAt: p.datetime().nullable(),
    /** The agency's payment reference (wire id, card authorisation). */
    reference: p.string().length(100).nullable(),
    createdById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class SupplierPayment extends SupplierPaymentSchema.class {}
SupplierPaymentSchema.setClass(SupplierPayment);

/** A commission statement a supplier sent, imported from CSV and matched to bookings. */
export const SupplierStatementSchema = defineEntity({
  name: 'SupplierStatement',
  tableName: 'supplier_statement',
  properties: {
    id: idProperty(),
    /** TT-API vendor id. */
    vendorId: p.uuid().index(),
    fileName: p.string().length(200),
    /** The statement's own date (its period end), when it gives one. */
    statementDate: p.date().nullable(),
    /** What the supplier says it paid, over every line. */
    totalCents: p.bigint('number'),
    lineCount: p.integer(),
    matched: p.integer(),
    amountMismatches: p.integer(),
    unknownBookings: p.integer(),
    missingLines: p.integer(),
    importedById: p.uuid().nullable(),
    importedAt: p.datetime().onCreate(() => new Date()),
  },
});
export class SupplierStatement extends SupplierStatementSchema.class {}
SupplierStatementSchema.setClass(SupplierStatement);

export const STATEMENT_LINE_RESULTS = ['MATCHED', 'AMOUNT_MISMATCH', 'UNKNOWN_BOOKING', 'MISSING'] as const;
export type StatementLineResult = (typeof STATEMENT_LINE_RESULTS)[number];

/**
 * One line of a statement and what matching made of it. MISSING rows are the other way round: a
 * commission the supplier owes (earned or invoiced in TT-API) that the statement leaves out.
 */
export const SupplierStatementLineSchema = defineEntity({
  name: 'SupplierStatementLine',
  tableName: 'supplier_statement_line',
  properties: {
    id: idProperty(),
    statementId: p.uuid().index(),
    /** The CSV line (the header is line 1); null for a MISSING row. */
    lineNumber: p.integer().nullable(),
    result: p.enum(STATEMENT_LINE_RESULTS).nativeEnumName('nx_statement_line_result'),
    bookingReference: p.string().length(60).nullable(),
    confirmationNumber: p.string().length(60).nullable(),
    /** What the supplier paid on this line; 0 for a MISSING row. */
    paidCents: p.bigint('number'),
    /** The matched booking (TT-API id). */
    bookingId: p.uuid().nullable().index(),
    commissionEntryId: p.uuid().nullable(),
    /** The commission TT-API expects for the booking. */
    expectedCents: p.bigint('number').nullable(),
    /** paid - expected (negative: paid short). */
    differenceCents: p.bigint('number').nullable(),
  },
});
export class SupplierStatementLine extends SupplierStatementLineSchema.class {}
SupplierStatementLineSchema.setClass(SupplierStatementLine);
