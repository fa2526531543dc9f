/** TT-API simulator: TT-API's CRM: companies, contacts, deals (with their stage history). */
import { randomUUID } from 'node:crypto';
import type { DealStage } from '../../src/tt-api/contract.ts';
import { live } from '../db.ts';
import type { SimDb } from '../db.ts';
import { mountResource, nowIso } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError } from '../http-errors.ts';
import { fresh, R, requireRef, slugify, STAGE_PROBABILITY, uniqueSlug } from './shared.ts';

/**
 * TT-API's CRM: companies, contacts, deals (with their stage history).
 */
export function mountCrm(app: SimApp, ctx: SimCtx): void {
  mountResource(app, ctx, {
    def: R.companies,
    table: (db: SimDb) => db.companies,
    create: (input, db) => ({
      ...fresh(),
      name: input.name,
      slug: uniqueSlug(db.companies, input.slug ?? slugify(input.name), null),
      industry: input.industry ?? null,
      website: input.website ?? null,
      employeeCount: input.employeeCount ?? null,
      stage: input.stage ?? 'target',
      leadScore: input.leadScore ?? 0,
      leadSource: input.leadSource ?? null,
      annualTravelBudgetCents: input.annualTravelBudgetCents ?? null,
      slackChannelId: input.slackChannelId ?? null,
    }),
    update: (row, input, db) => {
      if (input.slug !== undefined) uniqueSlug(db.companies, input.slug, row.id);
      return { ...row, ...input };
    },
  });

  const emailTaken = (db: SimDb, email: string, exceptId: string | null) =>
    live(db.contacts).some((r) => r.email.toLowerCase() === email.toLowerCase() && r.id !== exceptId);
  mountResource(app, ctx, {
    def: R.contacts,
    table: (db: SimDb) => db.contacts,
    create: (input, db) => {
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      if (emailTaken(db, input.email, null)) throw conflictError(`A contact with email ${input.email} already exists`);
      return {
        ...fresh(),
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        phone: input.phone ?? null,
        companyId: input.companyId ?? null,
        jobTitle: input.jobTitle ?? null,
        role: input.role ?? null,
        lifecycleStage: input.lifecycleStage ?? 'lead',
        leadScore: input.leadScore ?? 0,
        leadSource: input.leadSource ?? null,
        linkedinUrl: input.linkedinUrl ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      if (input.email !== undefined && emailTaken(db, input.email, row.id)) {
        throw conflictError(`A contact with email ${input.email} already exists`);
      }
      return { ...row, ...input };
    },
  });

  const appendStage = (db: SimDb, dealId: string, fromStage: DealStage | null, toStage: DealStage) => {
    const change = { id: randomUUID(), dealId, fromStage, toStage, changedAt: nowIso() };
    db.dealStageHistory.set(change.id, change);
  };
  mountResource(app, ctx, {
    def: R.deals,
    table: (db: SimDb) => db.deals,
    detail: (row, db) => ({
      ...row,
      stageHistory: [...db.dealStageHistory.values()]
        .filter((h) => h.dealId === row.id)
        .sort((a, b) => (a.changedAt < b.changedAt ? -1 : a.changedAt > b.changedAt ? 1 : 0)),
    }),
    create: (input, db) => {
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      requireRef(db.contacts, input.contactId, 'contactId', 'Contact');
      const stage = input.stage ?? 'lead';
      const row = {
        ...fresh(),
        companyId: input.companyId ?? null,
        contactId: input.contactId ?? null,
        title: input.title,
        stage,
        amountCents: input.amountCents ?? 0,
        probability: input.probability ?? STAGE_PROBABILITY[stage],
        expectedCloseDate: input.expectedCloseDate ?? null,
        leadSource: input.leadSource ?? null,
        notes: input.notes ?? null,
      };
      appendStage(db, row.id, null, stage);
      return row;
    },
    update: (row, input, db) => {
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      requireRef(db.contacts, input.contactId, 'contactId', 'Contact');
      const next = { ...row, ...input };
      if (input.stage !== undefined && input.stage !== row.stage) {
        appendStage(db, row.id, row.stage, input.stage);
        if (input.probability === undefined) next.probability = STAGE_PROBABILITY[input.stage];
      }
      return next;
    },
  });
}
