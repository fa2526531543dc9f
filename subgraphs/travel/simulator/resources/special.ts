/** TT-API simulator: Routes that are not plain CRUD (commission summary and calculator, the commission list with its summary,. */
import { randomUUID } from 'node:crypto';
import {
  addGroupMemberSchema,
  calculateCommissionSchema,
  commissionListQuerySchema,
  commissionSummaryQuerySchema,
  createBookingPaymentSchema,
  topOpportunitiesQuerySchema,
  ttResponses,
  ttRoutes,
} from '../../src/tt-api/contract.ts';
import type { TopOpportunity, TripType } from '../../src/tt-api/contract.ts';
import { findLive, live } from '../db.ts';
import { DEFAULT_NEXION_SPLIT_PCT, TRIP_TYPES_FOR_STYLE } from '../demo-data.ts';
import { listRows, nowIso, parseBody, parseId, parseQuery, respond } from '../crud.ts';
import type { SimApp, SimCtx } from '../crud.ts';
import { conflictError, notFoundError } from '../http-errors.ts';
import { commissionSummary, fresh, paymentStatusOf, pctOf, R, requireRef, today } from './shared.ts';

/**
 * Routes that are not plain CRUD (commission summary and calculator, the commission list with its summary,
 * booking payments, group members, the intelligence feed). Mounted first: Hono runs handlers in
 * registration order, and these share a prefix with `/:id` routes that would reject "summary" as a UUID.
 */
export function mountSpecialRoutes(app: SimApp, ctx: SimCtx): void {
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
      (booking.clientTripId ? db.clientTrips.get(booking.clientTripId)?.tripType : undefined) ??
      null;
    const day = today();
    // Most specific rule wins (matching trip type over "any"), then the best rate.
    const rule = [...db.vendorRules.values()]
      .filter((r) => r.vendorId === vendor.id)
      .filter((r) => r.tripType === null || r.tripType === tripType)
      .filter((r) => r.effectiveFrom <= day && (r.effectiveTo === null || r.effectiveTo >= day))
      .filter((r) => r.minBookingValueCents === null || r.minBookingValueCents <= input.bookingValueCents)
      .sort(
        (a, b) => Number(b.tripType !== null) - Number(a.tripType !== null) || b.commissionPct - a.commissionPct,
      )[0];
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
      throw conflictError(
        `Payment of ${input.amountCents} cents exceeds the outstanding balance of ${outstanding} cents`,
      );
    }
    const now = nowIso();
    const amountPaidCents = booking.amountPaidCents + input.amountCents;
    const payment = {
      ...fresh(),
      clientId: booking.clientId,
      bookingId: booking.id,
      amountCents: input.amountCents,
      paymentType:
        input.paymentType ??
        (amountPaidCents >= booking.totalPriceCents
          ? 'final_payment'
          : booking.amountPaidCents === 0
            ? 'deposit'
            : 'installment'),
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
      status:
        booking.status === 'inquiry' || booking.status === 'quoted' || booking.status === 'hold'
          ? 'deposit_paid'
          : booking.status,
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
    if (members.some((m) => m.contactId === input.contactId))
      throw conflictError('Contact is already a member of this group');
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
    const offerings = live(db.trips).filter(
      (t) => t.isPublished && t.departureDate > day && t.spotsBooked < t.capacity,
    );
    const out: TopOpportunity[] = [];
    for (const client of live(db.clients)) {
      if (client.status !== 'active' && client.status !== 'vip') continue;
      const pastTypes = new Set(
        live(db.clientTrips)
          .filter((t) => t.clientId === client.id)
          .map((t) => t.tripType),
      );
      const styleTypes = TRIP_TYPES_FOR_STYLE[client.travelStyle ?? ''] ?? [];
      for (const offering of offerings) {
        const reasons: string[] = [];
        let score = 20;
        if (styleTypes.includes(offering.tripType)) {
          score += 30;
          reasons.push(`Matches ${client.travelStyle} travel style`);
        }
        if (pastTypes.has(offering.tripType)) {
          score += 20;
          reasons.push('Has travelled this trip type before');
        }
        if (client.status === 'vip') {
          score += 15;
          reasons.push('VIP client');
        }
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
          estimatedValueCents:
            offering.priceFromCents * (client.clientType === 'family' ? 3 : client.clientType === 'group' ? 6 : 1),
          reasons,
        });
      }
    }
    out.sort(
      (a, b) =>
        b.score - a.score || b.estimatedValueCents - a.estimatedValueCents || (a.clientId < b.clientId ? -1 : 1),
    );
    return respond(ctx, ttResponses.topOpportunities, { data: out.slice(0, limit), generatedAt: nowIso() });
  });
}
