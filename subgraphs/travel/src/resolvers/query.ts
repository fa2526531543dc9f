import { checkId, memoryConnection } from '../services/lists.ts';
import * as money from '../services/money.service.ts';
import { notFound } from '@nexus/platform';
import type { QueryResolvers } from '../__generated__/resolvers-types.ts';
import * as finance from '../services/finance.service.ts';
import * as groups from '../services/groups.service.ts';
import * as insights from '../services/insights.service.ts';
import { TT_API_INTEGRATION_ID, integrationHealth } from '../services/integration-health.service.ts';
import { listPassportAlerts } from '../services/passport-alerts.service.ts';
import * as people from '../services/people.service.ts';
import {
  findBookingSync,
  findCommissionReconciliation,
  listBookingSyncs,
  listCommissionReconciliations,
} from '../services/runs.service.ts';
import { getItinerary } from '../services/itinerary.service.ts';
import { tripsAtRisk } from '../services/readiness.service.ts';
import { travelSearch } from '../services/search.service.ts';
import * as trips from '../services/trips.service.ts';

export const Query: QueryResolvers = {
  integrationHealth: (_p, { id }, ctx) => {
    if ((id ?? TT_API_INTEGRATION_ID) !== TT_API_INTEGRATION_ID) throw notFound('Integration', id ?? undefined);
    return integrationHealth(ctx.deps.tt, ctx.deps.ttProbe, ctx.log);
  },

  clients: (_p, args, ctx) => people.listClients(ctx.tt, ctx.viewer, args),
  client: (_p, { id }, ctx) => people.getClient(ctx.tt, id),
  familyGroups: (_p, args, ctx) => people.listFamilyGroups(ctx.tt, args),
  familyGroup: (_p, { id }, ctx) => people.getFamilyGroup(ctx.tt, id),
  travelers: (_p, args, ctx) => people.listTravelers(ctx.tt, args),
  traveler: (_p, { id }, ctx) => people.getTraveler(ctx.tt, id),
  travelDocuments: (_p, args, ctx) => people.listTravelDocuments(ctx.tt, args),

  destinations: (_p, args, ctx) => trips.listDestinations(ctx.tt, args),
  destination: (_p, { id }, ctx) => trips.getDestination(ctx.tt, id),
  tripOfferings: (_p, args, ctx) => trips.listTripOfferings(ctx.tt, args),
  tripOffering: (_p, { id }, ctx) => trips.getTripOffering(ctx.tt, id),
  clientTrips: (_p, args, ctx) => trips.listClientTrips(ctx.tt, args),
  clientTrip: (_p, { id }, ctx) => trips.getClientTrip(ctx.tt, id),
  bookings: (_p, args, ctx) => trips.listBookings(ctx.tt, args),
  booking: (_p, { id }, ctx) => trips.getBooking(ctx.tt, id),
  vendors: (_p, args, ctx) => trips.listVendors(ctx.tt, args),
  vendor: (_p, { id }, ctx) => trips.getVendor(ctx.tt, id),

  travelGroups: (_p, args, ctx) => groups.listTravelGroups(ctx.tt, args),
  travelGroup: (_p, { id }, ctx) => groups.getTravelGroup(ctx.tt, id),
  travelAlerts: (_p, args, ctx) => groups.listTravelAlerts(ctx.tt, args),
  satisfactionScores: (_p, args, ctx) => groups.listSatisfactionScores(ctx.tt, args),
  topOpportunities: (_p, { first }, ctx) => groups.topOpportunities(ctx.tt, first),

  payments: (_p, args, ctx) => finance.listPayments(ctx.tt, args),
  payment: (_p, { id }, ctx) => finance.getPayment(ctx.tt, id),
  paymentSchedules: (_p, args, ctx) => finance.listPaymentSchedules(ctx.tt, args),
  paymentSchedule: (_p, { id }, ctx) => finance.getPaymentSchedule(ctx.tt, id),
  invoices: (_p, args, ctx) => finance.listInvoices(ctx.tt, args),
  invoice: (_p, { id }, ctx) => finance.getInvoice(ctx.tt, id),
  commissions: (_p, args, ctx) => finance.listCommissions(ctx.tt, args),
  commissionEntry: (_p, { id }, ctx) => finance.getCommissionEntry(ctx.tt, id),
  commissionSummary: (_p, { filter }, ctx) => finance.commissionSummary(ctx.tt, filter),
  commissionQuote: (_p, { input }, ctx) => finance.calculateCommission(ctx.tt, input),

  travelSearch: (_p, args, ctx) => travelSearch(ctx.tt, args),
  itinerary: (_p, { clientTripId }, ctx) => getItinerary(ctx.em, clientTripId),
  ttAnalyticsEvents: (_p, args, ctx) => insights.listAnalyticsEvents(ctx.tt, args),
  ttKpiSnapshots: (_p, args, ctx) => insights.listKpiSnapshots(ctx.tt, args),
  ttSocialPosts: (_p, args, ctx) => insights.listSocialPosts(ctx.tt, args),
  ttTouchpoints: (_p, args, ctx) => insights.listTouchpoints(ctx.tt, args),
  ttActivities: (_p, args, ctx) => insights.listActivities(ctx.tt, args),
  ttManagedContent: (_p, args, ctx) => insights.listManagedContent(ctx.tt, args),

  commissionsBySupplier: async (_p, args, ctx) =>
    memoryConnection(await money.commissionsBySupplier(ctx.em, ctx.tt, new Date()), args),
  satisfactionSummary: (_p, { clientId }, ctx) =>
    money.satisfactionSummary(ctx.tt, clientId ? checkId(clientId, 'clientId') : null),
  supplierStatements: (_p, args, ctx) => money.listSupplierStatements(ctx.em, args),
  supplierStatement: (_p, { id }, ctx) => money.getSupplierStatement(ctx.em, id),
  passportAlerts: (_p, args, ctx) => listPassportAlerts(ctx.em, args),
  tripsAtRisk: (_p, args, ctx) => tripsAtRisk(ctx.tt, ctx.em, ctx.viewer, args),
  commissionReconciliationRuns: (_p, args, ctx) => listCommissionReconciliations(ctx.em, args),
  bookingSyncRuns: (_p, args, ctx) => listBookingSyncs(ctx.em, args),
  commissionReconciliationRun: (_p, { id }, ctx) => findCommissionReconciliation(ctx.em, id),
  bookingSyncRun: (_p, { id }, ctx) => findBookingSync(ctx.em, id),
};
