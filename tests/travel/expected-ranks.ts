/**
 * The minimum role of every travel root field, written out by hand from the role semantics (advisors
 * run travel operations; finance, commission and vendor-rate changes and top-level deletes need
 * MANAGER), for the gateway's rank matrix (`tests/gateway/expected-ranks.ts` can spread it in).
 */
import type { ExpectedRank } from '../gateway/expected-ranks.ts';

const VIEWER_QUERIES = [
  'integrationHealth', 'clients', 'client', 'familyGroups', 'familyGroup', 'travelers', 'traveler', 'travelDocuments',
  'destinations', 'destination', 'tripOfferings', 'tripOffering', 'clientTrips', 'clientTrip', 'bookings', 'booking',
  'travelGroups', 'travelGroup', 'travelAlerts', 'satisfactionScores', 'topOpportunities', 'vendors', 'vendor',
  'passportAlerts', 'bookingSyncRuns',
];
const MANAGER_QUERIES = [
  'payments', 'payment', 'paymentSchedules', 'paymentSchedule', 'invoices', 'invoice', 'commissions', 'commissionEntry',
  'commissionSummary', 'commissionReconciliationRuns',
];
const ADVISOR_MUTATIONS = [
  'createClient', 'updateClient', 'createClientAddress', 'updateClientAddress', 'deleteClientAddress', 'createFamilyGroup',
  'updateFamilyGroup', 'createTraveler', 'updateTraveler', 'createEmergencyContact', 'updateEmergencyContact',
  'deleteEmergencyContact', 'createLoyaltyProgram', 'updateLoyaltyProgram', 'createTripOffering', 'updateTripOffering',
  'createClientTrip', 'updateClientTrip', 'createBooking', 'updateBooking', 'recordPayment', 'createTravelGroup',
  'updateTravelGroup', 'addTravelGroupMember', 'createTravelAlert', 'updateTravelAlert', 'recordSatisfactionScore',
];
const MANAGER_MUTATIONS = [
  'deleteClient', 'deleteTraveler', 'deleteTripOffering', 'deleteClientTrip', 'deleteBooking', 'deleteTravelGroup',
  'createVendor', 'updateVendor', 'createPayment', 'updatePayment', 'createPaymentSchedule', 'updatePaymentSchedule',
  'createInvoice', 'updateInvoice', 'updateCommissionEntry', 'calculateCommission',
];

export const travelExpectedRanks: Record<string, ExpectedRank> = {
  ...Object.fromEntries(VIEWER_QUERIES.map((f) => [`Query.${f}`, 'VIEWER'])),
  ...Object.fromEntries(MANAGER_QUERIES.map((f) => [`Query.${f}`, 'MANAGER'])),
  ...Object.fromEntries(ADVISOR_MUTATIONS.map((f) => [`Mutation.${f}`, 'ADVISOR'])),
  ...Object.fromEntries(MANAGER_MUTATIONS.map((f) => [`Mutation.${f}`, 'MANAGER'])),
  'Subscription.integrationHealthChanged': 'VIEWER',
};

/** Finance and identity-document fields below the root, with the rank each needs. */
export const travelFieldRanks: Record<string, ExpectedRank> = {
  'Client.lifetimeValueCents': 'MANAGER',
  'Client.payments': 'MANAGER',
  'Client.invoices': 'MANAGER',
  'Booking.payments': 'MANAGER',
  'Booking.commissions': 'MANAGER',
  'Booking.paymentSchedules': 'MANAGER',
  'Booking.invoices': 'MANAGER',
  'ClientTrip.paymentSchedules': 'MANAGER',
  'RecordPaymentPayload.payment': 'MANAGER',
  'Traveler.passportNumber': 'ADVISOR',
  'Traveler.dateOfBirth': 'ADVISOR',
  'Traveler.medicalNotes': 'ADVISOR',
  'Traveler.emergencyContacts': 'ADVISOR',
  'TravelDocument.documentNumber': 'ADVISOR',
  'Vendor.defaultCommissionPct': 'ADVISOR',
  'Contact.traveler': 'VIEWER',
  'Contact.client': 'VIEWER',
  'Contact.ttClientId': 'VIEWER',
  'Contact.ttTravelerId': 'VIEWER',
  'Company.clients': 'VIEWER',
  'Company.ttCompanyId': 'VIEWER',
  'Deal.bookings': 'VIEWER',
  'Booking.deal': 'VIEWER',
};
