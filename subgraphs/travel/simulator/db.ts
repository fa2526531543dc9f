/** The simulator's in-memory tables: contract-shaped rows keyed by id. */
import type {
  Booking,
  Client,
  ClientAddress,
  ClientTrip,
  CommissionEntry,
  Company,
  Contact,
  Deal,
  DealStageChange,
  Destination,
  EmergencyContact,
  FamilyGroup,
  Group,
  GroupMember,
  GroupMilestone,
  Invoice,
  ItineraryLeg,
  LoyaltyProgram,
  Payment,
  PaymentSchedule,
  SatisfactionScore,
  TravelAlert,
  TravelDocument,
  Traveler,
  TravelerPreferences,
  TripOffering,
  Vendor,
  VendorCommissionRule,
  VendorContract,
  AnalyticsEvent,
  KpiSnapshot,
  SocialPost,
  Touchpoint,
  TtActivity,
  ManagedContent,
} from '../src/tt-api/contract.ts';

export interface SimDb {
  companies: Map<string, Company>;
  contacts: Map<string, Contact>;
  deals: Map<string, Deal>;
  dealStageHistory: Map<string, DealStageChange>;
  clients: Map<string, Client>;
  clientAddresses: Map<string, ClientAddress>;
  familyGroups: Map<string, FamilyGroup>;
  loyaltyPrograms: Map<string, LoyaltyProgram>;
  travelers: Map<string, Traveler>;
  travelDocuments: Map<string, TravelDocument>;
  /** Keyed by traveler id (one row per traveler). */
  travelerPreferences: Map<string, TravelerPreferences>;
  emergencyContacts: Map<string, EmergencyContact>;
  destinations: Map<string, Destination>;
  trips: Map<string, TripOffering>;
  itineraryLegs: Map<string, ItineraryLeg>;
  clientTrips: Map<string, ClientTrip>;
  bookings: Map<string, Booking>;
  groups: Map<string, Group>;
  groupMembers: Map<string, GroupMember>;
  groupMilestones: Map<string, GroupMilestone>;
  travelAlerts: Map<string, TravelAlert>;
  satisfaction: Map<string, SatisfactionScore>;
  payments: Map<string, Payment>;
  paymentSchedules: Map<string, PaymentSchedule>;
  invoices: Map<string, Invoice>;
  commissions: Map<string, CommissionEntry>;
  vendors: Map<string, Vendor>;
  vendorRules: Map<string, VendorCommissionRule>;
  vendorContracts: Map<string, VendorContract>;
  analyticsEvents: Map<string, AnalyticsEvent>;
  kpiSnapshots: Map<string, KpiSnapshot>;
  socialPosts: Map<string, SocialPost>;
  touchpoints: Map<string, Touchpoint>;
  activities: Map<string, TtActivity>;
  content: Map<string, ManagedContent>;
}

export function emptyDb(): SimDb {
  return {
    companies: new Map(),
    contacts: new Map(),
    deals: new Map(),
    dealStageHistory: new Map(),
    clients: new Map(),
    clientAddresses: new Map(),
    familyGroups: new Map(),
    loyaltyPrograms: new Map(),
    travelers: new Map(),
    travelDocuments: new Map(),
    travelerPreferences: new Map(),
    emergencyContacts: new Map(),
    destinations: new Map(),
    trips: new Map(),
    itineraryLegs: new Map(),
    clientTrips: new Map(),
    bookings: new Map(),
    groups: new Map(),
    groupMembers: new Map(),
    groupMilestones: new Map(),
    travelAlerts: new Map(),
    satisfaction: new Map(),
    payments: new Map(),
    paymentSchedules: new Map(),
    invoices: new Map(),
    commissions: new Map(),
    vendors: new Map(),
    vendorRules: new Map(),
    vendorContracts: new Map(),
    analyticsEvents: new Map(),
    kpiSnapshots: new Map(),
    socialPosts: new Map(),
    touchpoints: new Map(),
    activities: new Map(),
    content: new Map(),
  };
}

export const put = <T extends { id: string }>(table: Map<string, T>, row: T): T => {
  table.set(row.id, row);
  return row;
};

/** Live (not soft-deleted) rows. */
export const live = <T extends { deletedAt: string | null }>(table: Map<string, T>): T[] =>
  [...table.values()].filter((r) => r.deletedAt === null);

export const findLive = <T extends { deletedAt: string | null }>(table: Map<string, T>, id: string): T | undefined => {
  const row = table.get(id);
  return row !== undefined && row.deletedAt === null ? row : undefined;
};
