/**
 * What a signed-in traveller may reach in TT-API: their own traveler, the trips they are on (and,
 * with family access, the family's trips and travellers), and their client's money (with payment
 * access). Every portal read starts here; anything outside answers NOT_FOUND, exactly like an id
 * that does not exist, so ids leak nothing.
 */
import { clientMay, notFound, type ClientScope } from '@nexus/platform';
import { z } from 'zod';
import type { TtApiClient } from '../tt-api/client.ts';
import { MAX_PAGE_LIMIT, type ClientTrip, type Traveler } from '../tt-api/contract.ts';
import { allPages } from '../services/money.service.ts';

const uuid = z.uuid();

/** A well-formed id, or NOT_FOUND (a malformed id names nothing the traveller may see). */
export function portalId(id: unknown, what: string): string {
  const parsed = uuid.safeParse(id);
  if (!parsed.success) throw notFound(what);
  return parsed.data;
}

const isNotFound = (e: unknown) => e instanceof Error && 'code' in e && e.code === 'NOT_FOUND';

/** TT-API's answer, or null when it has no such row. */
async function found<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}

export const familyAccess = (scope: ClientScope) => clientMay(scope, 'FAMILY');
export const payerAccess = (scope: ClientScope) => clientMay(scope, 'PAYER');

/** Whether the traveller may see this trip: they are on it, or it is their family's and they manage the family. */
export const tripVisible = (scope: ClientScope, trip: ClientTrip) =>
  trip.deletedAt === null &&
  (trip.travelerIds.includes(scope.ttTravelerId) || (familyAccess(scope) && trip.clientId === scope.ttClientId));

/** Every trip the traveller may see (bounded: a family has tens of trips, not thousands). */
export async function visibleTrips(tt: TtApiClient, scope: ClientScope): Promise<ClientTrip[]> {
  const limit = MAX_PAGE_LIMIT;
  const [own, family] = await Promise.all([
    allPages((page) => tt.listClientTrips({ travelerId: scope.ttTravelerId, page, limit }), 10),
    familyAccess(scope)
      ? allPages((page) => tt.listClientTrips({ clientId: scope.ttClientId, page, limit }), 10)
      : Promise.resolve([]),
  ]);
  const byId = new Map<string, ClientTrip>();
  for (const t of [...own, ...family]) if (tripVisible(scope, t)) byId.set(t.id, t);
  return [...byId.values()];
}

/** One trip the traveller may see, or NOT_FOUND. */
export async function visibleTrip(tt: TtApiClient, scope: ClientScope, id: unknown): Promise<ClientTrip> {
  const tripId = portalId(id, 'Trip');
  const trip = await found(tt.getClientTrip(tripId));
  if (!trip || !tripVisible(scope, trip)) throw notFound('Trip', tripId);
  return trip;
}

/** The travellers of the traveller's family (their client), themselves included. */
export async function familyTravelers(tt: TtApiClient, scope: ClientScope): Promise<Traveler[]> {
  const rows = await allPages(
    (page) =>
      tt.listTravelers({
        clientId: scope.ttClientId,
        page,
        limit: MAX_PAGE_LIMIT,
        sortBy: 'firstName',
        sortOrder: 'asc',
      }),
    5,
  );
  return rows.filter((t) => t.deletedAt === null);
}

/**
 * A traveller whose documents the signed-in one may read or update: themselves, or (family access)
 * another traveller of their client. Anyone else is NOT_FOUND.
 */
export async function reachableTraveler(tt: TtApiClient, scope: ClientScope, id: unknown): Promise<Traveler> {
  const travelerId = id === null || id === undefined ? scope.ttTravelerId : portalId(id, 'Traveler');
  if (travelerId !== scope.ttTravelerId && !familyAccess(scope)) throw notFound('Traveler', travelerId);
  const traveler = await found(tt.getTraveler(travelerId));
  if (!traveler || traveler.deletedAt !== null) throw notFound('Traveler', travelerId);
  if (travelerId !== scope.ttTravelerId && traveler.clientId !== scope.ttClientId)
    throw notFound('Traveler', travelerId);
  return traveler;
}
