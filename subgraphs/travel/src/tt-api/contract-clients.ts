/**
 * TT-API people resources: clients (addresses, family groups, loyalty programs) and travelers
 * (travel documents, preferences, emergency contacts).
 */
import { z } from 'zod';
import {
  NON_EMPTY_MESSAGE,
  addressType,
  cents,
  clientStatus,
  clientType,
  countryCode,
  familyGroupType,
  isoDate,
  isoDateTime,
  listQuerySchema,
  longText,
  loyaltyProgramType,
  nonEmpty,
  notificationChannel,
  queryBoolean,
  queryIds,
  shortText,
  timestamps,
  uuid,
} from './contract-common.ts';

// ---------------------------------------------------------------------------------------------
// Client addresses (/api/client-addresses): GET list, POST, PATCH, DELETE
// ---------------------------------------------------------------------------------------------
export const clientAddressSchema = z.object({
  id: uuid,
  clientId: uuid,
  addressType,
  street: shortText,
  street2: z.string().nullable(),
  city: shortText,
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: countryCode,
  isPrimary: z.boolean(),
  ...timestamps,
});
export type ClientAddress = z.infer<typeof clientAddressSchema>;

export const createClientAddressSchema = z.object({
  clientId: uuid,
  addressType,
  street: shortText,
  street2: z.string().max(200).nullable().optional(),
  city: shortText,
  state: z.string().max(100).nullable().optional(),
  postalCode: z.string().max(20).nullable().optional(),
  country: countryCode,
  isPrimary: z.boolean().optional(),
});
export const updateClientAddressSchema = createClientAddressSchema
  .omit({ clientId: true })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateClientAddressInput = z.infer<typeof createClientAddressSchema>;
export type UpdateClientAddressInput = z.infer<typeof updateClientAddressSchema>;
export const clientAddressListQuerySchema = listQuerySchema(['createdAt', 'city', 'country'], {
  clientId: uuid.optional(),
  clientIds: queryIds.optional(),
  addressType: addressType.optional(),
});

// ---------------------------------------------------------------------------------------------
// Family groups (/api/family-groups): GET list, detail, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const familyGroupSchema = z.object({
  id: uuid,
  name: shortText,
  groupType: familyGroupType,
  primaryClientId: uuid,
  memberClientIds: z.array(uuid),
  notes: longText.nullable(),
  ...timestamps,
});
export type FamilyGroup = z.infer<typeof familyGroupSchema>;

export const createFamilyGroupSchema = z.object({
  name: shortText,
  groupType: familyGroupType,
  primaryClientId: uuid,
  memberClientIds: z.array(uuid).max(50).optional(),
  notes: longText.nullable().optional(),
});
export const updateFamilyGroupSchema = createFamilyGroupSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateFamilyGroupInput = z.infer<typeof createFamilyGroupSchema>;
export type UpdateFamilyGroupInput = z.infer<typeof updateFamilyGroupSchema>;
export const familyGroupListQuerySchema = listQuerySchema(['createdAt', 'name'], {
  groupType: familyGroupType.optional(),
  clientId: uuid.optional(),
});

// ---------------------------------------------------------------------------------------------
// Clients (/api/clients): GET list, detail, POST, PATCH, DELETE
// ---------------------------------------------------------------------------------------------
export const clientSchema = z.object({
  id: uuid,
  displayName: shortText,
  email: z.email(),
  phone: z.string().nullable(),
  clientType,
  status: clientStatus,
  /** TT-API contact this billing entity came from, if any (CRM link). */
  contactId: uuid.nullable(),
  companyId: uuid.nullable(),
  lifetimeValueCents: cents,
  travelStyle: z.string().nullable(),
  /** 0 (loyal) .. 100 (about to leave). */
  churnRiskScore: z.int().min(0).max(100),
  preferredChannel: notificationChannel.nullable(),
  notes: longText.nullable(),
  ...timestamps,
});
export type Client = z.infer<typeof clientSchema>;

/** Detail adds addresses and the family groups the client belongs to. */
export const clientDetailSchema = clientSchema.extend({
  addresses: z.array(clientAddressSchema),
  familyGroups: z.array(familyGroupSchema),
});
export type ClientDetail = z.infer<typeof clientDetailSchema>;

export const createClientSchema = z.object({
  displayName: shortText,
  email: z.email(),
  phone: z.string().max(40).nullable().optional(),
  clientType: clientType.optional(),
  status: clientStatus.optional(),
  contactId: uuid.nullable().optional(),
  companyId: uuid.nullable().optional(),
  travelStyle: z.string().max(100).nullable().optional(),
  churnRiskScore: z.int().min(0).max(100).optional(),
  preferredChannel: notificationChannel.nullable().optional(),
  notes: longText.nullable().optional(),
});
export const updateClientSchema = createClientSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateClientInput = z.infer<typeof createClientSchema>;
export type UpdateClientInput = z.infer<typeof updateClientSchema>;
export const clientListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'displayName', 'lifetimeValueCents', 'churnRiskScore'],
  {
    clientType: clientType.optional(),
    status: clientStatus.optional(),
    companyId: uuid.optional(),
    companyIds: queryIds.optional(),
  },
);

// ---------------------------------------------------------------------------------------------
// Loyalty programs (/api/loyalty-programs): GET list, POST, PATCH
// ---------------------------------------------------------------------------------------------
export const loyaltyProgramSchema = z.object({
  id: uuid,
  travelerId: uuid,
  programType: loyaltyProgramType,
  programName: shortText,
  membershipNumber: z.string().min(1).max(60),
  tier: z.string().nullable(),
  pointsBalance: z.int().nonnegative().nullable(),
  ...timestamps,
});
export type LoyaltyProgram = z.infer<typeof loyaltyProgramSchema>;

export const createLoyaltyProgramSchema = z.object({
  travelerId: uuid,
  programType: loyaltyProgramType,
  programName: shortText,
  membershipNumber: z.string().trim().min(1).max(60),
  tier: z.string().max(50).nullable().optional(),
  pointsBalance: z.int().nonnegative().nullable().optional(),
});
export const updateLoyaltyProgramSchema = createLoyaltyProgramSchema
  .omit({ travelerId: true })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateLoyaltyProgramInput = z.infer<typeof createLoyaltyProgramSchema>;
export type UpdateLoyaltyProgramInput = z.infer<typeof updateLoyaltyProgramSchema>;
export const loyaltyProgramListQuerySchema = listQuerySchema(['createdAt', 'programName'], {
  travelerId: uuid.optional(),
  travelerIds: queryIds.optional(),
  programType: loyaltyProgramType.optional(),
});

// ---------------------------------------------------------------------------------------------
// Travelers (/api/travelers) with travel documents, preferences, emergency contacts
// ---------------------------------------------------------------------------------------------
export const travelDocumentSchema = z.object({
  id: uuid,
  travelerId: uuid,
  /** Free text in TT-API (passport, visa, national_id, ...): not one of the 27 pgEnums. */
  documentType: z.string().min(1).max(50),
  documentNumber: z.string().min(1).max(60),
  issuingCountry: countryCode.nullable(),
  issueDate: isoDate.nullable(),
  expiryDate: isoDate.nullable(),
  ...timestamps,
});
export type TravelDocument = z.infer<typeof travelDocumentSchema>;

/**
 * Document types Nexus knows (T-10 `document_type`). TT-API keeps the column as free text, so a
 * value outside this list reads as `other` in the graph.
 */
export const documentTypes = [
  'passport',
  'visa',
  'national_id',
  'drivers_license',
  'residence_permit',
  'esta',
  'eta',
  'other',
] as const;
export type DocumentType = (typeof documentTypes)[number];
/** T-10 `cabin_class` and `seat_preference`: free text in TT-API, these values in the graph. */
export const cabinClasses = ['economy', 'premium_economy', 'business', 'first'] as const;
export const seatPreferences = ['window', 'aisle', 'no_preference'] as const;

/**
 * POST/PATCH/DELETE /api/travel-documents: Nexus assumption (T-03's `travel_documents` rows, written
 * one at a time). Adding a second passport does not remove the first: replacing is an update.
 */
export const createTravelDocumentSchema = z.object({
  travelerId: uuid,
  documentType: z.enum(documentTypes),
  documentNumber: z.string().trim().min(1).max(60),
  issuingCountry: countryCode.nullable().optional(),
  issueDate: isoDate.nullable().optional(),
  expiryDate: isoDate.nullable().optional(),
});
export const updateTravelDocumentSchema = createTravelDocumentSchema
  .omit({ travelerId: true })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);

export const travelerPreferencesSchema = z.object({
  travelerId: uuid,
  cabinClass: z.string().nullable(),
  seatPreference: z.string().nullable(),
  dietaryRestrictions: z.array(z.string()),
  preferredAirlines: z.array(z.string()),
  hotelPreferences: z.string().nullable(),
  specialRequests: z.string().nullable(),
  updatedAt: isoDateTime,
});
export type TravelerPreferences = z.infer<typeof travelerPreferencesSchema>;

export const emergencyContactSchema = z.object({
  id: uuid,
  travelerId: uuid,
  fullName: shortText,
  relationship: z.string().min(1).max(50),
  phone: z.string().min(3).max(40),
  email: z.email().nullable(),
  isPrimary: z.boolean(),
  ...timestamps,
});
export type EmergencyContact = z.infer<typeof emergencyContactSchema>;

export const createEmergencyContactSchema = z.object({
  travelerId: uuid,
  fullName: shortText,
  relationship: z.string().trim().min(1).max(50),
  phone: z.string().trim().min(3).max(40),
  email: z.email().nullable().optional(),
  isPrimary: z.boolean().optional(),
});
export const updateEmergencyContactSchema = createEmergencyContactSchema
  .omit({ travelerId: true })
  .partial()
  .refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateEmergencyContactInput = z.infer<typeof createEmergencyContactSchema>;
export type UpdateEmergencyContactInput = z.infer<typeof updateEmergencyContactSchema>;
export const emergencyContactListQuerySchema = listQuerySchema(['createdAt', 'fullName'], {
  travelerId: uuid.optional(),
  travelerIds: queryIds.optional(),
});

export const travelerSchema = z.object({
  id: uuid,
  clientId: uuid.nullable(),
  firstName: shortText,
  lastName: shortText,
  email: z.email().nullable(),
  phone: z.string().nullable(),
  dateOfBirth: isoDate.nullable(),
  nationality: countryCode.nullable(),
  passportNumber: z.string().nullable(),
  passportCountry: countryCode.nullable(),
  passportIssueDate: isoDate.nullable(),
  passportExpiryDate: isoDate.nullable(),
  /** TSA PreCheck known traveler number. */
  knownTravelerNumber: z.string().nullable(),
  globalEntryNumber: z.string().nullable(),
  medicalNotes: longText.nullable(),
  ...timestamps,
});
export type Traveler = z.infer<typeof travelerSchema>;

export const travelerDetailSchema = travelerSchema.extend({
  documents: z.array(travelDocumentSchema),
  preferences: travelerPreferencesSchema.nullable(),
  emergencyContacts: z.array(emergencyContactSchema),
  loyaltyPrograms: z.array(loyaltyProgramSchema),
});
export type TravelerDetail = z.infer<typeof travelerDetailSchema>;

export const travelerPreferencesInputSchema = z.object({
  cabinClass: z.enum(cabinClasses).nullable().optional(),
  seatPreference: z.enum(seatPreferences).nullable().optional(),
  dietaryRestrictions: z.array(z.string().max(50)).max(20).optional(),
  preferredAirlines: z.array(z.string().max(60)).max(20).optional(),
  hotelPreferences: z.string().max(500).nullable().optional(),
  specialRequests: z.string().max(1000).nullable().optional(),
});

export const createTravelerSchema = z.object({
  clientId: uuid.nullable().optional(),
  firstName: shortText,
  lastName: shortText,
  email: z.email().nullable().optional(),
  phone: z.string().max(40).nullable().optional(),
  dateOfBirth: isoDate.nullable().optional(),
  nationality: countryCode.nullable().optional(),
  passportNumber: z.string().trim().min(5).max(20).nullable().optional(),
  passportCountry: countryCode.nullable().optional(),
  passportIssueDate: isoDate.nullable().optional(),
  passportExpiryDate: isoDate.nullable().optional(),
  knownTravelerNumber: z.string().max(20).nullable().optional(),
  globalEntryNumber: z.string().max(20).nullable().optional(),
  medicalNotes: longText.nullable().optional(),
  /** Replaces the traveler's preferences as a whole when given. */
  preferences: travelerPreferencesInputSchema.optional(),
});
export const updateTravelerSchema = createTravelerSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateTravelerInput = z.infer<typeof createTravelerSchema>;
export type UpdateTravelerInput = z.infer<typeof updateTravelerSchema>;

export const travelerListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'lastName', 'firstName', 'dateOfBirth', 'passportExpiryDate'],
  {
    clientId: uuid.optional(),
    clientIds: queryIds.optional(),
    /** Travelers whose passport expires on or before this date (includes already expired). */
    passportExpiresBefore: isoDate.optional(),
    hasPassport: queryBoolean.optional(),
  },
);

/**
 * GET /api/travel-documents: Nexus assumption. The seed keeps `travel_documents` as a table but
 * routes them only inside the traveler detail; the passport-expiry job and lists of travelers need
 * them across travelers in one call, so the simulator (and the contract) add this read-only list.
 * `expiresBefore` / `expiresAfter` are inclusive and skip documents without an expiry date.
 */
export const travelDocumentListQuerySchema = listQuerySchema(['expiryDate', 'createdAt'], {
  travelerId: uuid.optional(),
  travelerIds: queryIds.optional(),
  documentType: z.string().max(50).optional(),
  expiresBefore: isoDate.optional(),
  expiresAfter: isoDate.optional(),
});
