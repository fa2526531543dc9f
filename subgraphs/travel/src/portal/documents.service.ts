/**
 * Travellers and their documents in the client portal (numbers masked, expiry warnings), and new
 * passport details: a traveller's update is kept here as a restricted pending change that only
 * advisors and above read and apply through the travel-document operations. Nothing from the
 * portal is written to TT-API directly, and no task or notification ever carries the number.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  badInput,
  conflict,
  notFound,
  parseInput,
  zId,
  type ClientScope,
  type ConnectionArgs,
  type Viewer,
} from '@nexus/platform';
import { z } from 'zod';
import { PassportChange, PASSPORT_CHANGE_STATUSES } from '../entities/index.ts';
import { known } from '../graphql-enums.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import { documentTypes, type TravelDocument, type Traveler } from '../tt-api/contract.ts';
import { memoryConnection, checkId } from '../services/lists.ts';
import { createTravelDocument, updateTravelDocument, updateTraveler } from '../services/people.service.ts';
import { familyAccess, familyTravelers, reachableTraveler } from './scope.service.ts';

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
/** Many countries refuse a passport valid for less than six months. */
const WARN_MONTHS = 6;

/** `•••• 1234`: the last four characters only. */
export const maskNumber = (n: string) => `•••• ${n.slice(-4)}`;

export interface PortalTravelerSource {
  traveler: Traveler;
  scope: ClientScope;
  now: Date;
}

export async function portalSelf(tt: TtApiClient, scope: ClientScope, now: Date = new Date()) {
  const traveler = await reachableTraveler(tt, scope, null);
  return { traveler, scope, now } satisfies PortalTravelerSource;
}

/** The family's other travellers (family access is checked by the shield and again here). */
export async function portalFamily(tt: TtApiClient, scope: ClientScope, args: ConnectionArgs, now: Date = new Date()) {
  if (!familyAccess(scope)) return memoryConnection<PortalTravelerSource>([], args);
  const others = (await familyTravelers(tt, scope)).filter((t) => t.id !== scope.ttTravelerId);
  return memoryConnection(
    others.map((traveler): PortalTravelerSource => ({ traveler, scope, now })),
    args,
  );
}

function addMonths(date: string, months: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDay(d);
}

export function expiryOf(expiryDate: string | null, now: Date) {
  const today = isoDay(now);
  if (!expiryDate) return { expiry: 'UNKNOWN' as const, warning: null };
  if (expiryDate < today)
    return { expiry: 'EXPIRED' as const, warning: `Expired on ${expiryDate}: it needs renewing before you travel.` };
  if (expiryDate < addMonths(today, WARN_MONTHS)) {
    const days = Math.round((Date.parse(`${expiryDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    return {
      expiry: 'EXPIRING_SOON' as const,
      warning: `Expires in ${days} day${days === 1 ? '' : 's'} (${expiryDate}); many countries want six months left on arrival.`,
    };
  }
  return { expiry: 'VALID' as const, warning: null };
}

/** A traveller's documents on file, masked; their passport fields count when no passport document exists. */
export async function portalDocuments(tt: TtApiClient, src: PortalTravelerSource, args: ConnectionArgs) {
  const docs: TravelDocument[] = (
    await tt.listTravelDocuments({ travelerId: src.traveler.id, limit: 100, sortBy: 'expiryDate', sortOrder: 'asc' })
  ).data.filter((d) => d.deletedAt === null);
  const rows = docs.map((d) => ({
    id: d.id,
    documentType: known(documentTypes, d.documentType, 'other'),
    maskedNumber: maskNumber(d.documentNumber),
    issuingCountry: d.issuingCountry,
    issueDate: d.issueDate,
    expiryDate: d.expiryDate,
    ...expiryOf(d.expiryDate, src.now),
  }));
  const t = src.traveler;
  if (!docs.some((d) => d.documentType === 'passport') && t.passportNumber) {
    rows.unshift({
      id: t.id,
      documentType: 'passport',
      maskedNumber: maskNumber(t.passportNumber),
      issuingCountry: t.passportCountry,
      issueDate: t.passportIssueDate,
      expiryDate: t.passportExpiryDate,
      ...expiryOf(t.passportExpiryDate, src.now),
    });
  }
  return memoryConnection(rows, args);
}

// ---------------------------------------------------------------------------------------------
// Passport changes
// ---------------------------------------------------------------------------------------------

const passportInput = z.object({
  travelerId: z.string().nullish(),
  documentNumber: z
    .string()
    .trim()
    .toUpperCase()
    .transform((s) => s.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9]{5,20}$/, 'Use the 5 to 20 letters and digits printed on the passport')),
  issuingCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'Use the two-letter country code, e.g. US'),
  issueDate: z.iso.date('Use YYYY-MM-DD'),
  expiryDate: z.iso.date('Use YYYY-MM-DD'),
});

/** What makes a passport's dates impossible, one problem per field. */
function dateProblems(issueDate: string, expiryDate: string, now: Date) {
  const today = isoDay(now);
  const problems: { path: string; message: string }[] = [];
  if (issueDate > today) problems.push({ path: 'input.issueDate', message: 'is in the future' });
  if (issueDate < '1950-01-01') problems.push({ path: 'input.issueDate', message: 'is too long ago' });
  if (expiryDate <= issueDate) problems.push({ path: 'input.expiryDate', message: 'must be after the issue date' });
  else if (expiryDate < today)
    problems.push({ path: 'input.expiryDate', message: 'has passed: send a valid passport' });
  // Passports run ten years (some countries add months for a remaining validity).
  else if (expiryDate > addMonths(issueDate, 12 * 11))
    problems.push({ path: 'input.expiryDate', message: 'is more than 11 years after the issue date' });
  return problems;
}

export async function submitPassportUpdate(
  em: EntityManager,
  tt: TtApiClient,
  scope: ClientScope,
  raw: unknown,
  now: Date = new Date(),
) {
  const input = parseInput(passportInput, raw, 'input');
  const problems = dateProblems(input.issueDate, input.expiryDate, now);
  if (problems.length > 0) throw badInput('These passport dates are not possible.', problems);
  const traveler = await reachableTraveler(tt, scope, input.travelerId);
  // A second update before the agency acted replaces the first: only the latest details count.
  const open = await em.find(PassportChange, { travelerId: traveler.id, status: 'PENDING' });
  const change = em.create(PassportChange, {
    travelerId: traveler.id,
    clientId: traveler.clientId ?? scope.ttClientId,
    submittedByAccountId: scope.accountId,
    documentNumber: input.documentNumber,
    numberLast4: input.documentNumber.slice(-4),
    issuingCountry: input.issuingCountry,
    issueDate: input.issueDate,
    expiryDate: input.expiryDate,
    status: 'PENDING',
    submittedAt: now,
  });
  for (const old of open) {
    old.status = 'REJECTED';
    old.documentNumber = null;
    old.decidedAt = now;
    old.decisionNote = 'Replaced by newer details.';
  }
  await em.flush();
  return change;
}

/** The portal's view of a change: never the full number. */
export const portalChangeView = (c: PassportChange) => ({
  id: c.id,
  travelerId: c.travelerId,
  maskedNumber: maskNumber(c.numberLast4),
  issuingCountry: c.issuingCountry,
  issueDate: c.issueDate,
  expiryDate: c.expiryDate,
  status: c.status,
  submittedAt: c.submittedAt,
  decidedAt: c.decidedAt ?? null,
  note: c.decisionNote ?? null,
});

export async function portalPassportChanges(em: EntityManager, src: PortalTravelerSource, args: ConnectionArgs) {
  const rows = await em.find(
    PassportChange,
    { travelerId: src.traveler.id },
    { orderBy: { submittedAt: 'desc' }, limit: 50 },
  );
  return memoryConnection(rows.map(portalChangeView), args);
}

const staffFilter = z
  .object({ status: z.enum(PASSPORT_CHANGE_STATUSES).nullish(), travelerId: zId.nullish() })
  .nullish();

/** Staff: passport changes, oldest first (pending ones unless asked otherwise). */
export async function listPassportChanges(em: EntityManager, args: ConnectionArgs & { filter?: unknown }) {
  const filter = parseInput(staffFilter, args.filter, 'filter');
  const rows = await em.find(
    PassportChange,
    { status: filter?.status ?? 'PENDING', ...(filter?.travelerId ? { travelerId: filter.travelerId } : {}) },
    { orderBy: { submittedAt: 'asc' }, limit: 1000 },
  );
  return memoryConnection(rows, args);
}

async function pendingChange(em: EntityManager, id: string) {
  const change = await em.findOne(PassportChange, { id: checkId(id) });
  if (!change) throw notFound('PassportChange', id);
  if (change.status !== 'PENDING') throw conflict(`This passport change was already ${change.status.toLowerCase()}.`);
  if (!change.documentNumber) throw conflict('This passport change has no number left to apply.');
  return change;
}

/**
 * Puts the details on file through the travel-document operations: the traveler's passport fields
 * (which keep their passport document in step), and the passport document that holds the old
 * number renewed in place, so alerts and readiness see the new passport.
 */
export async function applyPassportChange(em: EntityManager, tt: TtApiClient, viewer: Viewer, id: string) {
  const change = await pendingChange(em, id);
  const number = change.documentNumber ?? '';
  const before = await tt.getTraveler(change.travelerId);
  const oldPassport = before.documents.find(
    (d) => d.documentType === 'passport' && d.deletedAt === null && d.documentNumber === before.passportNumber,
  );
  const fields = {
    documentNumber: number,
    issuingCountry: change.issuingCountry,
    issueDate: change.issueDate,
    expiryDate: change.expiryDate,
  };
  const doc = oldPassport
    ? await updateTravelDocument(tt, { id: oldPassport.id, ...fields })
    : await createTravelDocument(tt, { travelerId: change.travelerId, documentType: 'passport', ...fields });
  const passportFields = {
    id: change.travelerId,
    passportNumber: number,
    passportCountry: change.issuingCountry,
    passportIssueDate: change.issueDate,
    passportExpiryDate: change.expiryDate,
  };
  await updateTraveler(tt, passportFields);
  change.status = 'APPLIED';
  change.documentNumber = null;
  change.decidedById = viewer.id;
  change.decidedAt = new Date();
  change.appliedDocumentId = doc.id;
  await em.flush();
  return change;
}

const rejectInput = z.object({ id: zId, note: z.string().trim().min(1, 'Say why, for the traveller').max(500) });

export async function rejectPassportChange(em: EntityManager, viewer: Viewer, raw: unknown) {
  const input = parseInput(rejectInput, raw, 'input');
  const change = await pendingChange(em, input.id);
  change.status = 'REJECTED';
  change.documentNumber = null;
  change.decidedById = viewer.id;
  change.decidedAt = new Date();
  change.decisionNote = input.note;
  await em.flush();
  return change;
}

/** Staff's view: the full number while pending, the last four once decided. */
export const staffDocumentNumber = (c: PassportChange) => c.documentNumber ?? maskNumber(c.numberLast4);
