import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PassportAlert } from './entities/index.ts';
import type { TtApiClient } from './tt-api/client.ts';
import { MAX_IDS_PER_QUERY, MAX_PAGE_LIMIT } from './tt-api/contract.ts';
import type { ClientTrip, ListResult } from './tt-api/contract.ts';
import type { ConnectionArgs } from '@nexus/platform';
import { childConnection, type ChildBatch, type TtPage } from './services/lists.ts';
import { statementPaidByBooking } from './services/money.service.ts';
import { readinessOf, type TripReadinessSource } from './services/readiness.service.ts';

/**
 * Per-request batch loaders over TT-API. A list of rows (a page of contacts crossing the graph, a
 * page of clients asking for their trips) costs ONE TT-API call per relation, not one per row:
 * the keys collected in a tick go out together as `ids=` or a parent's plural filter (`clientIds=`),
 * at most 100 per call. Results come back in key order, null (or []) for missing keys. A failing
 * call rejects every key of its batch, so each field gets the UPSTREAM_UNAVAILABLE error.
 */

/** Stop paging children after this many pages: a relation list is a preview, not an export. */
const MAX_CHILD_PAGES = 10;

function byIds<T extends { id: string }>(list: (q: { ids: string[]; limit: number }) => Promise<ListResult<T>>) {
  return new DataLoader<string, T | null>(
    async (ids) => {
      const res = await list({ ids: [...ids], limit: MAX_PAGE_LIMIT });
      const found = new Map(res.data.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { maxBatchSize: Math.min(MAX_IDS_PER_QUERY, MAX_PAGE_LIMIT) },
  );
}

/**
 * Children of many parents in one call: `fetchPage` asks for a page of rows of all the parents at
 * once (a plural parent filter), `parentsOf` says which parents a row belongs to. Pages on while
 * TT-API has more, up to MAX_CHILD_PAGES; a parent whose rows may not all have arrived by then
 * pages through its own rows instead (`childConnection`), so nested lists page past the batch.
 */
function childrenOf<T>(
  fetchPage: (parentIds: string[], paging: TtPage) => Promise<ListResult<T>>,
  parentsOf: (row: T) => readonly (string | null)[],
) {
  const loader = new DataLoader<string, ChildBatch<T>>(
    async (keys) => {
      const grouped = new Map<string, T[]>(keys.map((k) => [k, []]));
      let complete = false;
      for (let page = 1; page <= MAX_CHILD_PAGES && !complete; page++) {
        const res = await fetchPage([...keys], { page, limit: MAX_PAGE_LIMIT });
        for (const row of res.data) {
          for (const parent of parentsOf(row)) if (parent !== null) grouped.get(parent)?.push(row);
        }
        complete = page >= res.pagination.totalPages;
      }
      return keys.map((k) => ({ rows: grouped.get(k) ?? [], complete }));
    },
    { maxBatchSize: MAX_IDS_PER_QUERY },
  );
  return {
    /** One parent's share of the batch. */
    load: (parentId: string) => loader.load(parentId),
    /** One parent's children as a connection (checked arguments first: bad ones cost no call). */
    connection: (parentId: string, args: ConnectionArgs) =>
      childConnection(
        () => loader.load(parentId),
        (paging) => fetchPage([parentId], paging),
        args,
      ),
  };
}

/** One detail call per id (TT-API has no batch detail); deduped within the request. */
function detail<T>(get: (id: string) => Promise<T>) {
  return new DataLoader<string, T>((ids) => Promise.all(ids.map((id) => get(id))));
}

export function createLoaders(tt: TtApiClient, em: EntityManager) {
  const newest = { sortBy: 'createdAt', sortOrder: 'desc' } as const;
  return {
    client: byIds(tt.listClients),
    traveler: byIds(tt.listTravelers),
    tripOffering: byIds(tt.listTripOfferings),
    clientTrip: byIds(tt.listClientTrips),
    booking: byIds(tt.listBookings),
    vendor: byIds(tt.listVendors),
    destination: byIds(tt.listDestinations),
    payment: byIds(tt.listPayments),

    clientDetail: detail(tt.getClient),
    travelerDetail: detail(tt.getTraveler),
    tripOfferingDetail: detail(tt.getTripOffering),
    groupDetail: detail(tt.getGroup),
    vendorDetail: detail(tt.getVendor),

    clientsOfCompany: childrenOf(
      (companyIds, p) => tt.listClients({ companyIds, ...p, ...newest }),
      (c) => [c.companyId],
    ),
    travelersOfClient: childrenOf(
      (clientIds, p) => tt.listTravelers({ clientIds, ...p, sortBy: 'lastName', sortOrder: 'asc' }),
      (t) => [t.clientId],
    ),
    addressesOfClient: childrenOf(
      (clientIds, p) => tt.listClientAddresses({ clientIds, ...p, ...newest }),
      (a) => [a.clientId],
    ),
    tripsOfClient: childrenOf(
      (clientIds, p) => tt.listClientTrips({ clientIds, ...p, ...newest }),
      (t) => [t.clientId],
    ),
    tripsOfTraveler: childrenOf(
      (travelerIds, p) => tt.listClientTrips({ travelerIds, ...p, ...newest }),
      (t) => t.travelerIds,
    ),
    bookingsOfClient: childrenOf(
      (clientIds, p) => tt.listBookings({ clientIds, ...p, ...newest }),
      (b) => [b.clientId],
    ),
    bookingsOfDeal: childrenOf(
      (dealIds, p) => tt.listBookings({ dealIds, ...p, ...newest }),
      (b) => [b.dealId],
    ),
    bookingsOfClientTrip: childrenOf(
      (clientTripIds, p) => tt.listBookings({ clientTripIds, ...p, ...newest }),
      (b) => [b.clientTripId],
    ),
    bookingsOfTraveler: childrenOf(
      (travelerIds, p) => tt.listBookings({ travelerIds, ...p, ...newest }),
      (b) => b.travelers.map((t) => t.travelerId),
    ),
    satisfactionOfClient: childrenOf(
      (clientIds, p) => tt.listSatisfactionScores({ clientIds, ...p, sortBy: 'submittedAt', sortOrder: 'desc' }),
      (s) => [s.clientId],
    ),
    documentsOfTraveler: childrenOf(
      (travelerIds, p) => tt.listTravelDocuments({ travelerIds, ...p, sortBy: 'expiryDate', sortOrder: 'asc' }),
      (d) => [d.travelerId],
    ),
    emergencyContactsOfTraveler: childrenOf(
      (travelerIds, p) => tt.listEmergencyContacts({ travelerIds, ...p, ...newest }),
      (e) => [e.travelerId],
    ),
    loyaltyOfTraveler: childrenOf(
      (travelerIds, p) => tt.listLoyaltyPrograms({ travelerIds, ...p, ...newest }),
      (l) => [l.travelerId],
    ),
    paymentsOfClient: childrenOf(
      (clientIds, p) => tt.listPayments({ clientIds, ...p, ...newest }),
      (x) => [x.clientId],
    ),
    paymentsOfBooking: childrenOf(
      (bookingIds, p) => tt.listPayments({ bookingIds, ...p, ...newest }),
      (x) => [x.bookingId],
    ),
    invoicesOfClient: childrenOf(
      (clientIds, p) => tt.listInvoices({ clientIds, ...p, ...newest }),
      (i) => [i.clientId],
    ),
    invoicesOfBooking: childrenOf(
      (bookingIds, p) => tt.listInvoices({ bookingIds, ...p, ...newest }),
      (i) => [i.bookingId],
    ),
    schedulesOfBooking: childrenOf(
      (bookingIds, p) => tt.listPaymentSchedules({ bookingIds, ...p, sortBy: 'dueDate', sortOrder: 'asc' }),
      (s) => [s.bookingId],
    ),
    schedulesOfClientTrip: childrenOf(
      (clientTripIds, p) => tt.listPaymentSchedules({ clientTripIds, ...p, sortBy: 'dueDate', sortOrder: 'asc' }),
      (s) => [s.clientTripId],
    ),
    commissionsOfBooking: childrenOf(
      (bookingIds, p) => tt.listCommissions({ bookingIds, ...p, ...newest }),
      (c) => [c.bookingId],
    ),

    /** Ready to travel for a page of trips: one batch of TT-API calls for all of them. */
    readiness: new DataLoader<ClientTrip, TripReadinessSource, string>((trips) => readinessOf(tt, em, trips), {
      cacheKeyFn: (t) => t.id,
      maxBatchSize: MAX_IDS_PER_QUERY,
    }),

    /** Nexus-side: what supplier statements paid per booking (commission collection). */
    statementPaid: new DataLoader<string, number>(async (ids) => {
      const paid = await statementPaidByBooking(em, ids);
      return ids.map((id) => paid.get(id) ?? 0);
    }),

    /** Nexus-side: the alert raised for a travel document, if any. */
    passportAlertByDocument: new DataLoader<string, PassportAlert | null>(async (ids) => {
      const rows = await em.find(PassportAlert, { travelDocumentId: { $in: [...ids] } });
      const found = new Map(rows.map((r) => [r.travelDocumentId, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
