/** TT-API simulator: The catalogue (destinations, trip offerings), client trips and bookings. */
import { randomUUID } from 'node:crypto';
import { live } from '../db.ts';
import type { SimDb } from '../db.ts';
import { mountResource, nowIso } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError, validationError } from '../http-errors.ts';
import {
  bookingTravelers,
  dateFrom,
  dateTo,
  fresh,
  paymentStatusOf,
  R,
  requireRef,
  slugify,
  uniqueSlug,
} from './shared.ts';

/**
 * The catalogue (destinations, trip offerings), client trips and bookings.
 */
export function mountTripsAndBookings(app: SimApp, ctx: SimCtx): void {
  mountResource(app, ctx, { def: R.destinations, table: (db: SimDb) => db.destinations });

  const replaceLegs = (
    db: SimDb,
    tripId: string,
    legs: ReadonlyArray<{
      dayNumber: number;
      portOrLocation: string;
      description?: string | null | undefined;
      arrivalTime?: string | null | undefined;
      departureTime?: string | null | undefined;
    }>,
  ) => {
    for (const leg of [...db.itineraryLegs.values()])
      if (leg.tripOfferingId === tripId) db.itineraryLegs.delete(leg.id);
    for (const leg of legs) {
      const id = randomUUID();
      db.itineraryLegs.set(id, {
        id,
        tripOfferingId: tripId,
        dayNumber: leg.dayNumber,
        portOrLocation: leg.portOrLocation,
        description: leg.description ?? null,
        arrivalTime: leg.arrivalTime ?? null,
        departureTime: leg.departureTime ?? null,
      });
    }
  };
  const checkDates = (from: string, to: string, field: string) => {
    if (to < from) throw validationError([{ path: [field], message: 'Must not be before the start date' }]);
  };
  mountResource(app, ctx, {
    def: R.trips,
    table: (db: SimDb) => db.trips,
    filters: { departureFrom: dateFrom, departureTo: dateTo },
    detail: (row, db) => ({
      ...row,
      itineraryLegs: [...db.itineraryLegs.values()]
        .filter((l) => l.tripOfferingId === row.id)
        .sort((a, b) => a.dayNumber - b.dayNumber),
    }),
    create: (input, db) => {
      requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      checkDates(input.departureDate, input.returnDate, 'returnDate');
      const row = {
        ...fresh(),
        name: input.name,
        slug: uniqueSlug(db.trips, input.slug ?? slugify(input.name), null),
        tripType: input.tripType,
        vendorId: input.vendorId ?? null,
        destinationId: input.destinationId ?? null,
        description: input.description ?? null,
        departureDate: input.departureDate,
        returnDate: input.returnDate,
        priceFromCents: input.priceFromCents,
        capacity: input.capacity,
        spotsBooked: 0,
        shipName: input.shipName ?? null,
        isPublished: input.isPublished ?? false,
      };
      replaceLegs(db, row.id, input.itineraryLegs ?? []);
      return row;
    },
    update: (row, input, db) => {
      requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      if (input.slug !== undefined) uniqueSlug(db.trips, input.slug, row.id);
      const { itineraryLegs, ...fields } = input;
      const next = { ...row, ...fields };
      checkDates(next.departureDate, next.returnDate, 'returnDate');
      if (next.capacity < next.spotsBooked)
        throw conflictError(`Capacity cannot go below the ${next.spotsBooked} spots already booked`);
      if (itineraryLegs !== undefined) replaceLegs(db, row.id, itineraryLegs);
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.clientTrips,
    table: (db: SimDb) => db.clientTrips,
    filters: {
      travelerId: (t, v) => typeof v === 'string' && t.travelerIds.includes(v),
      travelerIds: (t, v) => Array.isArray(v) && t.travelerIds.some((id) => v.includes(id)),
    },
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      (input.travelerIds ?? []).forEach((id, k) => requireRef(db.travelers, id, `travelerIds.${k}`, 'Traveler'));
      return {
        ...fresh(),
        clientId: input.clientId,
        tripOfferingId: input.tripOfferingId ?? null,
        name: input.name,
        tripType: input.tripType,
        status: input.status ?? 'inquiry',
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        totalCostCents: input.totalCostCents ?? 0,
        travelerIds: input.travelerIds ?? [],
        itineraryItems: (input.itineraryItems ?? []).map((i) => ({
          day: i.day,
          title: i.title,
          description: i.description ?? null,
          location: i.location ?? null,
        })),
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      (input.travelerIds ?? []).forEach((id, k) => requireRef(db.travelers, id, `travelerIds.${k}`, 'Traveler'));
      const { itineraryItems, ...fields } = input;
      return {
        ...row,
        ...fields,
        ...(itineraryItems === undefined
          ? {}
          : {
              itineraryItems: itineraryItems.map((i) => ({
                day: i.day,
                title: i.title,
                description: i.description ?? null,
                location: i.location ?? null,
              })),
            }),
      };
    },
  });

  const referenceTaken = (db: SimDb, ref: string, exceptId: string | null) =>
    live(db.bookings).some((b) => b.bookingReference === ref && b.id !== exceptId);
  const checkBookingRefs = (
    db: SimDb,
    input: {
      dealId?: string | null | undefined;
      clientId?: string | null | undefined;
      clientTripId?: string | null | undefined;
      tripOfferingId?: string | null | undefined;
      vendorId?: string | null | undefined;
    },
  ) => {
    requireRef(db.deals, input.dealId, 'dealId', 'Deal');
    requireRef(db.clients, input.clientId, 'clientId', 'Client');
    requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
    requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
    requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
  };
  mountResource(app, ctx, {
    def: R.bookings,
    table: (db: SimDb) => db.bookings,
    filters: {
      departureFrom: dateFrom,
      departureTo: dateTo,
      travelerId: (b, v) => b.travelers.some((t) => t.travelerId === v),
      travelerIds: (b, v) => Array.isArray(v) && b.travelers.some((t) => v.includes(t.travelerId)),
    },
    create: (input, db) => {
      checkBookingRefs(db, input);
      const base = fresh();
      const year = base.createdAt.slice(0, 4);
      let reference = input.bookingReference;
      if (reference !== undefined && referenceTaken(db, reference, null)) {
        throw conflictError(`Booking reference ${reference} already exists`);
      }
      for (let n = db.bookings.size + 10001; reference === undefined; n++) {
        const candidate = `TT-${year}-${n}`;
        if (!referenceTaken(db, candidate, null)) reference = candidate;
      }
      return {
        ...base,
        bookingReference: reference,
        dealId: input.dealId ?? null,
        clientId: input.clientId ?? null,
        clientTripId: input.clientTripId ?? null,
        tripOfferingId: input.tripOfferingId ?? null,
        vendorId: input.vendorId ?? null,
        status: input.status ?? 'inquiry',
        destination: input.destination,
        departureDate: input.departureDate,
        returnDate: input.returnDate ?? null,
        totalPriceCents: input.totalPriceCents,
        amountPaidCents: 0,
        paymentStatus: 'pending' as const,
        vendorConfirmationNumber: input.vendorConfirmationNumber ?? null,
        confirmedAt: input.status === 'confirmed' ? base.createdAt : null,
        notes: input.notes ?? null,
        travelers: bookingTravelers(db, base.id, input.travelers ?? []),
      };
    },
    update: (row, input, db) => {
      checkBookingRefs(db, input);
      if (input.bookingReference !== undefined && referenceTaken(db, input.bookingReference, row.id)) {
        throw conflictError(`Booking reference ${input.bookingReference} already exists`);
      }
      const { travelers, ...fields } = input;
      const next = { ...row, ...fields };
      if (travelers !== undefined) next.travelers = bookingTravelers(db, row.id, travelers);
      if (input.status === 'confirmed' && row.confirmedAt === null) next.confirmedAt = nowIso();
      if (input.status === 'refunded') next.paymentStatus = 'refunded';
      next.paymentStatus = paymentStatusOf(next);
      return next;
    },
  });
}
