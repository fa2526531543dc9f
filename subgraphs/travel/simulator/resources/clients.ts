/** TT-API simulator: Clients (addresses, family groups) and travelers (documents, preferences, emergency contacts, loyalty). */
import { live } from '../db.ts';
import type { SimDb } from '../db.ts';
import { mountResource } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError } from '../http-errors.ts';
import { fresh, mergePreferences, R, requireRef } from './shared.ts';

/**
 * Clients (addresses, family groups) and travelers (documents, preferences, emergency contacts, loyalty).
 */
export function mountClientsAndTravelers(app: SimApp, ctx: SimCtx): void {
  mountResource(app, ctx, {
    def: R.clients,
    table: (db: SimDb) => db.clients,
    detail: (row, db) => ({
      ...row,
      addresses: live(db.clientAddresses).filter((a) => a.clientId === row.id),
      familyGroups: live(db.familyGroups).filter(
        (g) => g.primaryClientId === row.id || g.memberClientIds.includes(row.id),
      ),
    }),
    create: (input, db) => {
      requireRef(db.contacts, input.contactId, 'contactId', 'Contact');
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      if (live(db.clients).some((c) => c.email.toLowerCase() === input.email.toLowerCase())) {
        throw conflictError(`A client with email ${input.email} already exists`);
      }
      return {
        ...fresh(),
        displayName: input.displayName,
        email: input.email,
        phone: input.phone ?? null,
        clientType: input.clientType ?? 'individual',
        status: input.status ?? 'prospect',
        contactId: input.contactId ?? null,
        companyId: input.companyId ?? null,
        lifetimeValueCents: 0,
        travelStyle: input.travelStyle ?? null,
        churnRiskScore: input.churnRiskScore ?? 0,
        preferredChannel: input.preferredChannel ?? null,
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.contacts, input.contactId, 'contactId', 'Contact');
      requireRef(db.companies, input.companyId, 'companyId', 'Company');
      const email = input.email;
      if (
        email !== undefined &&
        live(db.clients).some((c) => c.id !== row.id && c.email.toLowerCase() === email.toLowerCase())
      ) {
        throw conflictError(`A client with email ${email} already exists`);
      }
      return { ...row, ...input };
    },
  });

  const clearOtherPrimaryAddresses = (db: SimDb, clientId: string, keepId: string) => {
    for (const a of db.clientAddresses.values()) {
      if (a.clientId === clientId && a.id !== keepId && a.isPrimary)
        db.clientAddresses.set(a.id, { ...a, isPrimary: false });
    }
  };
  mountResource(app, ctx, {
    def: R.clientAddresses,
    table: (db: SimDb) => db.clientAddresses,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      const row = {
        ...fresh(),
        clientId: input.clientId,
        addressType: input.addressType,
        street: input.street,
        street2: input.street2 ?? null,
        city: input.city,
        state: input.state ?? null,
        postalCode: input.postalCode ?? null,
        country: input.country,
        isPrimary: input.isPrimary ?? false,
      };
      if (row.isPrimary) clearOtherPrimaryAddresses(db, row.clientId, row.id);
      return row;
    },
    update: (row, input, db) => {
      if (input.isPrimary === true) clearOtherPrimaryAddresses(db, row.clientId, row.id);
      return { ...row, ...input };
    },
  });

  mountResource(app, ctx, {
    def: R.familyGroups,
    table: (db: SimDb) => db.familyGroups,
    filters: {
      clientId: (g, v) => g.primaryClientId === v || (typeof v === 'string' && g.memberClientIds.includes(v)),
    },
    create: (input, db) => {
      requireRef(db.clients, input.primaryClientId, 'primaryClientId', 'Client');
      (input.memberClientIds ?? []).forEach((id, k) => requireRef(db.clients, id, `memberClientIds.${k}`, 'Client'));
      const members = input.memberClientIds ?? [];
      return {
        ...fresh(),
        name: input.name,
        groupType: input.groupType,
        primaryClientId: input.primaryClientId,
        memberClientIds: members.includes(input.primaryClientId) ? members : [input.primaryClientId, ...members],
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.clients, input.primaryClientId, 'primaryClientId', 'Client');
      (input.memberClientIds ?? []).forEach((id, k) => requireRef(db.clients, id, `memberClientIds.${k}`, 'Client'));
      return { ...row, ...input };
    },
  });

  mountResource(app, ctx, {
    def: R.loyaltyPrograms,
    table: (db: SimDb) => db.loyaltyPrograms,
    create: (input, db) => {
      requireRef(db.travelers, input.travelerId, 'travelerId', 'Traveler');
      if (
        live(db.loyaltyPrograms).some(
          (p) => p.programName === input.programName && p.membershipNumber === input.membershipNumber,
        )
      ) {
        throw conflictError(`Membership ${input.membershipNumber} of ${input.programName} is already on file`);
      }
      return {
        ...fresh(),
        travelerId: input.travelerId,
        programType: input.programType,
        programName: input.programName,
        membershipNumber: input.membershipNumber,
        tier: input.tier ?? null,
        pointsBalance: input.pointsBalance ?? null,
      };
    },
    update: (row, input) => ({ ...row, ...input }),
  });

  const savePreferences = (
    db: SimDb,
    travelerId: string,
    prefs: NonNullable<Parameters<typeof mergePreferences>[1]>,
  ) => {
    db.travelerPreferences.set(travelerId, mergePreferences(travelerId, prefs));
  };
  mountResource(app, ctx, {
    def: R.travelers,
    table: (db: SimDb) => db.travelers,
    filters: {
      passportExpiresBefore: (t, v) =>
        typeof v === 'string' && t.passportExpiryDate !== null && t.passportExpiryDate <= v,
      hasPassport: (t, v) => (t.passportNumber !== null) === v,
    },
    detail: (row, db) => ({
      ...row,
      documents: live(db.travelDocuments).filter((d) => d.travelerId === row.id),
      preferences: db.travelerPreferences.get(row.id) ?? null,
      emergencyContacts: live(db.emergencyContacts).filter((e) => e.travelerId === row.id),
      loyaltyPrograms: live(db.loyaltyPrograms).filter((p) => p.travelerId === row.id),
    }),
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      const { preferences, ...fields } = input;
      const row = {
        ...fresh(),
        clientId: fields.clientId ?? null,
        firstName: fields.firstName,
        lastName: fields.lastName,
        email: fields.email ?? null,
        phone: fields.phone ?? null,
        dateOfBirth: fields.dateOfBirth ?? null,
        nationality: fields.nationality ?? null,
        passportNumber: fields.passportNumber ?? null,
        passportCountry: fields.passportCountry ?? null,
        passportIssueDate: fields.passportIssueDate ?? null,
        passportExpiryDate: fields.passportExpiryDate ?? null,
        knownTravelerNumber: fields.knownTravelerNumber ?? null,
        globalEntryNumber: fields.globalEntryNumber ?? null,
        medicalNotes: fields.medicalNotes ?? null,
      };
      if (preferences !== undefined) savePreferences(db, row.id, preferences);
      return row;
    },
    update: (row, input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      const { preferences, ...fields } = input;
      if (preferences !== undefined) savePreferences(db, row.id, preferences);
      return { ...row, ...fields };
    },
  });

  mountResource(app, ctx, {
    def: R.travelDocuments,
    table: (db: SimDb) => db.travelDocuments,
    filters: {
      expiresBefore: (d, v) => typeof v === 'string' && d.expiryDate !== null && d.expiryDate <= v,
      expiresAfter: (d, v) => typeof v === 'string' && d.expiryDate !== null && d.expiryDate >= v,
    },
    create: (input, db) => {
      requireRef(db.travelers, input.travelerId, 'travelerId', 'Traveler');
      if (
        live(db.travelDocuments).some(
          (d) => d.documentType === input.documentType && d.documentNumber === input.documentNumber,
        )
      ) {
        throw conflictError(`A ${input.documentType} numbered ${input.documentNumber} is already on file`);
      }
      return {
        ...fresh(),
        travelerId: input.travelerId,
        documentType: input.documentType,
        documentNumber: input.documentNumber,
        issuingCountry: input.issuingCountry ?? null,
        issueDate: input.issueDate ?? null,
        expiryDate: input.expiryDate ?? null,
      };
    },
    update: (row, input) => ({ ...row, ...input }),
  });

  mountResource(app, ctx, {
    def: R.emergencyContacts,
    table: (db: SimDb) => db.emergencyContacts,
    create: (input, db) => {
      requireRef(db.travelers, input.travelerId, 'travelerId', 'Traveler');
      return {
        ...fresh(),
        travelerId: input.travelerId,
        fullName: input.fullName,
        relationship: input.relationship,
        phone: input.phone,
        email: input.email ?? null,
        isPrimary: input.isPrimary ?? !live(db.emergencyContacts).some((e) => e.travelerId === input.travelerId),
      };
    },
    update: (row, input) => ({ ...row, ...input }),
  });
}
