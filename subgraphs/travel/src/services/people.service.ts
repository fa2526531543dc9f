/** Clients (addresses, family groups) and travelers (emergency contacts, loyalty programs, documents). */
import { badInput, type Viewer } from '@nexus/platform';
import type {
  QueryClientsArgs,
  QueryFamilyGroupsArgs,
  QueryTravelDocumentsArgs,
  QueryTravelersArgs,
} from '../__generated__/resolvers-types.ts';
import type { TtApiClient } from '../tt-api/client.ts';
import {
  createClientAddressSchema,
  createClientSchema,
  createEmergencyContactSchema,
  createFamilyGroupSchema,
  createLoyaltyProgramSchema,
  createTravelDocumentSchema,
  createTravelerSchema,
  type Traveler,
  updateTravelDocumentSchema,
  updateClientAddressSchema,
  updateClientSchema,
  updateEmergencyContactSchema,
  updateFamilyGroupSchema,
  updateLoyaltyProgramSchema,
  updateTravelerSchema,
} from '../tt-api/contract.ts';
import { parseTt, parseUpdate } from './inputs.ts';
import { checkId, filterOf, orderOf, requireManagerForSort, ttConnection } from './lists.ts';

export async function listClients(tt: TtApiClient, viewer: Viewer, args: QueryClientsArgs) {
  const order = orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' });
  requireManagerForSort(viewer, order.sortBy, ['lifetimeValueCents']);
  const filter = filterOf(args.filter);
  return ttConnection((p) => tt.listClients({ ...filter, ...order, ...p }), args);
}

export function listFamilyGroups(tt: TtApiClient, args: QueryFamilyGroupsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listFamilyGroups({ ...query, ...p }), args);
}

export function listTravelers(tt: TtApiClient, args: QueryTravelersArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'createdAt', sortOrder: 'desc' }) };
  return ttConnection((p) => tt.listTravelers({ ...query, ...p }), args);
}

/** Soonest expiry first unless ordered otherwise. */
export function listTravelDocuments(tt: TtApiClient, args: QueryTravelDocumentsArgs) {
  const query = { ...filterOf(args.filter), ...orderOf(args.orderBy, { sortBy: 'expiryDate', sortOrder: 'asc' }) };
  return ttConnection((p) => tt.listTravelDocuments({ ...query, ...p }), args);
}

/** The row a resolver needs, or null when TT-API has none (NOT_FOUND becomes null for `x(id)`). */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'NOT_FOUND') return null;
    throw e;
  }
}

export const getClient = (tt: TtApiClient, id: string) => orNull(tt.getClient(checkId(id)));
export const getFamilyGroup = (tt: TtApiClient, id: string) => orNull(tt.getFamilyGroup(checkId(id)));
export const getTraveler = (tt: TtApiClient, id: string) => orNull(tt.getTraveler(checkId(id)));

export const createClient = (tt: TtApiClient, input: unknown) => tt.createClient(parseTt(createClientSchema, input));
export function updateClient(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateClientSchema, input);
  return tt.updateClient(id, changes);
}
export const deleteClient = async (tt: TtApiClient, id: string) => (await tt.deleteClient(checkId(id))).id;

export const createClientAddress = (tt: TtApiClient, input: unknown) =>
  tt.createClientAddress(parseTt(createClientAddressSchema, input));
export function updateClientAddress(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateClientAddressSchema, input);
  return tt.updateClientAddress(id, changes);
}
export const deleteClientAddress = async (tt: TtApiClient, id: string) =>
  (await tt.deleteClientAddress(checkId(id))).id;

export const createFamilyGroup = (tt: TtApiClient, input: unknown) =>
  tt.createFamilyGroup(parseTt(createFamilyGroupSchema, input));
export function updateFamilyGroup(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateFamilyGroupSchema, input);
  return tt.updateFamilyGroup(id, changes);
}

/**
 * TT-API keeps a traveler's passport twice: as fields on the traveler and as a `passport` travel
 * document, which is what the passport-expiry job and the documents list read. Nexus writes both,
 * so a traveler entered here is seen by the alerts like one entered in TT-API.
 */
type PassportFields = {
  passportNumber?: string | null | undefined;
  passportCountry?: string | null | undefined;
  passportIssueDate?: string | null | undefined;
  passportExpiryDate?: string | null | undefined;
};

async function keepPassportDocument(tt: TtApiClient, traveler: Traveler, changed: PassportFields) {
  const touched = Object.values(changed).some((v) => v !== undefined);
  if (!touched || traveler.passportNumber === null) return;
  const fields = {
    documentNumber: traveler.passportNumber,
    issuingCountry: traveler.passportCountry,
    issueDate: traveler.passportIssueDate,
    expiryDate: traveler.passportExpiryDate,
  };
  const existing = await tt.listTravelDocuments({ travelerId: traveler.id, documentType: 'passport', limit: 100 });
  const same = existing.data.find((d) => d.documentNumber === traveler.passportNumber);
  if (same) await tt.updateTravelDocument(same.id, fields);
  else await tt.createTravelDocument({ travelerId: traveler.id, documentType: 'passport', ...fields });
}

export async function createTraveler(tt: TtApiClient, input: unknown) {
  const parsed = parseTt(createTravelerSchema, input);
  if (!parsed.passportNumber && parsed.passportExpiryDate)
    throw badInput('A passport expiry date needs the passport number.', [
      { path: 'input.passportNumber', message: 'needed with passportExpiryDate' },
    ]);
  const traveler = await tt.createTraveler(parsed);
  await keepPassportDocument(tt, traveler, parsed);
  return traveler;
}
export async function updateTraveler(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTravelerSchema, input);
  const traveler = await tt.updateTraveler(id, changes);
  await keepPassportDocument(tt, traveler, changes);
  return traveler;
}

export async function createTravelDocument(tt: TtApiClient, input: unknown) {
  return tt.createTravelDocument(parseTt(createTravelDocumentSchema, input));
}
/** Replacing a document (a renewed passport keeps its row) is an update of its fields. */
export function updateTravelDocument(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTravelDocumentSchema, input);
  return tt.updateTravelDocument(id, changes);
}
export const deleteTravelDocument = async (tt: TtApiClient, id: string) =>
  (await tt.deleteTravelDocument(checkId(id))).id;
export const deleteTraveler = async (tt: TtApiClient, id: string) => (await tt.deleteTraveler(checkId(id))).id;

export const createEmergencyContact = (tt: TtApiClient, input: unknown) =>
  tt.createEmergencyContact(parseTt(createEmergencyContactSchema, input));
export function updateEmergencyContact(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateEmergencyContactSchema, input);
  return tt.updateEmergencyContact(id, changes);
}
export const deleteEmergencyContact = async (tt: TtApiClient, id: string) =>
  (await tt.deleteEmergencyContact(checkId(id))).id;

export const createLoyaltyProgram = (tt: TtApiClient, input: unknown) =>
  tt.createLoyaltyProgram(parseTt(createLoyaltyProgramSchema, input));
export function updateLoyaltyProgram(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateLoyaltyProgramSchema, input);
  return tt.updateLoyaltyProgram(id, changes);
}

const DAY_MS = 86_400_000;
/** Whole days from today (UTC) to a `YYYY-MM-DD` date; negative once past. */
export function daysUntil(date: string | null, now: Date = new Date()): number | null {
  if (date === null) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY_MS);
}
