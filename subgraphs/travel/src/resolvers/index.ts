import { scalarResolvers } from '@nexus/platform';
import type { Resolvers } from '../__generated__/resolvers-types.ts';
import { enumResolvers } from '../graphql-enums.ts';
import { Client, FamilyGroup } from './client.ts';
import {
  CommissionCalculation,
  CommissionEntry,
  CommissionSummary,
  Invoice,
  Payment,
  PaymentSchedule,
} from './finance.ts';
import { SatisfactionScore, TopOpportunity, TravelAlert, TravelGroup, TravelGroupMember } from './groups.ts';
import { Touchpoint, TtActivity } from './insights.ts';
import { Itinerary, ItineraryEntry } from './itinerary.ts';
import { IntegrationHealth } from './integration-health.ts';
import { Company, Contact, Deal, User } from './links.ts';
import {
  BookingMoney,
  ScheduleChange,
  SupplierCommission,
  SupplierPayment,
  SupplierStatement,
  SupplierStatementLine,
} from './money.ts';
import { Mutation } from './mutation.ts';
import {
  PendingPassportChange,
  PortalMutation,
  PortalQuery,
  PortalTraveler,
  PortalTrip,
  PortalVaultDocument,
  TripDocument,
} from '../portal/resolvers.ts';
import { BookingSyncRun, CommissionReconciliationRun, PassportAlert } from './nexus-state.ts';
import { Query } from './query.ts';
import { TravelerReadiness, TripReadiness } from './readiness.ts';
import { RoomBlock, RoomingList } from './rooming.ts';
import { TravelSearchHit } from './search.ts';
import { TravelDocument, Traveler, TravelerPreferences } from './traveler.ts';
import { Booking, BookingTraveler, ClientTrip, Destination, TripOffering, Vendor, VendorContract } from './trips.ts';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...enumResolvers,
  Query: { ...Query, ...PortalQuery },
  Mutation: { ...Mutation, ...PortalMutation },
  PortalTrip,
  PortalTraveler,
  PortalVaultDocument,
  TripDocument,
  PendingPassportChange,
  Contact,
  Company,
  Deal,
  User,
  Client,
  FamilyGroup,
  Traveler,
  TravelDocument,
  TravelerPreferences,
  Destination,
  TripOffering,
  ClientTrip,
  Booking,
  BookingTraveler,
  Vendor,
  VendorContract,
  TravelGroup,
  TravelGroupMember,
  TravelAlert,
  SatisfactionScore,
  TopOpportunity,
  Payment,
  PaymentSchedule,
  Invoice,
  CommissionEntry,
  CommissionSummary,
  CommissionCalculation,
  BookingMoney,
  SupplierPayment,
  SupplierCommission,
  SupplierStatement,
  SupplierStatementLine,
  ScheduleChange,
  PassportAlert,
  CommissionReconciliationRun,
  BookingSyncRun,
  IntegrationHealth,
  TravelSearchHit,
  Touchpoint,
  TtActivity,
  Itinerary,
  ItineraryEntry,
  TripReadiness,
  TravelerReadiness,
  RoomingList,
  RoomBlock,
};
