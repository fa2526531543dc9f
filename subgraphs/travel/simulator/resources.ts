/** TT-API resources and their domain rules, mounted on the simulator app. */
import { randomUUID } from 'node:crypto';
import {
  addGroupMemberSchema, calculateCommissionSchema, commissionListQuerySchema, commissionStatuses,
  commissionSummaryQuerySchema, createBookingPaymentSchema, dealStages, topOpportunitiesQuerySchema, ttResources,
  ttResponses, ttRoutes,
} from '../src/tt-api/contract.ts';
import type {
  Booking, CommissionEntry, CommissionSummary, DealStage, PaymentStatus, TopOpportunity, TripType,
} from '../src/tt-api/contract.ts';
import { findLive, live } from './db.ts';
import type { SimDb } from './db.ts';
import { DEFAULT_NEXION_SPLIT_PCT, TRIP_TYPES_FOR_STYLE } from './demo-data.ts';
import {
  listRows, mountResource, nowIso, parseBody, parseId, parseQuery, respond,
} from './crud.ts';
import type { RowFilter, SimApp, SimCtx } from './crud.ts';
import { conflictError, missingReference, notFoundError, validationError } from './http-errors.ts';

const R = ttResources;
const today = () => nowIso().slice(0, 10);
const pctOf = (value: number, pct: number) => Math.round((value * pct) / 100);
const slugify = (s: string) =>
  s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'item';
const fresh = () => {
  const t = nowIso();
  return { id: randomUUID(), createdAt: t, updatedAt: t, deletedAt: null };
};

function requireRef<T extends { deletedAt: string | null }>(
  table: Map<string, T>, id: string | null | undefined, field: string, entity: string,
): void {
  if (id !== null && id !== undefined && findLive(table, id) === undefined) throw missingReference(field, entity, id);
}

function uniqueSlug<T extends { id: string; slug: string; deletedAt: string | null }>(
  table: Map<string, T>, slug: string, exceptId: string | null,
): string {
  if (live(table).some((r) => r.slug === slug && r.id !== exceptId)) throw conflictError(`Slug "${slug}" is already taken`);
  return slug;
}

/** Default probability by deal stage, used when a deal is created or moved without one. */
const STAGE_PROBABILITY: Record<DealStage, number> = {
  lead: 10, qualified: 20, proposal_sent: 35, proposal_viewed: 40, negotiating: 55, verbal_yes: 75,
  booking_pending: 85, booking_confirmed: 95, traveling: 100, completed: 100, won: 100, lost: 0,
};

function paymentStatusOf(b: Pick<Booking, 'amountPaidCents' | 'totalPriceCents' | 'paymentStatus'>): PaymentStatus {
  if (b.paymentStatus === 'refunded') return 'refunded';
  if (b.amountPaidCents === 0) return b.paymentStatus === 'failed' ? 'failed' : 'pending';
  return b.amountPaidCents >= b.totalPriceCents ? 'paid' : 'partial';
}

function bookingTravelers(
  db: SimDb, bookingId: string, input: ReadonlyArray<{ travelerId: string; isPrimary?: boolean | undefined }>,
): Booking['travelers'] {
  const primaries = input.filter((t) => t.isPrimary === true).length;
  if (primaries > 1) throw validationError([{ path: ['travelers'], message: 'At most one traveler can be primary' }]);
  const seen = new Set<string>();
  return input.map((t, k) => {
    if (findLive(db.travelers, t.travelerId) === undefined) {
      throw missingReference(`travelers.${k}.travelerId`, 'Traveler', t.travelerId);
    }
    if (seen.has(t.travelerId)) {
      throw validationError([{ path: ['travelers', k, 'travelerId'], message: 'Traveler listed twice' }]);
    }
    seen.add(t.travelerId);
    return {
      id: randomUUID(),
      bookingId,
      travelerId: t.travelerId,
      // The first traveler is primary unless the caller chose one.
      isPrimary: primaries === 0 ? k === 0 : t.isPrimary === true,
    };
  });
}

function commissionSummary(rows: readonly CommissionEntry[]): CommissionSummary {
  const bucket = () => ({ count: 0, grossCommissionCents: 0 });
  const byStatus: CommissionSummary['byStatus'] = {
    projected: bucket(), earned: bucket(), invoiced: bucket(), received: bucket(), split_paid: bucket(), final: bucket(),
  };
  const summary: CommissionSummary = {
    count: 0, totalBookingValueCents: 0, totalGrossCommissionCents: 0, totalNexionShareCents: 0,
    totalAgentNetCents: 0, byStatus,
  };
  for (const r of rows) {
    summary.count++;
    summary.totalBookingValueCents += r.bookingValueCents;
    summary.totalGrossCommissionCents += r.grossCommissionCents;
    summary.totalNexionShareCents += r.nexionShareCents;
    summary.totalAgentNetCents += r.agentNetCents;
    byStatus[r.status].count++;
    byStatus[r.status].grossCommissionCents += r.grossCommissionCents;
  }
  return summary;
}

const dateFrom: RowFilter<{ departureDate: string }> = (row, v) => typeof v === 'string' && row.departureDate >= v;
const dateTo: RowFilter<{ departureDate: string }> = (row, v) => typeof v === 'string' && row.departureDate <= v;

export function mountResources(app: SimApp, ctx: SimCtx): void {
  // Special routes first: Hono runs handlers in registration order, and these share a prefix
  // with `/:id` routes that would reject "summary" as a UUID.
  app.get(ttRoutes.commissionSummary, (c) => {
    const query = parseQuery(c, commissionSummaryQuerySchema);
    const { matched } = listRows(live(ctx.db().commissions), query, []);
    return respond(ctx, ttResponses.commissionSummary, { data: commissionSummary(matched) });
  });

  app.post(ttRoutes.commissionCalculate, async (c) => {
    const db = ctx.db();
    const input = await parseBody(c, calculateCommissionSchema);
    const booking = findLive(db.bookings, input.bookingId);
    if (booking === undefined) throw notFoundError('Booking', input.bookingId);
    const vendor = findLive(db.vendors, input.vendorId);
    if (vendor === undefined) throw notFoundError('Vendor', input.vendorId);
    const tripType: TripType | null =
      (booking.tripOfferingId ? db.trips.get(booking.tripOfferingId)?.tripType : undefined) ??
      (booking.clientTripId ? db.clientTrips.get(booking.clientTripId)?.tripType : undefined) ?? null;
    const day = today();
    // Most specific rule wins (matching trip type over "any"), then the best rate.
    const rule = [...db.vendorRules.values()]
      .filter((r) => r.vendorId === vendor.id)
      .filter((r) => r.tripType === null || r.tripType === tripType)
      .filter((r) => r.effectiveFrom <= day && (r.effectiveTo === null || r.effectiveTo >= day))
      .filter((r) => r.minBookingValueCents === null || r.minBookingValueCents <= input.bookingValueCents)
      .sort((a, b) => Number(b.tripType !== null) - Number(a.tripType !== null) || b.commissionPct - a.commissionPct)[0];
    const contract = [...db.vendorContracts.values()].find(
      (k) => k.vendorId === vendor.id && k.tripOfferingId !== null && k.tripOfferingId === booking.tripOfferingId,
    );
    const commissionPct = rule?.commissionPct ?? contract?.commissionPct ?? vendor.defaultCommissionPct;
    const bonusPct = rule?.bonusPct ?? 0;
    const gross = pctOf(input.bookingValueCents, commissionPct + bonusPct);
    const nexion = pctOf(gross, DEFAULT_NEXION_SPLIT_PCT);
    return respond(ctx, ttResponses.commissionCalculation, {
      data: {
        bookingId: booking.id,
        vendorId: vendor.id,
        bookingValueCents: input.bookingValueCents,
        tripType,
        rateSource: rule ? 'rule' : contract ? 'contract' : 'vendor_default',
        ruleId: rule?.id ?? null,
        commissionPct,
        bonusPct,
        grossCommissionCents: gross,
        nexionSplitPct: DEFAULT_NEXION_SPLIT_PCT,
        nexionShareCents: nexion,
        agentNetCents: gross - nexion,
      },
    });
  });

  app.get(R.commissions.path, (c) => {
    const query = parseQuery(c, commissionListQuerySchema);
    const { data, pagination, matched } = listRows(live(ctx.db().commissions), query, R.commissions.searchFields);
    return respond(ctx, ttResponses.commissionList, { data, pagination, summary: commissionSummary(matched) });
  });

  app.post(ttRoutes.bookingPayments, async (c) => {
    const db = ctx.db();
    const id = parseId(c);
    const input = await parseBody(c, createBookingPaymentSchema);
    const booking = findLive(db.bookings, id);
    if (booking === undefined) throw notFoundError('Booking', id);
    if (booking.status === 'cancelled' || booking.status === 'refunded') {
      throw conflictError(`Booking ${booking.bookingReference} is ${booking.status}; it takes no payments`);
    }
    const outstanding = booking.totalPriceCents - booking.amountPaidCents;
    if (input.amountCents > outstanding) {
      throw conflictError(`Payment of ${input.amountCents} cents exceeds the outstanding balance of ${outstanding} cents`);
    }
    const now = nowIso();
    const amountPaidCents = booking.amountPaidCents + input.amountCents;
    const payment = {
      ...fresh(),
      clientId: booking.clientId,
      bookingId: booking.id,
      amountCents: input.amountCents,
      paymentType: input.paymentType ?? (amountPaidCents >= booking.totalPriceCents ? 'final_payment' : booking.amountPaidCents === 0 ? 'deposit' : 'installment'),
      status: 'paid' as const,
      paymentMethod: input.paymentMethod,
      transactionId: input.transactionId ?? null,
      paidAt: now,
      notes: input.notes ?? null,
    };
    db.payments.set(payment.id, payment);
    const paymentStatus = paymentStatusOf({ ...booking, amountPaidCents, paymentStatus: 'pending' });
    db.bookings.set(booking.id, {
      ...booking,
      amountPaidCents,
      paymentStatus,
      status: booking.status === 'inquiry' || booking.status === 'quoted' || booking.status === 'hold' ? 'deposit_paid' : booking.status,
      updatedAt: now,
    });
    return respond(ctx, ttResponses.bookingPayment, { data: payment }, 201);
  });

  app.post(ttRoutes.groupMembers, async (c) => {
    const db = ctx.db();
    const id = parseId(c);
    const input = await parseBody(c, addGroupMemberSchema);
    const group = findLive(db.groups, id);
    if (group === undefined) throw notFoundError('Group', id);
    requireRef(db.contacts, input.contactId, 'contactId', 'Contact');
    const members = [...db.groupMembers.values()].filter((m) => m.groupId === id);
    if (members.some((m) => m.contactId === input.contactId)) throw conflictError('Contact is already a member of this group');
    if (['closed', 'traveling', 'completed', 'cancelled'].includes(group.status)) {
      throw conflictError(`Group is ${group.status}; it takes no new members`);
    }
    if (members.length >= group.maxGuests) throw conflictError(`Group is full (${group.maxGuests} guests)`);
    const now = nowIso();
    const member = {
      id: randomUUID(),
      groupId: id,
      contactId: input.contactId,
      role: input.role ?? 'member',
      depositPaid: input.depositPaid ?? false,
      depositPaidAt: input.depositPaid ? now : null,
      joinedAt: now,
    };
    db.groupMembers.set(member.id, member);
    const memberCount = members.length + 1;
    db.groups.set(id, {
      ...group,
      memberCount,
      status: group.status === 'open' && memberCount >= group.minGuests ? 'minimum_reached' : group.status,
      updatedAt: now,
    });
    return respond(ctx, ttResponses.groupMember, { data: member }, 201);
  });

  app.get(ttRoutes.topOpportunities, (c) => {
    const db = ctx.db();
    const { limit } = parseQuery(c, topOpportunitiesQuerySchema);
    const day = today();
    const offerings = live(db.trips).filter((t) => t.isPublished && t.departureDate > day && t.spotsBooked < t.capacity);
    const out: TopOpportunity[] = [];
    for (const client of live(db.clients)) {
      if (client.status !== 'active' && client.status !== 'vip') continue;
      const pastTypes = new Set(live(db.clientTrips).filter((t) => t.clientId === client.id).map((t) => t.tripType));
      const styleTypes = TRIP_TYPES_FOR_STYLE[client.travelStyle ?? ''] ?? [];
      for (const offering of offerings) {
        const reasons: string[] = [];
        let score = 20;
        if (styleTypes.includes(offering.tripType)) { score += 30; reasons.push(`Matches ${client.travelStyle} travel style`); }
        if (pastTypes.has(offering.tripType)) { score += 20; reasons.push('Has travelled this trip type before'); }
        if (client.status === 'vip') { score += 15; reasons.push('VIP client'); }
        score += Math.round((100 - client.churnRiskScore) / 10);
        if (reasons.length === 0) continue;
        const destination = offering.destinationId ? db.destinations.get(offering.destinationId)?.name : undefined;
        out.push({
          clientId: client.id,
          clientName: client.displayName,
          tripOfferingId: offering.id,
          tripName: offering.name,
          destination: destination ?? offering.name,
          departureDate: offering.departureDate,
          score: Math.min(100, score),
          estimatedValueCents: offering.priceFromCents * (client.clientType === 'family' ? 3 : client.clientType === 'group' ? 6 : 1),
          reasons,
        });
      }
    }
    out.sort((a, b) => b.score - a.score || b.estimatedValueCents - a.estimatedValueCents || (a.clientId < b.clientId ? -1 : 1));
    return respond(ctx, ttResponses.topOpportunities, { data: out.slice(0, limit), generatedAt: nowIso() });
  });

  // --- CRM ------------------------------------------------------------------------------------
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

  // --- Clients and travelers ------------------------------------------------------------------
  mountResource(app, ctx, {
    def: R.clients,
    table: (db: SimDb) => db.clients,
    detail: (row, db) => ({
      ...row,
      addresses: live(db.clientAddresses).filter((a) => a.clientId === row.id),
      familyGroups: live(db.familyGroups).filter((g) => g.primaryClientId === row.id || g.memberClientIds.includes(row.id)),
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
      if (email !== undefined && live(db.clients).some((c) => c.id !== row.id && c.email.toLowerCase() === email.toLowerCase())) {
        throw conflictError(`A client with email ${email} already exists`);
      }
      return { ...row, ...input };
    },
  });

  const clearOtherPrimaryAddresses = (db: SimDb, clientId: string, keepId: string) => {
    for (const a of db.clientAddresses.values()) {
      if (a.clientId === clientId && a.id !== keepId && a.isPrimary) db.clientAddresses.set(a.id, { ...a, isPrimary: false });
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
    filters: { clientId: (g, v) => g.primaryClientId === v || (typeof v === 'string' && g.memberClientIds.includes(v)) },
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
      if (live(db.loyaltyPrograms).some((p) => p.programName === input.programName && p.membershipNumber === input.membershipNumber)) {
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

  const savePreferences = (db: SimDb, travelerId: string, prefs: NonNullable<Parameters<typeof mergePreferences>[1]>) => {
    db.travelerPreferences.set(travelerId, mergePreferences(travelerId, prefs));
  };
  mountResource(app, ctx, {
    def: R.travelers,
    table: (db: SimDb) => db.travelers,
    filters: {
      passportExpiresBefore: (t, v) => typeof v === 'string' && t.passportExpiryDate !== null && t.passportExpiryDate <= v,
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

  // --- Catalogue, trips, bookings, groups -----------------------------------------------------
  mountResource(app, ctx, { def: R.destinations, table: (db: SimDb) => db.destinations });

  const replaceLegs = (db: SimDb, tripId: string, legs: ReadonlyArray<{
    dayNumber: number; portOrLocation: string; description?: string | null | undefined;
    arrivalTime?: string | null | undefined; departureTime?: string | null | undefined;
  }>) => {
    for (const leg of [...db.itineraryLegs.values()]) if (leg.tripOfferingId === tripId) db.itineraryLegs.delete(leg.id);
    for (const leg of legs) {
      const id = randomUUID();
      db.itineraryLegs.set(id, {
        id,
        tripOfferingId: tripId,
        dayNumber: leg.dayNumber,
        portOrLocation: leg.portOrLocation,
        description: leg.description ?? null,
        arrivalTime: leg.arrivalTime ?? null,
        departureTime: leg.departureTime ?? null,
      });
    }
  };
  const checkDates = (from: string, to: string, field: string) => {
    if (to < from) throw validationError([{ path: [field], message: 'Must not be before the start date' }]);
  };
  mountResource(app, ctx, {
    def: R.trips,
    table: (db: SimDb) => db.trips,
    filters: { departureFrom: dateFrom, departureTo: dateTo },
    detail: (row, db) => ({
      ...row,
      itineraryLegs: [...db.itineraryLegs.values()]
        .filter((l) => l.tripOfferingId === row.id)
        .sort((a, b) => a.dayNumber - b.dayNumber),
    }),
    create: (input, db) => {
      requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      checkDates(input.departureDate, input.returnDate, 'returnDate');
      const row = {
        ...fresh(),
        name: input.name,
        slug: uniqueSlug(db.trips, input.slug ?? slugify(input.name), null),
        tripType: input.tripType,
        vendorId: input.vendorId ?? null,
        destinationId: input.destinationId ?? null,
        description: input.description ?? null,
        departureDate: input.departureDate,
        returnDate: input.returnDate,
        priceFromCents: input.priceFromCents,
        capacity: input.capacity,
        spotsBooked: 0,
        shipName: input.shipName ?? null,
        isPublished: input.isPublished ?? false,
      };
      replaceLegs(db, row.id, input.itineraryLegs ?? []);
      return row;
    },
    update: (row, input, db) => {
      requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      if (input.slug !== undefined) uniqueSlug(db.trips, input.slug, row.id);
      const { itineraryLegs, ...fields } = input;
      const next = { ...row, ...fields };
      checkDates(next.departureDate, next.returnDate, 'returnDate');
      if (next.capacity < next.spotsBooked) throw conflictError(`Capacity cannot go below the ${next.spotsBooked} spots already booked`);
      if (itineraryLegs !== undefined) replaceLegs(db, row.id, itineraryLegs);
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.clientTrips,
    table: (db: SimDb) => db.clientTrips,
    filters: {
      travelerId: (t, v) => typeof v === 'string' && t.travelerIds.includes(v),
      travelerIds: (t, v) => Array.isArray(v) && t.travelerIds.some((id) => v.includes(id)),
    },
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      (input.travelerIds ?? []).forEach((id, k) => requireRef(db.travelers, id, `travelerIds.${k}`, 'Traveler'));
      return {
        ...fresh(),
        clientId: input.clientId,
        tripOfferingId: input.tripOfferingId ?? null,
        name: input.name,
        tripType: input.tripType,
        status: input.status ?? 'inquiry',
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        totalCostCents: input.totalCostCents ?? 0,
        travelerIds: input.travelerIds ?? [],
        itineraryItems: (input.itineraryItems ?? []).map((i) => ({
          day: i.day, title: i.title, description: i.description ?? null, location: i.location ?? null,
        })),
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      (input.travelerIds ?? []).forEach((id, k) => requireRef(db.travelers, id, `travelerIds.${k}`, 'Traveler'));
      const { itineraryItems, ...fields } = input;
      return {
        ...row,
        ...fields,
        ...(itineraryItems === undefined ? {} : {
          itineraryItems: itineraryItems.map((i) => ({
            day: i.day, title: i.title, description: i.description ?? null, location: i.location ?? null,
          })),
        }),
      };
    },
  });

  const referenceTaken = (db: SimDb, ref: string, exceptId: string | null) =>
    live(db.bookings).some((b) => b.bookingReference === ref && b.id !== exceptId);
  const checkBookingRefs = (db: SimDb, input: {
    dealId?: string | null | undefined; clientId?: string | null | undefined; clientTripId?: string | null | undefined;
    tripOfferingId?: string | null | undefined; vendorId?: string | null | undefined;
  }) => {
    requireRef(db.deals, input.dealId, 'dealId', 'Deal');
    requireRef(db.clients, input.clientId, 'clientId', 'Client');
    requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
    requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
    requireRef(db.vendors, input.vendorId, 'vendorId', 'Vendor');
  };
  mountResource(app, ctx, {
    def: R.bookings,
    table: (db: SimDb) => db.bookings,
    filters: {
      departureFrom: dateFrom,
      departureTo: dateTo,
      travelerId: (b, v) => b.travelers.some((t) => t.travelerId === v),
      travelerIds: (b, v) => Array.isArray(v) && b.travelers.some((t) => v.includes(t.travelerId)),
    },
    create: (input, db) => {
      checkBookingRefs(db, input);
      const base = fresh();
      const year = base.createdAt.slice(0, 4);
      let reference = input.bookingReference;
      if (reference !== undefined && referenceTaken(db, reference, null)) {
        throw conflictError(`Booking reference ${reference} already exists`);
      }
      for (let n = db.bookings.size + 10001; reference === undefined; n++) {
        const candidate = `TT-${year}-${n}`;
        if (!referenceTaken(db, candidate, null)) reference = candidate;
      }
      return {
        ...base,
        bookingReference: reference,
        dealId: input.dealId ?? null,
        clientId: input.clientId ?? null,
        clientTripId: input.clientTripId ?? null,
        tripOfferingId: input.tripOfferingId ?? null,
        vendorId: input.vendorId ?? null,
        status: input.status ?? 'inquiry',
        destination: input.destination,
        departureDate: input.departureDate,
        returnDate: input.returnDate ?? null,
        totalPriceCents: input.totalPriceCents,
        amountPaidCents: 0,
        paymentStatus: 'pending' as const,
        vendorConfirmationNumber: input.vendorConfirmationNumber ?? null,
        confirmedAt: input.status === 'confirmed' ? base.createdAt : null,
        notes: input.notes ?? null,
        travelers: bookingTravelers(db, base.id, input.travelers ?? []),
      };
    },
    update: (row, input, db) => {
      checkBookingRefs(db, input);
      if (input.bookingReference !== undefined && referenceTaken(db, input.bookingReference, row.id)) {
        throw conflictError(`Booking reference ${input.bookingReference} already exists`);
      }
      const { travelers, ...fields } = input;
      const next = { ...row, ...fields };
      if (travelers !== undefined) next.travelers = bookingTravelers(db, row.id, travelers);
      if (input.status === 'confirmed' && row.confirmedAt === null) next.confirmedAt = nowIso();
      if (input.status === 'refunded') next.paymentStatus = 'refunded';
      next.paymentStatus = paymentStatusOf(next);
      return next;
    },
  });

  const checkGuests = (minGuests: number, maxGuests: number) => {
    if (maxGuests < minGuests) throw validationError([{ path: ['maxGuests'], message: 'Must be at least minGuests' }]);
  };
  mountResource(app, ctx, {
    def: R.groups,
    table: (db: SimDb) => db.groups,
    detail: (row, db) => ({
      ...row,
      members: [...db.groupMembers.values()].filter((m) => m.groupId === row.id),
      milestones: [...db.groupMilestones.values()]
        .filter((m) => m.groupId === row.id)
        .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0)),
    }),
    create: (input, db) => {
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      requireRef(db.contacts, input.organizerContactId, 'organizerContactId', 'Contact');
      checkGuests(input.minGuests, input.maxGuests);
      return {
        ...fresh(),
        name: input.name,
        slug: uniqueSlug(db.groups, input.slug ?? slugify(input.name), null),
        status: input.status ?? 'planning',
        tripType: input.tripType ?? null,
        tripOfferingId: input.tripOfferingId ?? null,
        organizerContactId: input.organizerContactId ?? null,
        destination: input.destination,
        departureDate: input.departureDate,
        returnDate: input.returnDate ?? null,
        minGuests: input.minGuests,
        maxGuests: input.maxGuests,
        pricePerPersonCents: input.pricePerPersonCents,
        depositPerPersonCents: input.depositPerPersonCents ?? 0,
        memberCount: 0,
      };
    },
    update: (row, input, db) => {
      requireRef(db.trips, input.tripOfferingId, 'tripOfferingId', 'TripOffering');
      requireRef(db.contacts, input.organizerContactId, 'organizerContactId', 'Contact');
      if (input.slug !== undefined) uniqueSlug(db.groups, input.slug, row.id);
      const next = { ...row, ...input };
      checkGuests(next.minGuests, next.maxGuests);
      if (next.maxGuests < next.memberCount) throw conflictError(`maxGuests cannot go below the ${next.memberCount} current members`);
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.travelAlerts,
    table: (db: SimDb) => db.travelAlerts,
    create: (input, db) => {
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      return {
        ...fresh(),
        destinationId: input.destinationId ?? null,
        country: input.country ?? null,
        alertType: input.alertType,
        severity: input.severity,
        title: input.title,
        description: input.description,
        source: input.source ?? null,
        startsAt: input.startsAt ?? nowIso(),
        endsAt: input.endsAt ?? null,
        isActive: input.isActive ?? true,
      };
    },
    update: (row, input, db) => {
      requireRef(db.destinations, input.destinationId, 'destinationId', 'Destination');
      return { ...row, ...input };
    },
  });

  mountResource(app, ctx, {
    def: R.satisfaction,
    table: (db: SimDb) => db.satisfaction,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
      if (input.scoreType !== 'nps' && input.score > 5) {
        throw validationError([{ path: ['score'], message: `${input.scoreType} scores run from 1 to 5` }]);
      }
      const base = fresh();
      return {
        ...base,
        clientId: input.clientId,
        bookingId: input.bookingId ?? null,
        clientTripId: input.clientTripId ?? null,
        scoreType: input.scoreType,
        score: input.score,
        feedback: input.feedback ?? null,
        wouldRecommend: input.wouldRecommend ?? null,
        submittedAt: base.createdAt,
      };
    },
  });

  // --- Finance ---------------------------------------------------------------------------------
  mountResource(app, ctx, {
    def: R.payments,
    table: (db: SimDb) => db.payments,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      return {
        ...fresh(),
        clientId: input.clientId ?? null,
        bookingId: input.bookingId ?? null,
        amountCents: input.amountCents,
        paymentType: input.paymentType,
        status: input.status ?? 'pending',
        paymentMethod: input.paymentMethod ?? null,
        transactionId: input.transactionId ?? null,
        paidAt: input.paidAt ?? (input.status === 'paid' ? nowIso() : null),
        notes: input.notes ?? null,
      };
    },
    update: (row, input) => ({
      ...row,
      ...input,
      paidAt: input.paidAt !== undefined ? input.paidAt : input.status === 'paid' && row.paidAt === null ? nowIso() : row.paidAt,
    }),
  });

  mountResource(app, ctx, {
    def: R.paymentSchedules,
    table: (db: SimDb) => db.paymentSchedules,
    filters: {
      dueBefore: (s, v) => typeof v === 'string' && s.dueDate <= v,
      dueAfter: (s, v) => typeof v === 'string' && s.dueDate >= v,
    },
    create: (input, db) => {
      requireRef(db.clientTrips, input.clientTripId, 'clientTripId', 'ClientTrip');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      if (input.bookingId == null && input.clientTripId == null) {
        throw validationError([{ path: ['bookingId'], message: 'A schedule belongs to a booking or a client trip' }]);
      }
      const clash = live(db.paymentSchedules).some((s) =>
        s.installmentNumber === input.installmentNumber &&
        ((input.bookingId != null && s.bookingId === input.bookingId) ||
          (input.bookingId == null && input.clientTripId != null && s.clientTripId === input.clientTripId)));
      if (clash) throw conflictError(`Installment ${input.installmentNumber} is already scheduled`);
      return {
        ...fresh(),
        clientTripId: input.clientTripId ?? null,
        bookingId: input.bookingId ?? null,
        clientId: input.clientId ?? null,
        installmentNumber: input.installmentNumber,
        amountCents: input.amountCents,
        dueDate: input.dueDate,
        status: input.status ?? (input.dueDate < today() ? 'overdue' : 'upcoming'),
        paidAt: null,
        paymentId: null,
        reminderCount: 0,
        lastReminderSentAt: null,
        nextReminderAt: input.nextReminderAt ?? null,
      };
    },
    update: (row, input, db) => {
      requireRef(db.payments, input.paymentId, 'paymentId', 'Payment');
      const next = { ...row, ...input };
      if (input.status === 'paid' && next.paidAt === null) next.paidAt = nowIso();
      return next;
    },
  });

  const lineItems = (items: ReadonlyArray<{ description: string; quantity: number; unitPriceCents: number }>) =>
    items.map((li) => ({ ...li, totalCents: li.quantity * li.unitPriceCents }));
  mountResource(app, ctx, {
    def: R.invoices,
    table: (db: SimDb) => db.invoices,
    create: (input, db) => {
      requireRef(db.clients, input.clientId, 'clientId', 'Client');
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      const base = fresh();
      const taken = (n: string) => live(db.invoices).some((i) => i.invoiceNumber === n);
      let invoiceNumber = input.invoiceNumber;
      if (invoiceNumber !== undefined && taken(invoiceNumber)) throw conflictError(`Invoice ${invoiceNumber} already exists`);
      for (let n = db.invoices.size + 1001; invoiceNumber === undefined; n++) {
        const candidate = `INV-${base.createdAt.slice(0, 4)}-${n}`;
        if (!taken(candidate)) invoiceNumber = candidate;
      }
      const items = lineItems(input.lineItems);
      const subtotal = items.reduce((s, li) => s + li.totalCents, 0);
      const tax = input.taxCents ?? 0;
      const status = input.status ?? 'draft';
      return {
        ...base,
        invoiceNumber,
        clientId: input.clientId,
        bookingId: input.bookingId ?? null,
        status,
        currency: 'USD',
        issueDate: input.issueDate ?? base.createdAt.slice(0, 10),
        dueDate: input.dueDate,
        lineItems: items,
        subtotalCents: subtotal,
        taxCents: tax,
        totalCents: subtotal + tax,
        amountPaidCents: 0,
        sentToEmail: input.sentToEmail ?? null,
        sentAt: status === 'sent' ? base.createdAt : null,
        viewedAt: null,
        deliveryStatus: status === 'sent' ? 'sent' as const : null,
        deliveryAttempts: status === 'sent' ? 1 : 0,
        notes: input.notes ?? null,
      };
    },
    update: (row, input, db) => {
      if (row.status === 'void') throw conflictError(`Invoice ${row.invoiceNumber} is void and cannot change`);
      requireRef(db.bookings, input.bookingId, 'bookingId', 'Booking');
      const { lineItems: newItems, ...fields } = input;
      const next = { ...row, ...fields };
      if (newItems !== undefined) next.lineItems = lineItems(newItems);
      next.subtotalCents = next.lineItems.reduce((s, li) => s + li.totalCents, 0);
      next.totalCents = next.subtotalCents + next.taxCents;
      if (next.amountPaidCents > next.totalCents) {
        throw validationError([{ path: ['amountPaidCents'], message: 'Cannot exceed the invoice total' }]);
      }
      if (input.status === 'sent' && row.sentAt === null) {
        next.sentAt = nowIso();
        next.deliveryAttempts = row.deliveryAttempts + 1;
        next.deliveryStatus = next.deliveryStatus ?? 'sent';
      }
      if (input.status === 'viewed' && row.viewedAt === null) next.viewedAt = nowIso();
      return next;
    },
  });

  // GET :id and PATCH; the list (with summary) is registered above.
  mountResource(app, ctx, {
    def: { ...R.commissions, ops: ['get', 'update'] },
    table: (db: SimDb) => db.commissions,
    update: (row, input) => {
      if (input.status !== undefined && commissionStatuses.indexOf(input.status) < commissionStatuses.indexOf(row.status)) {
        throw conflictError(`Commission status cannot move back from ${row.status} to ${input.status}`);
      }
      const next = { ...row, ...input };
      next.nexionShareCents = pctOf(next.grossCommissionCents, next.nexionSplitPct);
      next.agentNetCents = next.grossCommissionCents - next.nexionShareCents;
      if (input.status === 'received' && next.receivedAt === null) next.receivedAt = nowIso();
      return next;
    },
  });

  mountResource(app, ctx, {
    def: R.vendors,
    table: (db: SimDb) => db.vendors,
    detail: (row, db) => ({
      ...row,
      commissionRules: [...db.vendorRules.values()].filter((r) => r.vendorId === row.id),
      contracts: [...db.vendorContracts.values()].filter((k) => k.vendorId === row.id),
    }),
    create: (input, db) => ({
      ...fresh(),
      name: input.name,
      slug: uniqueSlug(db.vendors, input.slug ?? slugify(input.name), null),
      vendorType: input.vendorType,
      tier: input.tier ?? 'standard',
      defaultCommissionPct: input.defaultCommissionPct,
      contactEmail: input.contactEmail ?? null,
      contactPhone: input.contactPhone ?? null,
      website: input.website ?? null,
      isActive: input.isActive ?? true,
      notes: input.notes ?? null,
    }),
    update: (row, input, db) => {
      if (input.slug !== undefined) uniqueSlug(db.vendors, input.slug, row.id);
      return { ...row, ...input };
    },
  });

  // Keep the stage list referenced so a new stage added to the contract gets a probability.
  for (const stage of dealStages) if (STAGE_PROBABILITY[stage] === undefined) throw new Error(`no probability for ${stage}`);
}

function mergePreferences(
  travelerId: string,
  p: {
    cabinClass?: string | null | undefined; seatPreference?: string | null | undefined;
    dietaryRestrictions?: string[] | undefined; preferredAirlines?: string[] | undefined;
    hotelPreferences?: string | null | undefined; specialRequests?: string | null | undefined;
  },
) {
  return {
    travelerId,
    cabinClass: p.cabinClass ?? null,
    seatPreference: p.seatPreference ?? null,
    dietaryRestrictions: p.dietaryRestrictions ?? [],
    preferredAirlines: p.preferredAirlines ?? [],
    hotelPreferences: p.hotelPreferences ?? null,
    specialRequests: p.specialRequests ?? null,
    updatedAt: nowIso(),
  };
}
