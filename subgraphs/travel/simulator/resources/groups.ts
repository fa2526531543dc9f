/** TT-API simulator: Groups, travel alerts and satisfaction scores. */
import type { SimDb } from '../db.ts';
import { mountResource, nowIso } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError, validationError } from '../http-errors.ts';
import { fresh, R, requireRef, slugify, uniqueSlug } from './shared.ts';

/**
 * Groups, travel alerts and satisfaction scores.
 */
export function mountGroups(app: SimApp, ctx: SimCtx): void {
  const checkGuests = (minGuests: number, maxGuests: number) => {
    if (maxGuests < minGuests) throw validationError([{ path: ['maxGuests'], message: 'Must be at least minGuests' }]);
  };
  mountResource(app, ctx, {
    def: R.groups,
    table: (db: SimDb) => db.groups,
    detail: (row, db) => ({
      ...row,
      members: [...db.groupMembers.values()].filter((m) => m.groupId === row.id),
      milestones: [...db.groupMilestones.values()]
        .filter((m) => m.groupId === row.id)
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
    }),
    create: (input, db) => {
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      requireRef(db.contacts, input.organizerContactId, 'organizerContactId', 'Contact');
      checkGuests(input.minGuests, input.maxGuests);
      return {
        ...fresh(),
        name: input.name,
        slug: uniqueSlug(db.groups, input.slug ?? slugify(input.name), null),
        status: input.status ?? 'planning',
        tripType: input.tripType ?? null,
        tripOfferingId: input.tripOfferingId ?? null,
        organizerContactId: input.organizerContactId ?? null,
        destination: input.destination,
        departureDate: input.departureDate,
        returnDate: input.returnDate ?? null,
        minGuests: input.minGuests,
        maxGuests: input.maxGuests,
        pricePerPersonCents: input.pricePerPersonCents,
        depositPerPersonCents: input.depositPerPersonCents ?? 0,
        memberCount: 0,
      };
    },
    update: (row, input, db) => {
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      requireRef(db.contacts, input.organizerContactId, 'organizerContactId', 'Contact');
      if (input.slug !== undefined) uniqueSlug(db.groups, input.slug, row.id);
      const next = { ...row, ...input };
      checkGuests(next.minGuests, next.maxGuests);
      if (next.maxGuests < next.memberCount)
        throw conflictError(`maxGuests cannot go below the ${next.memberCount} current members`);
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.travelAlerts,
    table: (db: SimDb) => db.travelAlerts,
    create: (input, db) => {
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      return {
        ...fresh(),
        destinationId: input.destinationId ?? null,
        country: input.country ?? null,
        alertType: input.alertType,
        severity: input.severity,
        title: input.title,
        description: input.description,
        source: input.source ?? null,
        startsAt: input.startsAt ?? nowIso(),
        endsAt: input.endsAt ?? null,
        isActive: input.isActive ?? true,
      };
    },
    update: (row, input, db) => {
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      return { ...row, ...input };
    },
  });

  mountResource(app, ctx, {
    def: R.satisfaction,
    table: (db: SimDb) => db.satisfaction,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
      if (input.scoreType !== 'nps' && input.score > 5) {
        throw validationError([{ path: ['score'], message: `${input.scoreType} scores run from 1 to 5` }]);
      }
      const base = fresh();
      return {
        ...base,
        clientId: input.clientId,
        bookingId: input.bookingId ?? null,
        clientTripId: input.clientTripId ?? null,
        scoreType: input.scoreType,
        score: input.score,
        feedback: input.feedback ?? null,
        wouldRecommend: input.wouldRecommend ?? null,
        submittedAt: base.createdAt,
      };
    },
  });
}
