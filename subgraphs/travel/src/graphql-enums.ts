/**
 * GraphQL enums whose values are TT-API's, in SCREAMING_SNAKE. The schema shows `DEPOSIT_PAID`;
 * resolvers see TT-API's own `deposit_paid` (enum internal values, both ways), so TT-API rows pass
 * through untouched and inputs arrive ready to send. Codegen types each enum as the TT-API union
 * exported here (see codegen.ts), so the compiler holds both sides to the contract.
 */
import {
  addressTypes,
  alertSeverities,
  bookingStatuses,
  cabinClasses,
  clientStatuses,
  clientTypes,
  commissionCalculationSchema,
  commissionStatuses,
  contentStatuses,
  continents,
  documentTypes,
  emailSendStatuses,
  familyGroupTypes,
  groupStatuses,
  invoiceStatuses,
  loyaltyProgramTypes,
  notificationChannels,
  paymentStatuses,
  paymentTypes,
  scheduleStatuses,
  socialPlatforms,
  socialPostStatuses,
  touchpointChannels,
  touchpointDirections,
  seatPreferences,
  supplierTypes,
  ttResources,
  tripStatuses,
  tripTypes,
  vendorTiers,
} from './tt-api/contract.ts';
import { BreakerState as BreakerStates } from './tt-api/circuit-breaker.ts';

/** `deposit_paid` -> `DEPOSIT_PAID`, `createdAt` -> `CREATED_AT`. */
export const screamingSnake = (value: string): string =>
  value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();

const R = ttResources;
const sortFields = <const V extends readonly string[]>(options: V) => options;
const breakerStates = Object.values(BreakerStates);

/** TT-API value lists by GraphQL enum name. */
export const ttEnumValues = {
  ClientType: clientTypes,
  ClientStatus: clientStatuses,
  NotificationChannel: notificationChannels,
  AddressType: addressTypes,
  FamilyGroupType: familyGroupTypes,
  LoyaltyProgramType: loyaltyProgramTypes,
  DocumentType: documentTypes,
  CabinClass: cabinClasses,
  SeatPreference: seatPreferences,
  SupplierType: supplierTypes,
  TtSocialPlatform: socialPlatforms,
  TtSocialPostStatus: socialPostStatuses,
  TtContentStatus: contentStatuses,
  TouchpointChannel: touchpointChannels,
  TouchpointDirection: touchpointDirections,
  TripType: tripTypes,
  TripStatus: tripStatuses,
  BookingStatus: bookingStatuses,
  PaymentStatus: paymentStatuses,
  PaymentType: paymentTypes,
  PaymentScheduleStatus: scheduleStatuses,
  InvoiceStatus: invoiceStatuses,
  EmailDeliveryStatus: emailSendStatuses,
  CommissionStatus: commissionStatuses,
  CommissionRateSource: commissionCalculationSchema.shape.rateSource.options,
  VendorTier: vendorTiers,
  TravelGroupStatus: groupStatuses,
  AlertSeverity: alertSeverities,
  Continent: continents,
  CircuitState: breakerStates,
  ClientOrderField: sortFields(R.clients.listQuery.shape.sortBy.unwrap().options),
  TravelerOrderField: sortFields(R.travelers.listQuery.shape.sortBy.unwrap().options),
  TravelDocumentOrderField: sortFields(R.travelDocuments.listQuery.shape.sortBy.unwrap().options),
  FamilyGroupOrderField: sortFields(R.familyGroups.listQuery.shape.sortBy.unwrap().options),
  DestinationOrderField: sortFields(R.destinations.listQuery.shape.sortBy.unwrap().options),
  TripOfferingOrderField: sortFields(R.trips.listQuery.shape.sortBy.unwrap().options),
  ClientTripOrderField: sortFields(R.clientTrips.listQuery.shape.sortBy.unwrap().options),
  BookingOrderField: sortFields(R.bookings.listQuery.shape.sortBy.unwrap().options),
  TravelGroupOrderField: sortFields(R.groups.listQuery.shape.sortBy.unwrap().options),
  TravelAlertOrderField: sortFields(R.travelAlerts.listQuery.shape.sortBy.unwrap().options),
  SatisfactionScoreOrderField: sortFields(R.satisfaction.listQuery.shape.sortBy.unwrap().options),
  VendorOrderField: sortFields(R.vendors.listQuery.shape.sortBy.unwrap().options),
  PaymentOrderField: sortFields(R.payments.listQuery.shape.sortBy.unwrap().options),
  PaymentScheduleOrderField: sortFields(R.paymentSchedules.listQuery.shape.sortBy.unwrap().options),
  InvoiceOrderField: sortFields(R.invoices.listQuery.shape.sortBy.unwrap().options),
  CommissionOrderField: sortFields(R.commissions.listQuery.shape.sortBy.unwrap().options),
} as const;

type Values = typeof ttEnumValues;
type ValueOf<K extends keyof Values> = Values[K][number];

/** `createdAt` -> `created_at` at the type level (snake_case values pass unchanged). */
type CamelToSnake<S extends string> = S extends `${infer H}${infer T}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${CamelToSnake<T>}`
  : S;
export type ScreamingSnake<S extends string> = Uppercase<CamelToSnake<S>>;

/** Enum resolvers: GraphQL value name -> TT-API value, typed value by value. */
export const enumResolvers = Object.fromEntries(
  Object.entries(ttEnumValues).map(([name, values]) => [
    name,
    Object.fromEntries(values.map((v: string) => [screamingSnake(v), v])),
  ]),
) as { [K in keyof Values]: { [V in ValueOf<K> as ScreamingSnake<V>]: V } };

// The TS side of each mapped enum, named like the GraphQL enum (codegen imports these).
export type ClientType = ValueOf<'ClientType'>;
export type ClientStatus = ValueOf<'ClientStatus'>;
export type NotificationChannel = ValueOf<'NotificationChannel'>;
export type AddressType = ValueOf<'AddressType'>;
export type FamilyGroupType = ValueOf<'FamilyGroupType'>;
export type LoyaltyProgramType = ValueOf<'LoyaltyProgramType'>;
export type DocumentType = ValueOf<'DocumentType'>;
export type CabinClass = ValueOf<'CabinClass'>;
export type SeatPreference = ValueOf<'SeatPreference'>;
export type SupplierType = ValueOf<'SupplierType'>;
export type TtSocialPlatform = ValueOf<'TtSocialPlatform'>;
export type TtSocialPostStatus = ValueOf<'TtSocialPostStatus'>;
export type TtContentStatus = ValueOf<'TtContentStatus'>;
export type TouchpointChannel = ValueOf<'TouchpointChannel'>;
export type TouchpointDirection = ValueOf<'TouchpointDirection'>;
export type TripType = ValueOf<'TripType'>;
export type TripStatus = ValueOf<'TripStatus'>;
export type BookingStatus = ValueOf<'BookingStatus'>;
export type PaymentStatus = ValueOf<'PaymentStatus'>;
export type PaymentType = ValueOf<'PaymentType'>;
export type PaymentScheduleStatus = ValueOf<'PaymentScheduleStatus'>;
export type InvoiceStatus = ValueOf<'InvoiceStatus'>;
export type EmailDeliveryStatus = ValueOf<'EmailDeliveryStatus'>;
export type CommissionStatus = ValueOf<'CommissionStatus'>;
export type CommissionRateSource = ValueOf<'CommissionRateSource'>;
export type VendorTier = ValueOf<'VendorTier'>;
export type TravelGroupStatus = ValueOf<'TravelGroupStatus'>;
export type AlertSeverity = ValueOf<'AlertSeverity'>;
export type Continent = ValueOf<'Continent'>;
export type CircuitState = ValueOf<'CircuitState'>;
export type ClientOrderField = ValueOf<'ClientOrderField'>;
export type TravelerOrderField = ValueOf<'TravelerOrderField'>;
export type TravelDocumentOrderField = ValueOf<'TravelDocumentOrderField'>;
export type FamilyGroupOrderField = ValueOf<'FamilyGroupOrderField'>;
export type DestinationOrderField = ValueOf<'DestinationOrderField'>;
export type TripOfferingOrderField = ValueOf<'TripOfferingOrderField'>;
export type ClientTripOrderField = ValueOf<'ClientTripOrderField'>;
export type BookingOrderField = ValueOf<'BookingOrderField'>;
export type TravelGroupOrderField = ValueOf<'TravelGroupOrderField'>;
export type TravelAlertOrderField = ValueOf<'TravelAlertOrderField'>;
export type SatisfactionScoreOrderField = ValueOf<'SatisfactionScoreOrderField'>;
export type VendorOrderField = ValueOf<'VendorOrderField'>;
export type PaymentOrderField = ValueOf<'PaymentOrderField'>;
export type PaymentScheduleOrderField = ValueOf<'PaymentScheduleOrderField'>;
export type InvoiceOrderField = ValueOf<'InvoiceOrderField'>;
export type CommissionOrderField = ValueOf<'CommissionOrderField'>;

/**
 * TT-API's free-text value as one of a GraphQL enum's values: itself when known, else `fallback`
 * (OTHER, or null where the field is optional), so an unexpected value never fails a read.
 */
export function known<V extends string, F extends V | null>(
  values: readonly V[],
  value: string | null,
  fallback: F,
): V | F {
  return values.find((v) => v === value) ?? fallback;
}
