/**
 * The portal's travel fields (`portal…`, `Portal…` types) and the staff side of the portal
 * (pending passport changes, the trip document vault). Every `portal…` root starts from
 * `requireClient(ctx.viewer)`; the services keep each read inside that scope.
 */
import { publishSafely, requireClient } from '@nexus/platform';
import type {
  MutationResolvers,
  PendingPassportChangeResolvers,
  PortalTravelerResolvers,
  PortalTripResolvers,
  PortalVaultDocumentResolvers,
  QueryResolvers,
  TripDocumentResolvers,
} from '../__generated__/resolvers-types.ts';
import type { TravelContext } from '../context.ts';
import { memoryConnection } from '../services/lists.ts';
import { userRef } from '../services/refs.ts';
import * as docs from './documents.service.ts';
import * as payments from './payments.service.ts';
import * as trips from './trips.service.ts';
import * as vault from './vault.service.ts';

const tripDeps = (ctx: TravelContext): trips.PortalTripDeps => ({
  tt: ctx.tt,
  em: ctx.em,
  publicUrl: ctx.deps.env.PUBLIC_URL,
  agencyPhone: ctx.deps.env.PORTAL_EMERGENCY_PHONE ?? null,
});

export const vaultDeps = (ctx: Pick<TravelContext, 'em' | 'tt' | 'deps'>): vault.VaultDeps => ({
  em: ctx.em,
  tt: ctx.tt,
  publicUrl: ctx.deps.env.PUBLIC_URL,
  linkSecret: ctx.deps.env.INTERNAL_TOKEN_SECRET,
  maxBytes: ctx.deps.env.PORTAL_UPLOAD_MAX_BYTES,
  retentionDays: ctx.deps.env.PORTAL_SCAN_RETENTION_DAYS,
});

const paymentDeps = (ctx: TravelContext): payments.PaymentDeps => ({
  tt: ctx.tt,
  stripe: ctx.deps.stripe,
  portalUrl: `${ctx.deps.env.PUBLIC_URL.replace(/\/$/, '')}/portal`,
  instructions: ctx.deps.env.PORTAL_PAYMENT_INSTRUCTIONS,
});

/** Tells the trip's portal subscribers it changed (after the change is committed). */
export const announceTrip = (ctx: TravelContext, clientTripId: string) =>
  publishSafely(ctx.deps.bus, 'portalTripChanged', { id: clientTripId }, ctx.log);

export const PortalQuery: QueryResolvers = {
  portalTrips: (_p, args, ctx) => trips.portalTrips(ctx.tt, requireClient(ctx.viewer), args),
  portalTrip: (_p, { id }, ctx) => trips.portalTrip(ctx.tt, requireClient(ctx.viewer), id),
  portalSelf: (_p, _a, ctx) => docs.portalSelf(ctx.tt, requireClient(ctx.viewer)),
  portalFamily: (_p, args, ctx) => docs.portalFamily(ctx.tt, requireClient(ctx.viewer), args),
  portalInstallments: (_p, args, ctx) => payments.portalInstallments(ctx.tt, requireClient(ctx.viewer), args),
  portalInvoices: (_p, args, ctx) => payments.portalInvoices(ctx.tt, requireClient(ctx.viewer), args),
  pendingPassportChanges: (_p, args, ctx) => docs.listPassportChanges(ctx.em, args),
  tripDocuments: (_p, { clientTripId, ...args }, ctx) => vault.listTripFiles(ctx.em, clientTripId, args),
};

export const PortalMutation: MutationResolvers = {
  portalSubmitPassportUpdate: async (_p, { input }, ctx) =>
    docs.portalChangeView(await docs.submitPassportUpdate(ctx.em, ctx.tt, requireClient(ctx.viewer), input)),
  portalUploadPassportScan: (_p, { input }, ctx) =>
    vault.uploadPassportScan(vaultDeps(ctx), requireClient(ctx.viewer), input),
  portalDeletePassportScan: (_p, { id }, ctx) => vault.deletePassportScan(ctx.em, requireClient(ctx.viewer), id),
  portalPayInstallment: (_p, { id }, ctx) => payments.payInstallment(paymentDeps(ctx), requireClient(ctx.viewer), id),
  applyPassportChange: (_p, { id }, ctx) => docs.applyPassportChange(ctx.em, ctx.tt, ctx.viewer, id),
  rejectPassportChange: (_p, { input }, ctx) => docs.rejectPassportChange(ctx.em, ctx.viewer, input),
  shareTripDocument: async (_p, { input }, ctx) => {
    const file = await vault.shareTripDocument(vaultDeps(ctx), ctx.viewer, input);
    await announceTrip(ctx, file.clientTripId);
    return file;
  },
  removeTripDocument: (_p, { id }, ctx) => vault.removeTripFile(ctx.em, id),
};

export const PortalTrip: PortalTripResolvers = {
  id: (s) => s.trip.id,
  name: (s) => s.trip.name,
  status: (s) => s.trip.status,
  tripType: (s) => s.trip.tripType,
  startDate: (s) => s.trip.startDate,
  endDate: (s) => s.trip.endDate,
  upcoming: (s) => trips.isUpcoming(s.trip, s.now),
  travelers: (s, _a, ctx) => trips.portalTripTravelers(tripDeps(ctx), s),
  bookings: async (s, args, ctx) => memoryConnection(await trips.portalBookings(ctx.tt, s), args),
  itinerary: (s, _a, ctx) => trips.portalItinerary(tripDeps(ctx), s),
  checklist: (s, _a, ctx) => trips.portalChecklist(tripDeps(ctx), s),
  emergencyNumbers: (s, _a, ctx) => trips.portalEmergencyNumbers(tripDeps(ctx), s),
  offline: (s, _a, ctx) => trips.portalOffline(tripDeps(ctx), s),
  calendar: (s, _a, ctx) => trips.portalCalendar(tripDeps(ctx), s),
  documents: (s, args, ctx) => vault.portalTripFiles(vaultDeps(ctx), s.scope, s.trip, args),
};

export const PortalTraveler: PortalTravelerResolvers = {
  id: (s) => s.traveler.id,
  firstName: (s) => s.traveler.firstName,
  lastName: (s) => s.traveler.lastName,
  isSelf: (s) => s.traveler.id === s.scope.ttTravelerId,
  documents: (s, args, ctx) => docs.portalDocuments(ctx.tt, s, args),
  passportChanges: (s, args, ctx) => docs.portalPassportChanges(ctx.em, s, args),
};

export const PortalVaultDocument: PortalVaultDocumentResolvers = {
  downloadUrl: (f, _a, ctx) => vault.downloadUrl(vaultDeps(ctx), f.id),
  purgeAfter: (f) => f.purgeAfter ?? null,
};

export const TripDocument: TripDocumentResolvers = {
  travelerId: (f) => f.travelerId ?? null,
  downloadUrl: (f, _a, ctx) => vault.downloadUrl(vaultDeps(ctx), f.id),
  purgeAfter: (f) => f.purgeAfter ?? null,
};

export const PendingPassportChange: PendingPassportChangeResolvers = {
  traveler: (c, _a, ctx) => ctx.loaders.traveler.load(c.travelerId),
  documentNumber: (c) => docs.staffDocumentNumber(c),
  decidedBy: (c) => (c.decidedById ? userRef(c.decidedById) : null),
  decidedAt: (c) => c.decidedAt ?? null,
  note: (c) => c.decisionNote ?? null,
  appliedDocumentId: (c) => c.appliedDocumentId ?? null,
};
