/** TT-API CRM resources: companies, contacts, deals (with stage history). */
import { z } from 'zod';
import {
  NON_EMPTY_MESSAGE, cents, companyStage, contactRole, dealStage, isoDate, isoDateTime, leadSource,
  listQuerySchema, longText, nonEmpty, shortText, slug, timestamps, uuid,
} from './contract-common.ts';

const leadScore = z.int().min(0).max(100);

// ---------------------------------------------------------------------------------------------
// Companies (/api/companies)
// ---------------------------------------------------------------------------------------------
export const companySchema = z.object({
  id: uuid,
  name: shortText,
  slug,
  industry: z.string().nullable(),
  website: z.url().nullable(),
  employeeCount: z.int().nonnegative().nullable(),
  stage: companyStage,
  leadScore,
  leadSource: leadSource.nullable(),
  /** Seed column `annual_travel_budget`; money is cents everywhere, hence the suffix. */
  annualTravelBudgetCents: cents.nullable(),
  slackChannelId: z.string().nullable(),
  ...timestamps,
});
export type Company = z.infer<typeof companySchema>;

export const createCompanySchema = z.object({
  name: shortText,
  slug: slug.optional(),
  industry: z.string().max(100).nullable().optional(),
  website: z.url().nullable().optional(),
  employeeCount: z.int().nonnegative().nullable().optional(),
  stage: companyStage.optional(),
  leadScore: leadScore.optional(),
  leadSource: leadSource.nullable().optional(),
  annualTravelBudgetCents: cents.nullable().optional(),
  slackChannelId: z.string().max(50).nullable().optional(),
});
export const updateCompanySchema = createCompanySchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateCompanyInput = z.infer<typeof createCompanySchema>;
export type UpdateCompanyInput = z.infer<typeof updateCompanySchema>;

export const companyListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'name', 'stage', 'leadScore', 'annualTravelBudgetCents'],
  { stage: companyStage.optional(), leadSource: leadSource.optional() },
);

// ---------------------------------------------------------------------------------------------
// Contacts (/api/contacts)
// ---------------------------------------------------------------------------------------------
export const contactSchema = z.object({
  id: uuid,
  firstName: shortText,
  lastName: shortText,
  email: z.email(),
  phone: z.string().nullable(),
  companyId: uuid.nullable(),
  jobTitle: z.string().nullable(),
  role: contactRole.nullable(),
  /** Not one of the 27 pgEnums in the seed, so a free (validated) string. */
  lifecycleStage: z.string().min(1).max(50),
  leadScore,
  leadSource: leadSource.nullable(),
  linkedinUrl: z.url().nullable(),
  ...timestamps,
});
export type Contact = z.infer<typeof contactSchema>;

export const createContactSchema = z.object({
  firstName: shortText,
  lastName: shortText,
  email: z.email(),
  phone: z.string().max(40).nullable().optional(),
  companyId: uuid.nullable().optional(),
  jobTitle: z.string().max(120).nullable().optional(),
  role: contactRole.nullable().optional(),
  lifecycleStage: z.string().trim().min(1).max(50).optional(),
  leadScore: leadScore.optional(),
  leadSource: leadSource.nullable().optional(),
  linkedinUrl: z.url().nullable().optional(),
});
export const updateContactSchema = createContactSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateContactInput = z.infer<typeof createContactSchema>;
export type UpdateContactInput = z.infer<typeof updateContactSchema>;

export const contactListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'lastName', 'firstName', 'email', 'leadScore'],
  { companyId: uuid.optional(), role: contactRole.optional(), lifecycleStage: z.string().max(50).optional() },
);

// ---------------------------------------------------------------------------------------------
// Deals (/api/deals) with deal_stage_history
// ---------------------------------------------------------------------------------------------
export const dealStageChangeSchema = z.object({
  id: uuid,
  dealId: uuid,
  fromStage: dealStage.nullable(),
  toStage: dealStage,
  changedAt: isoDateTime,
});
export type DealStageChange = z.infer<typeof dealStageChangeSchema>;

export const dealSchema = z.object({
  id: uuid,
  companyId: uuid.nullable(),
  contactId: uuid.nullable(),
  title: shortText,
  stage: dealStage,
  /** Seed column `amount`; cents like every money field. */
  amountCents: cents,
  probability: z.int().min(0).max(100),
  expectedCloseDate: isoDate.nullable(),
  leadSource: leadSource.nullable(),
  notes: longText.nullable(),
  ...timestamps,
});
export type Deal = z.infer<typeof dealSchema>;

/** Detail (GET /api/deals/:id) adds the stage history, oldest first. */
export const dealDetailSchema = dealSchema.extend({ stageHistory: z.array(dealStageChangeSchema) });
export type DealDetail = z.infer<typeof dealDetailSchema>;

export const createDealSchema = z.object({
  title: shortText,
  companyId: uuid.nullable().optional(),
  contactId: uuid.nullable().optional(),
  stage: dealStage.optional(),
  amountCents: cents.optional(),
  probability: z.int().min(0).max(100).optional(),
  expectedCloseDate: isoDate.nullable().optional(),
  leadSource: leadSource.nullable().optional(),
  notes: longText.nullable().optional(),
});
/** A stage change through PATCH appends a row to the deal's stage history. */
export const updateDealSchema = createDealSchema.partial().refine(nonEmpty, NON_EMPTY_MESSAGE);
export type CreateDealInput = z.infer<typeof createDealSchema>;
export type UpdateDealInput = z.infer<typeof updateDealSchema>;

export const dealListQuerySchema = listQuerySchema(
  ['createdAt', 'updatedAt', 'title', 'amountCents', 'probability', 'expectedCloseDate'],
  { stage: dealStage.optional(), companyId: uuid.optional(), contactId: uuid.optional() },
);
