import { notFound } from '@nexus/platform';
import type { TravelContext } from '../context.ts';
import { Itinerary, SupplierPayment as SupplierPaymentRow } from '../entities/index.ts';
import { confirmBooking } from '../services/confirmations.service.ts';
import { checkId } from '../services/lists.ts';
import * as money from '../services/money.service.ts';
import { recordScheduleChange } from '../services/schedule-changes.service.ts';
import { announceTrip } from '../portal/resolvers.ts';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import * as children from '../services/child-writes.service.ts';
import * as finance from '../services/finance.service.ts';
import * as groups from '../services/groups.service.ts';
import * as itineraries from '../services/itinerary.service.ts';
import * as people from '../services/people.service.ts';
import {
  requestBookingSync,
  requestCommissionReconciliation,
  requestPassportAlertCheck,
} from '../services/automation-runs.service.ts';
import { setReadinessCheck } from '../services/readiness.service.ts';
import { saveRoomingList } from '../services/rooming.service.ts';
import * as trips from '../services/trips.service.ts';

const moneyOf = async (ctx: TravelContext, bookingId: string) =>
  money.bookingMoney(
    ctx.em,
    ctx.tt,
    await ctx.tt.getBooking(bookingId),
    ctx.deps.env.ADVISOR_COMMISSION_SPLIT_PCT,
    new Date(),
  );

/** Every write goes to TT-API (never retried: writes are not idempotent); ranks live in the schema. */
export const Mutation: MutationResolvers = {
  createClient: (_p, { input }, ctx) => people.createClient(ctx.tt, input),
  updateClient: (_p, { input }, ctx) => people.updateClient(ctx.tt, input),
  deleteClient: (_p, { id }, ctx) => people.deleteClient(ctx.tt, id),
  createClientAddress: (_p, { input }, ctx) => people.createClientAddress(ctx.tt, input),
  updateClientAddress: (_p, { input }, ctx) => people.updateClientAddress(ctx.tt, input),
  deleteClientAddress: (_p, { id }, ctx) => people.deleteClientAddress(ctx.tt, id),
  createFamilyGroup: (_p, { input }, ctx) => people.createFamilyGroup(ctx.tt, input),
  updateFamilyGroup: (_p, { input }, ctx) => people.updateFamilyGroup(ctx.tt, input),
  createTraveler: (_p, { input }, ctx) => people.createTraveler(ctx.tt, input),
  updateTraveler: (_p, { input }, ctx) => people.updateTraveler(ctx.tt, input),
  deleteTraveler: (_p, { id }, ctx) => people.deleteTraveler(ctx.tt, id),
  createEmergencyContact: (_p, { input }, ctx) => people.createEmergencyContact(ctx.tt, input),
  updateEmergencyContact: (_p, { input }, ctx) => people.updateEmergencyContact(ctx.tt, input),
  deleteEmergencyContact: (_p, { id }, ctx) => people.deleteEmergencyContact(ctx.tt, id),
  addTravelDocument: (_p, { input }, ctx) => people.createTravelDocument(ctx.tt, input),
  replaceTravelDocument: (_p, { input }, ctx) => people.updateTravelDocument(ctx.tt, input),
  removeTravelDocument: (_p, { id }, ctx) => people.deleteTravelDocument(ctx.tt, id),
  createLoyaltyProgram: (_p, { input }, ctx) => people.createLoyaltyProgram(ctx.tt, input),
  updateLoyaltyProgram: (_p, { input }, ctx) => people.updateLoyaltyProgram(ctx.tt, input),

  createItinerary: (_p, { input }, ctx) => itineraries.createItinerary(ctx.em, ctx.tt, ctx.viewer, input),
  saveItineraryEntries: (_p, { input }, ctx) => itineraries.saveItineraryEntries(ctx.em, input),
  publishItinerary: async (_p, { id }, ctx) => {
    const it = await itineraries.publishItinerary(ctx.em, { tt: ctx.tt, publicUrl: ctx.deps.env.PUBLIC_URL }, ctx.viewer, id);
    await announceTrip(ctx, it.clientTripId);
    return it;
  },

  recordScheduleChange: async (_p, { input }, ctx) => {
    const change = await recordScheduleChange(
      ctx.em,
      { tt: ctx.tt, publicUrl: ctx.deps.env.PUBLIC_URL, defaultAdvisorId: ctx.deps.env.PASSPORT_ALERT_DEFAULT_USER_ID },
      ctx.viewer.id,
      input,
    );
    const it = await ctx.em.findOne(Itinerary, { id: change.itineraryId });
    if (it) await announceTrip(ctx, it.clientTripId);
    return change;
  },
  confirmBooking: (_p, { input }, ctx) => confirmBooking(ctx.em, ctx.tt, input),
  saveSupplierPayment: async (_p, { input }, ctx) => {
    const row = await money.saveSupplierPayment(ctx.em, ctx.tt, ctx.viewer, input);
    return moneyOf(ctx, row.bookingId);
  },
  removeSupplierPayment: async (_p, { id }, ctx) => {
    const row = await ctx.em.findOne(SupplierPaymentRow, { id: checkId(id, 'id') });
    if (!row) throw notFound('SupplierPayment', id);
    await money.removeSupplierPayment(ctx.em, id);
    return moneyOf(ctx, row.bookingId);
  },
  importSupplierStatement: (_p, { input }, ctx) => money.importSupplierStatement(ctx.em, ctx.tt, ctx.viewer, input),

  setReadinessCheck: (_p, { input }, ctx) => setReadinessCheck(ctx.tt, ctx.em, ctx.viewer, input),

  createTripOffering: (_p, { input }, ctx) => trips.createTripOffering(ctx.tt, input),
  updateTripOffering: (_p, { input }, ctx) => trips.updateTripOffering(ctx.tt, input),
  deleteTripOffering: (_p, { id }, ctx) => trips.deleteTripOffering(ctx.tt, id),
  createClientTrip: (_p, { input }, ctx) => trips.createClientTrip(ctx.tt, input),
  updateClientTrip: (_p, { input }, ctx) => trips.updateClientTrip(ctx.tt, input),
  deleteClientTrip: (_p, { id }, ctx) => trips.deleteClientTrip(ctx.tt, id),
  createBooking: (_p, { input }, ctx) => trips.createBooking(ctx.tt, input),
  updateBooking: (_p, { input }, ctx) => trips.updateBooking(ctx.tt, input),
  deleteBooking: (_p, { id }, ctx) => trips.deleteBooking(ctx.tt, id),
  recordPayment: (_p, { input }, ctx) => trips.recordPayment(ctx.tt, input),
  createVendor: (_p, { input }, ctx) => trips.createVendor(ctx.tt, input),
  updateVendor: (_p, { input }, ctx) => trips.updateVendor(ctx.tt, input),
  createVendorCommissionRule: (_p, { input }, ctx) => children.createVendorCommissionRule(ctx.tt, input),
  updateVendorCommissionRule: (_p, { input }, ctx) => children.updateVendorCommissionRule(ctx.tt, input),
  removeVendorCommissionRule: (_p, { vendorId, ruleId }, ctx) =>
    children.removeVendorCommissionRule(ctx.tt, vendorId, ruleId),
  createVendorContract: (_p, { input }, ctx) => children.createVendorContract(ctx.tt, input),
  updateVendorContract: (_p, { input }, ctx) => children.updateVendorContract(ctx.tt, input),
  removeVendorContract: (_p, { vendorId, contractId }, ctx) =>
    children.removeVendorContract(ctx.tt, vendorId, contractId),

  createTravelGroup: (_p, { input }, ctx) => groups.createTravelGroup(ctx.tt, input),
  updateTravelGroup: (_p, { input }, ctx) => groups.updateTravelGroup(ctx.tt, input),
  deleteTravelGroup: (_p, { id }, ctx) => groups.deleteTravelGroup(ctx.tt, id),
  addTravelGroupMember: (_p, { input }, ctx) => groups.addTravelGroupMember(ctx.tt, input),
  updateTravelGroupMember: (_p, { input }, ctx) => children.updateTravelGroupMember(ctx.tt, input),
  removeTravelGroupMember: (_p, { groupId, memberId }, ctx) =>
    children.removeTravelGroupMember(ctx.tt, groupId, memberId),
  createTravelGroupMilestone: (_p, { input }, ctx) => children.createTravelGroupMilestone(ctx.tt, input),
  updateTravelGroupMilestone: (_p, { input }, ctx) => children.updateTravelGroupMilestone(ctx.tt, input),
  completeTravelGroupMilestone: (_p, { groupId, milestoneId, completed }, ctx) =>
    children.completeTravelGroupMilestone(ctx.tt, groupId, milestoneId, completed),
  removeTravelGroupMilestone: (_p, { groupId, milestoneId }, ctx) =>
    children.removeTravelGroupMilestone(ctx.tt, groupId, milestoneId),
  saveRoomingList: (_p, { input }, ctx) => saveRoomingList(ctx.tt, ctx.em, ctx.viewer, input),
  createTravelAlert: (_p, { input }, ctx) => groups.createTravelAlert(ctx.tt, input),
  updateTravelAlert: (_p, { input }, ctx) => groups.updateTravelAlert(ctx.tt, input),
  recordSatisfactionScore: (_p, { input }, ctx) => groups.recordSatisfactionScore(ctx.tt, input),

  createPayment: (_p, { input }, ctx) => finance.createPayment(ctx.tt, input),
  updatePayment: (_p, { input }, ctx) => finance.updatePayment(ctx.tt, input),
  createPaymentSchedule: (_p, { input }, ctx) => finance.createPaymentSchedule(ctx.tt, input),
  updatePaymentSchedule: (_p, { input }, ctx) => finance.updatePaymentSchedule(ctx.tt, input),
  createInvoice: (_p, { input }, ctx) => finance.createInvoice(ctx.tt, input),
  updateInvoice: (_p, { input }, ctx) => finance.updateInvoice(ctx.tt, input),
  updateCommissionEntry: (_p, { input }, ctx) => finance.updateCommissionEntry(ctx.tt, input),
  calculateCommission: (_p, { input }, ctx) => finance.calculateCommission(ctx.tt, input),
  startCommissionReconciliation: (_p, _a, ctx) => requestCommissionReconciliation(ctx.em, ctx.deps, ctx.viewer),
  startBookingSync: (_p, { input }, ctx) => requestBookingSync(ctx.em, ctx.deps, ctx.viewer, input),
  startPassportAlertCheck: (_p, _a, ctx) => requestPassportAlertCheck(ctx.em),
};
