/**
 * TT-API travel resources: destinations, trip offerings with itinerary legs, client trips,
 * bookings with booking travelers, groups with members and milestones, travel alerts,
 * satisfaction scores and the intelligence feed.
 */
import { z } from 'zod';
import {
  NON_EMPTY_MESSAGE, alertSeverity, bookingStatus, cents, countryCode, groupStatus, isoDate, isoDateTime,
  listQuerySchema, longText, nonEmpty, paymentStatus, queryBoolean, queryIds, shortText, slug, timestamps,
  tripStatus, tripType, uuid,
} from './contract-common.ts';

// ---------------------------------------------------------------------------------------------
// Destinations (/api/destinations): GET list, detail. The seed's route table has no module of
// its own for destinations (it lists them under trip offerings); read-only here.
// ---------------------------------------------------------------------------------------------
export const continents = [
  'africa', 'antarctica', 'asia', 'europe', 'north_america', 'oceania', 'south_america',
] as const;

export const destinationSchema = z.object({
  id: uuid,
  name: shortText,
  slug,
  country: countryCode,
  region: z.string().nullable(),
  continent: z.enum(continents),
  visaRequired: z.boolean(),
  /** 1 (avoid) .. 5 (very safe). */
  safetyRating: z.int().min(1).max(5),
  description: longText.nullable(),
  ...timestamps,
});
export type Destination = z.infer<typeof destinationSchema>;
export const destinationListQuerySchema = listQuerySchema(['name', 'createdAt', 'country', 'safetyRating'], {
  continent: z.enum(continents).optional(),
  country: countryCode.optional(),
  visaRequired: queryBoolean.optional(),
});

// ---------------------------------------------------------------------------------------------
// Trip offerings (/api/trips) with itinerary legs
// ---------------------------------------------------------------------------------------------
export const itineraryLegSchema = z.object({
  id: uuid,
  tripOfferingId: uuid,
  dayNumber: z.int().min(1),
  portOrLocation: shortText,
  description: z.string().nullable(),
  arrivalTime: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
  departureTime: z.string().regex(/^\d{2}:\d{2}$/).nullable(),
});
export type ItineraryLeg = z.infer<typeof itineraryLegSchema>;

export const tripOfferingSchema = z.object({
  id: uuid,
  name: shortText,
  slug,
  tripType,
  vendorId: uuid.nullable(),
  destinationId: uuid.nullable(),
  description: longText.nullable(),
  departureDate: isoDate,
  returnDate: isoDate,
  priceFromCents: cents,
  capacity: z.int().nonnegative(),
  spotsBooked: z.int().nonnegative(),
  shipName: z.string().nullable(),
  isPublished: z.boolean(),
  ...timestamps,
});
export type TripOffering = z.infer<typeof tripOfferingSchema>;

export const tripOfferingDetailSchema = tripOfferingSchema.extend({
  itineraryLegs: z.array(itineraryLegSchema),
});
export type TripOfferingDetail = z.infer<typeof tripOfferingDetailSchema>;

const timeOfDay = z.string().regex(/^\d{2}:\d{2}$/, 'Use HH:MM');
export const itineraryLegInputSchema = z.object({
  dayNumber: z.int().min(1).max(365),
  portOrLocation: shortText,
  description: z.string().max(2000).nullable().optional(),
  arrivalTime: timeOfDay.nullable().optional(),
  departureTime: timeOfDay.nullable().optional(),
});

export const createTripOfferingSchema = z.object({
  name: shortText,
  slug: slug.optional(),
  tripType,
  vendorId: uuid.nullable().optional(),
  destinationId: uuid.nullable().optional(),
  description: longText.nullable().optional(),
  departureDate: isoDate,
  returnDate: isoDate,
  priceFromCents: cents,
  capacity: z.int().nonnegative(),
  shipName: z.string().max(100).nullable().optional(),
  isPublished: z.boolean().optional(),
  /** Replaces the whole itinerary when given. */
  itineraryLegs: z.array(itineraryLegInputSchema).max(365).optional(),
});
export const updateTripOfferingSchema = createTripOfferingSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateTripOfferingInput = z.infer<typeof createTripOfferingSchema>;
export type UpdateTripOfferingInput = z.infer<typeof updateTripOfferingSchema>;
export const tripOfferingListQuerySchema = listQuerySchema(
  ['departureDate', 'createdAt', 'name', 'priceFromCents', 'capacity'],
  {
    tripType: tripType.optional(),
    vendorId: uuid.optional(),
    destinationId: uuid.optional(),
    departureFrom: isoDate.optional(),
    departureTo: isoDate.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Client trips (/api/client-trips)
// ---------------------------------------------------------------------------------------------
export const itineraryItemSchema = z.object({
  day: z.int().min(1),
  title: shortText,
  description: z.string().nullable(),
  location: z.string().nullable(),
});
export type ItineraryItem = z.infer<typeof itineraryItemSchema>;

export const clientTripSchema = z.object({
  id: uuid,
  clientId: uuid,
  tripOfferingId: uuid.nullable(),
  name: shortText,
  tripType,
  status: tripStatus,
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  totalCostCents: cents,
  travelerIds: z.array(uuid),
  itineraryItems: z.array(itineraryItemSchema),
  notes: longText.nullable(),
  ...timestamps,
});
export type ClientTrip = z.infer<typeof clientTripSchema>;

export const createClientTripSchema = z.object({
  clientId: uuid,
  tripOfferingId: uuid.nullable().optional(),
  name: shortText,
  tripType,
  status: tripStatus.optional(),
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  totalCostCents: cents.optional(),
  travelerIds: z.array(uuid).max(50).optional(),
  itineraryItems: z
    .array(z.object({
      day: z.int().min(1).max(365),
      title: shortText,
      description: z.string().max(2000).nullable().optional(),
      location: z.string().max(200).nullable().optional(),
    }))
    .max(365)
    .optional(),
  notes: longText.nullable().optional(),
});
export const updateClientTripSchema = createClientTripSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateClientTripInput = z.infer<typeof createClientTripSchema>;
export type UpdateClientTripInput = z.infer<typeof updateClientTripSchema>;
export const clientTripListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'startDate', 'name', 'totalCostCents'],
  {
    clientId: uuid.optional(),
    clientIds: queryIds.optional(),
    /** Trips with this traveler among `travelerIds` (Nexus assumption, like `queryIds`). */
    travelerId: uuid.optional(),
    travelerIds: queryIds.optional(),
    status: tripStatus.optional(),
    tripType: tripType.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Bookings (/api/bookings) with booking travelers; payments via POST /api/bookings/:id/payments
// (createBookingPaymentSchema lives with the finance contract).
// ---------------------------------------------------------------------------------------------
export const bookingTravelerSchema = z.object({
  id: uuid,
  bookingId: uuid,
  travelerId: uuid,
  isPrimary: z.boolean(),
});
export type BookingTraveler = z.infer<typeof bookingTravelerSchema>;

export const bookingSchema = z.object({
  id: uuid,
  bookingReference: z.string().min(1).max(40),
  dealId: uuid.nullable(),
  clientId: uuid.nullable(),
  clientTripId: uuid.nullable(),
  tripOfferingId: uuid.nullable(),
  vendorId: uuid.nullable(),
  status: bookingStatus,
  destination: shortText,
  departureDate: isoDate,
  returnDate: isoDate.nullable(),
  totalPriceCents: cents,
  amountPaidCents: cents,
  paymentStatus,
  vendorConfirmationNumber: z.string().nullable(),
  confirmedAt: isoDateTime.nullable(),
  notes: longText.nullable(),
  /** booking_travelers rows; exactly one is primary when the list is not empty. */
  travelers: z.array(bookingTravelerSchema),
  ...timestamps,
});
export type Booking = z.infer<typeof bookingSchema>;

export const bookingTravelerInputSchema = z.object({ travelerId: uuid, isPrimary: z.boolean().optional() });

export const createBookingSchema = z.object({
  bookingReference: z.string().trim().min(1).max(40).optional(),
  dealId: uuid.nullable().optional(),
  clientId: uuid.nullable().optional(),
  clientTripId: uuid.nullable().optional(),
  tripOfferingId: uuid.nullable().optional(),
  vendorId: uuid.nullable().optional(),
  status: bookingStatus.optional(),
  destination: shortText,
  departureDate: isoDate,
  returnDate: isoDate.nullable().optional(),
  totalPriceCents: cents,
  vendorConfirmationNumber: z.string().max(60).nullable().optional(),
  notes: longText.nullable().optional(),
  /** Replaces the booking's travelers when given; at most one may be primary. */
  travelers: z.array(bookingTravelerInputSchema).max(50).optional(),
});
export const updateBookingSchema = createBookingSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateBookingInput = z.infer<typeof createBookingSchema>;
export type UpdateBookingInput = z.infer<typeof updateBookingSchema>;
export const bookingListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'departureDate', 'totalPriceCents', 'status', 'bookingReference'],
  {
    status: bookingStatus.optional(),
    clientId: uuid.optional(),
    clientIds: queryIds.optional(),
    dealId: uuid.optional(),
    dealIds: queryIds.optional(),
    vendorId: uuid.optional(),
    clientTripId: uuid.optional(),
    clientTripIds: queryIds.optional(),
    travelerId: uuid.optional(),
    travelerIds: queryIds.optional(),
    departureFrom: isoDate.optional(),
    departureTo: isoDate.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Groups (/api/groups) with members and milestones
// ---------------------------------------------------------------------------------------------
export const groupMemberSchema = z.object({
  id: uuid,
  groupId: uuid,
  contactId: uuid,
  /** Free text in TT-API (organizer, member, ...). */
  role: z.string().min(1).max(30),
  depositPaid: z.boolean(),
  depositPaidAt: isoDateTime.nullable(),
  joinedAt: isoDateTime,
});
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const groupMilestoneSchema = z.object({
  id: uuid,
  groupId: uuid,
  title: shortText,
  dueDate: isoDate,
  completedAt: isoDateTime.nullable(),
  description: z.string().nullable(),
});
export type GroupMilestone = z.infer<typeof groupMilestoneSchema>;

export const groupSchema = z.object({
  id: uuid,
  name: shortText,
  slug,
  status: groupStatus,
  tripType: tripType.nullable(),
  tripOfferingId: uuid.nullable(),
  organizerContactId: uuid.nullable(),
  destination: shortText,
  departureDate: isoDate,
  returnDate: isoDate.nullable(),
  minGuests: z.int().min(1),
  maxGuests: z.int().min(1),
  pricePerPersonCents: cents,
  depositPerPersonCents: cents,
  memberCount: z.int().nonnegative(),
  ...timestamps,
});
export type Group = z.infer<typeof groupSchema>;

export const groupDetailSchema = groupSchema.extend({
  members: z.array(groupMemberSchema),
  milestones: z.array(groupMilestoneSchema),
});
export type GroupDetail = z.infer<typeof groupDetailSchema>;

export const createGroupSchema = z.object({
  name: shortText,
  slug: slug.optional(),
  status: groupStatus.optional(),
  tripType: tripType.nullable().optional(),
  tripOfferingId: uuid.nullable().optional(),
  organizerContactId: uuid.nullable().optional(),
  destination: shortText,
  departureDate: isoDate,
  returnDate: isoDate.nullable().optional(),
  minGuests: z.int().min(1).max(1000),
  maxGuests: z.int().min(1).max(1000),
  pricePerPersonCents: cents,
  depositPerPersonCents: cents.optional(),
});
export const updateGroupSchema = createGroupSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateGroupInput = z.infer<typeof createGroupSchema>;
export type UpdateGroupInput = z.infer<typeof updateGroupSchema>;

/** POST /api/groups/:id/members. 409 CONFLICT when already a member or the group is full. */
export const addGroupMemberSchema = z.object({
  contactId: uuid,
  role: z.string().trim().min(1).max(30).optional(),
  depositPaid: z.boolean().optional(),
});
export type AddGroupMemberInput = z.infer<typeof addGroupMemberSchema>;

/**
 * PATCH/DELETE /api/groups/:id/members/:memberId: Nexus assumption (the seed's groups module
 * offers "member management" without naming routes). 409 CONFLICT while the group is traveling,
 * completed or cancelled: its member list is then a record.
 */
export const updateGroupMemberSchema = z
  .object({
    role: z.string().trim().min(1).max(30).optional(),
    depositPaid: z.boolean().optional(),
  })
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type UpdateGroupMemberInput = z.infer<typeof updateGroupMemberSchema>;

/**
 * POST /api/groups/:id/milestones, PATCH/DELETE /api/groups/:id/milestones/:milestoneId: Nexus
 * assumption, like the member routes. A milestone falls due on or before the group's departure
 * (400 VALIDATION_ERROR on `dueDate` otherwise); `completed` completes or reopens it (409 when it already is);
 * a completed milestone is kept as a record (DELETE answers 409).
 */
export const createGroupMilestoneSchema = z.object({
  title: shortText,
  dueDate: isoDate,
  description: z.string().trim().max(2000).nullable().optional(),
});
export const updateGroupMilestoneSchema = createGroupMilestoneSchema
  .partial()
  .extend({ completed: z.boolean().optional() })
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateGroupMilestoneInput = z.infer<typeof createGroupMilestoneSchema>;
export type UpdateGroupMilestoneInput = z.infer<typeof updateGroupMilestoneSchema>;

export const groupListQuerySchema = listQuerySchema(
  ['departureDate', 'createdAt', 'name', 'pricePerPersonCents'],
  { status: groupStatus.optional(), tripType: tripType.optional() },
);

// ---------------------------------------------------------------------------------------------
// Travel alerts (/api/travel-alerts): GET list, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const travelAlertSchema = z.object({
  id: uuid,
  destinationId: uuid.nullable(),
  country: countryCode.nullable(),
  /** Free text in TT-API (weather, health, security, strike, entry_requirements, ...). */
  alertType: z.string().min(1).max(50),
  severity: alertSeverity,
  title: shortText,
  description: longText,
  source: z.string().nullable(),
  startsAt: isoDateTime,
  endsAt: isoDateTime.nullable(),
  isActive: z.boolean(),
  ...timestamps,
});
export type TravelAlert = z.infer<typeof travelAlertSchema>;

export const createTravelAlertSchema = z.object({
  destinationId: uuid.nullable().optional(),
  country: countryCode.nullable().optional(),
  alertType: z.string().trim().min(1).max(50),
  severity: alertSeverity,
  title: shortText,
  description: longText,
  source: z.string().max(200).nullable().optional(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.nullable().optional(),
  isActive: z.boolean().optional(),
});
export const updateTravelAlertSchema = createTravelAlertSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateTravelAlertInput = z.infer<typeof createTravelAlertSchema>;
export type UpdateTravelAlertInput = z.infer<typeof updateTravelAlertSchema>;
export const travelAlertListQuerySchema = listQuerySchema(['startsAt', 'createdAt', 'severity', 'title'], {
  severity: alertSeverity.optional(),
  destinationId: uuid.optional(),
  country: countryCode.optional(),
  isActive: queryBoolean.optional(),
});

// ---------------------------------------------------------------------------------------------
// Satisfaction scores (/api/satisfaction): GET list, POST
// ---------------------------------------------------------------------------------------------
export const satisfactionScoreTypes = ['nps', 'csat', 'post_trip'] as const;
export const satisfactionScoreSchema = z.object({
  id: uuid,
  clientId: uuid,
  bookingId: uuid.nullable(),
  clientTripId: uuid.nullable(),
  scoreType: z.string().min(1).max(30),
  /** NPS 0..10; CSAT and post-trip 1..5. */
  score: z.int().min(0).max(10),
  feedback: longText.nullable(),
  wouldRecommend: z.boolean().nullable(),
  submittedAt: isoDateTime,
  ...timestamps,
});
export type SatisfactionScore = z.infer<typeof satisfactionScoreSchema>;

export const createSatisfactionScoreSchema = z.object({
  clientId: uuid,
  bookingId: uuid.nullable().optional(),
  clientTripId: uuid.nullable().optional(),
  scoreType: z.string().trim().min(1).max(30),
  score: z.int().min(0).max(10),
  feedback: longText.nullable().optional(),
  wouldRecommend: z.boolean().nullable().optional(),
});
export type CreateSatisfactionScoreInput = z.infer<typeof createSatisfactionScoreSchema>;
export const satisfactionListQuerySchema = listQuerySchema(['submittedAt', 'createdAt', 'score'], {
  clientId: uuid.optional(),
  clientIds: queryIds.optional(),
  bookingId: uuid.optional(),
  scoreType: z.string().max(30).optional(),
});

// ---------------------------------------------------------------------------------------------
// Intelligence (/api/intelligence/top-opportunities)
// ---------------------------------------------------------------------------------------------
export const topOpportunitiesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const topOpportunitySchema = z.object({
  clientId: uuid,
  clientName: shortText,
  tripOfferingId: uuid,
  tripName: shortText,
  destination: z.string(),
  departureDate: isoDate,
  /** 0..100, higher is a better match. */
  score: z.int().min(0).max(100),
  estimatedValueCents: cents,
  reasons: z.array(z.string()),
});
export type TopOpportunity = z.infer<typeof topOpportunitySchema>;
export const topOpportunitiesResponseSchema = z.object({
  data: z.array(topOpportunitySchema),
  generatedAt: isoDateTime,
});
export type TopOpportunities = z.infer<typeof topOpportunitiesResponseSchema>;
