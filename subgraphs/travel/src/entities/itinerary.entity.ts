import { defineEntity, p } from '@mikro-orm/core';
import { idProperty } from '@nexus/platform';

export const ITINERARY_ENTRY_KINDS = ['FLIGHT', 'HOTEL', 'CRUISE', 'TRANSFER', 'ACTIVITY', 'NOTE'] as const;
export type ItineraryEntryKind = (typeof ITINERARY_ENTRY_KINDS)[number];

/** One line of an itinerary: a day's flight, hotel, transfer, activity or note, in local time. */
export interface ItineraryEntryData {
  id: string;
  /** 1 = the first day of the trip. */
  day: number;
  kind: ItineraryEntryKind;
  title: string;
  description: string | null;
  location: string | null;
  /** `HH:MM` in `timeZone` (the place's own clock). */
  startTime: string | null;
  endTime: string | null;
  /** IANA zone, e.g. `Europe/Warsaw`. */
  timeZone: string | null;
  supplier: string | null;
  /** The supplier's confirmation number: an entry counts as booked only with one. */
  confirmationNumber: string | null;
  /** A flight's airline code and number (`LO 281`): the flight-status provider checks it. */
  flightNumber?: string | null;
  /** TT-API booking id. */
  bookingId: string | null;
}

/**
 * A client trip's itinerary (T-07). TT-API's itinerary items hold only day, title, description and
 * location and are replaced whole, so the itinerary lives here: a draft the advisor edits and
 * numbered published versions, one stable public link (`/i/<token>`) showing the latest.
 */
export const ItinerarySchema = defineEntity({
  name: 'Itinerary',
  tableName: 'itinerary',
  properties: {
    id: idProperty(),
    /** TT-API client trip id: one itinerary per trip. */
    clientTripId: p.uuid().unique(),
    title: p.string().length(200),
    /** The public link's secret (base64url, 32 bytes of randomness). */
    token: p.string().length(64).unique(),
    entries: p.json<ItineraryEntryData[]>(),
    /** The latest published version; 0 before the first publish. */
    publishedVersion: p.integer().default(0),
    publishedAt: p.datetime().nullable(),
    createdById: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export class Itinerary extends ItinerarySchema.class {}
ItinerarySchema.setClass(Itinerary);

/** A published version: what the client's link and PDF show, frozen at publish time. */
export const ItineraryVersionSchema = defineEntity({
  name: 'ItineraryVersion',
  tableName: 'itinerary_version',
  uniques: [{ properties: ['itineraryId', 'version'] }],
  properties: {
    id: idProperty(),
    itineraryId: p.uuid(),
    version: p.integer(),
    title: p.string().length(200),
    clientName: p.string().length(200),
    /** Trip travelers by name only: identity documents never reach a published itinerary. */
    travelerNames: p.json<string[]>(),
    startDate: p.date().nullable(),
    entries: p.json<ItineraryEntryData[]>(),
    publishedById: p.uuid().nullable(),
    publishedAt: p.datetime(),
  },
});
export class ItineraryVersion extends ItineraryVersionSchema.class {}
ItineraryVersionSchema.setClass(ItineraryVersion);
