/** Clients (addresses, family groups) and travelers (emergency contacts, loyalty programs, documents). */
import type { Viewer } from '@nexus/platform';
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
  createTravelerSchema,
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

export const createTraveler = (tt: TtApiClient, input: unknown) =>
  tt.createTraveler(parseTt(createTravelerSchema, input));
export function updateTraveler(tt: TtApiClient, input: { id: string }) {
  const { id, changes } = parseUpdate(updateTravelerSchema, input);
  return tt.updateTraveler(id, changes);
}
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
