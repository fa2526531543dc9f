/**
 * Contract tests: the TT-API client against the in-process simulator. Every resource is read,
 * writes go through where TT-API offers them, and upstream errors arrive as Nexus errors.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  alertSeverities, bookingStatuses, commissionStatuses, groupStatuses, invoiceStatuses,
} from '../../../subgraphs/travel/src/tt-api/contract.ts';
import type { TtApiClient } from '../../../subgraphs/travel/src/tt-api/client.ts';
import { demoLinks, startSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import type { RunningSimulator } from '../../../subgraphs/travel/simulator/index.ts';
import { MISSING_ID, expectNexusError, makeClient } from './support.ts';

let sim: RunningSimulator;
let client: TtApiClient;

const DAY_MS = 86_400_000;
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  sim = await startSimulator({ port: 0, apiKeys: ['contract-key'] });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  await sim.control.reset();
  client = makeClient(sim).client;
});

const firstClient = () => {
  const c = demoLinks.clients[0];
  if (!c) throw new Error('demo data has no clients');
  return c;
};

describe('reads of every resource', () => {
  it('answers the health check', async () => {
    expect(await client.health()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'not_configured' } });
  });

  it('reads companies, contacts and deals with their stage history', async () => {
    const companies = await client.listCompanies({ limit: 100 });
    expect(companies.pagination.total).toBe(demoLinks.companies.length);
    const company = await client.getCompany(demoLinks.companies[0]?.id ?? MISSING_ID);
    expect(company.name).toBe(demoLinks.companies[0]?.name);

    const contacts = await client.listContacts({ companyId: company.id });
    expect(contacts.data.length).toBe(3);
    expect(contacts.data.every((c) => c.companyId === company.id)).toBe(true);
    const contact = await client.getContact(contacts.data[0]?.id ?? MISSING_ID);
    expect(contact.email).toMatch(/@/);

    const deals = await client.listDeals({ limit: 100 });
    expect(deals.pagination.total).toBe(demoLinks.deals.length);
    for (const d of deals.data.slice(0, 6)) {
      const deal = await client.getDeal(d.id);
      expect(deal.stageHistory.length).toBeGreaterThan(0);
      expect(deal.stageHistory[0]?.fromStage).toBeNull();
      expect(deal.stageHistory.at(-1)?.toStage).toBe(deal.stage);
    }
  });

  it('reads clients with addresses and family groups, and the client sub-resources', async () => {
    const clients = await client.listClients({ limit: 100 });
    expect(clients.pagination.total).toBe(40);
    const detail = await client.getClient(firstClient().id);
    expect(detail.email).toBe(firstClient().email);
    expect(detail.addresses.length).toBeGreaterThan(0);
    expect(detail.addresses.every((a) => a.clientId === detail.id)).toBe(true);

    const addresses = await client.listClientAddresses({ clientId: detail.id });
    expect(addresses.data.map((a) => a.id).sort()).toEqual(detail.addresses.map((a) => a.id).sort());

    const groups = await client.listFamilyGroups();
    expect(groups.data.length).toBeGreaterThan(0);
    const group = await client.getFamilyGroup(groups.data[0]?.id ?? MISSING_ID);
    expect(group.memberClientIds).toContain(group.primaryClientId);
    const primary = await client.getClient(group.primaryClientId);
    expect(primary.familyGroups.map((g) => g.id)).toContain(group.id);
  });

  it('reads travelers with documents, preferences, emergency contacts and loyalty programs', async () => {
    const travelers = await client.listTravelers({ limit: 100 });
    expect(travelers.pagination.total).toBe(60);
    const withAll = [];
    for (const t of travelers.data.slice(0, 12)) {
      const d = await client.getTraveler(t.id);
      expect(d.documents.every((doc) => doc.travelerId === t.id)).toBe(true);
      if (d.documents.length && d.preferences && d.emergencyContacts.length && d.loyaltyPrograms.length) withAll.push(d);
    }
    expect(withAll.length).toBeGreaterThan(0);
    const t = withAll[0];
    if (!t) throw new Error('unreachable');
    expect((await client.listEmergencyContacts({ travelerId: t.id })).data.map((e) => e.id)).toEqual(
      t.emergencyContacts.map((e) => e.id),
    );
    expect((await client.listLoyaltyPrograms({ travelerId: t.id })).data.map((p) => p.id)).toEqual(
      t.loyaltyPrograms.map((p) => p.id),
    );
  });

  it('has passports already expired and expiring within 30, 90 and 180 days', async () => {
    const within = async (days: number) =>
      (await client.listTravelers({ passportExpiresBefore: isoDay(days), limit: 100 })).data;
    const expired = await within(-1);
    const in30 = await within(30);
    const in90 = await within(90);
    const in180 = await within(180);
    expect(expired.length).toBeGreaterThan(0);
    expect(in30.length).toBeGreaterThan(expired.length);
    expect(in90.length).toBeGreaterThan(in30.length);
    expect(in180.length).toBeGreaterThan(in90.length);
    expect(in30.every((t) => t.passportExpiryDate !== null && t.passportExpiryDate <= isoDay(30))).toBe(true);
    const noPassport = await client.listTravelers({ hasPassport: false });
    expect(noPassport.data.length).toBeGreaterThan(0);
    expect(noPassport.data.every((t) => t.passportNumber === null)).toBe(true);
  });

  it('reads destinations, trip offerings with itinerary legs and client trips', async () => {
    const destinations = await client.listDestinations({ sortBy: 'name', sortOrder: 'asc' });
    expect(destinations.data.length).toBeGreaterThan(0);
    const destination = await client.getDestination(destinations.data[0]?.id ?? MISSING_ID);
    expect(destination.safetyRating).toBeGreaterThanOrEqual(1);

    const trips = await client.listTripOfferings({ limit: 100 });
    expect(new Set(trips.data.map((t) => t.tripType)).size).toBe(10);
    const trip = await client.getTripOffering(trips.data[0]?.id ?? MISSING_ID);
    expect(trip.itineraryLegs.length).toBeGreaterThan(0);
    expect(trip.itineraryLegs.map((l) => l.dayNumber)).toEqual([...trip.itineraryLegs.map((l) => l.dayNumber)].sort((a, b) => a - b));

    const clientTrips = await client.listClientTrips({ clientId: firstClient().id });
    expect(clientTrips.data.length).toBeGreaterThan(0);
    const ct = await client.getClientTrip(clientTrips.data[0]?.id ?? MISSING_ID);
    expect(ct.clientId).toBe(firstClient().id);
  });

  it('reads bookings in every status, each with exactly one primary traveler', async () => {
    for (const status of bookingStatuses) {
      const page = await client.listBookings({ status });
      expect(page.pagination.total, status).toBeGreaterThan(0);
      expect(page.data.every((b) => b.status === status)).toBe(true);
    }
    const list = await client.listBookings({ limit: 100 });
    const booking = await client.getBooking(list.data[0]?.id ?? MISSING_ID);
    expect(booking.travelers.filter((t) => t.isPrimary)).toHaveLength(1);
    expect(Number.isInteger(booking.totalPriceCents)).toBe(true);
  });

  it('reads payments, payment schedules with overdue installments, and invoices in every status', async () => {
    const payments = await client.listPayments({ limit: 100 });
    expect(payments.data.length).toBeGreaterThan(0);
    expect((await client.getPayment(payments.data[0]?.id ?? MISSING_ID)).amountCents).toBeGreaterThan(0);

    const overdue = await client.listPaymentSchedules({ status: 'overdue', limit: 100 });
    expect(overdue.data.length).toBeGreaterThan(0);
    expect(overdue.data.every((s) => s.dueDate < isoDay(0))).toBe(true);
    expect(overdue.data.some((s) => s.reminderCount > 0 && s.lastReminderSentAt !== null)).toBe(true);
    const schedule = await client.getPaymentSchedule(overdue.data[0]?.id ?? MISSING_ID);
    expect(schedule.installmentNumber).toBeGreaterThanOrEqual(1);

    for (const status of invoiceStatuses) {
      const page = await client.listInvoices({ status });
      expect(page.pagination.total, status).toBeGreaterThan(0);
    }
    const invoice = await client.getInvoice((await client.listInvoices()).data[0]?.id ?? MISSING_ID);
    expect(invoice.totalCents).toBe(invoice.subtotalCents + invoice.taxCents);
    expect(invoice.subtotalCents).toBe(invoice.lineItems.reduce((s, li) => s + li.totalCents, 0));
  });

  it('reads commissions with the paginated summary and the summary route', async () => {
    const page = await client.listCommissions({ limit: 4 });
    expect(page.data).toHaveLength(4);
    expect(page.summary.count).toBe(page.pagination.total);
    for (const status of commissionStatuses) expect(page.summary.byStatus[status].count, status).toBeGreaterThan(0);

    const summary = await client.getCommissionSummary();
    expect(summary).toEqual(page.summary);
    const received = await client.getCommissionSummary({ status: 'received' });
    expect(received.count).toBe(page.summary.byStatus.received.count);
    expect(received.totalGrossCommissionCents).toBe(page.summary.byStatus.received.grossCommissionCents);

    const entry = await client.getCommission(page.data[0]?.id ?? MISSING_ID);
    expect(entry.nexionShareCents + entry.agentNetCents).toBe(entry.grossCommissionCents);
  });

  it('reads vendors with commission rules and contracts', async () => {
    const vendors = await client.listVendors({ sortBy: 'name', sortOrder: 'asc' });
    expect(vendors.data.length).toBe(8);
    const vendor = await client.getVendor(vendors.data[0]?.id ?? MISSING_ID);
    expect(vendor.commissionRules.length).toBeGreaterThan(0);
    expect(vendor.contracts.length).toBeGreaterThan(0);
  });

  it('reads groups in every status with members and milestones', async () => {
    for (const status of groupStatuses) {
      expect((await client.listGroups({ status })).pagination.total, status).toBe(1);
    }
    const open = (await client.listGroups({ status: 'confirmed' })).data[0];
    const group = await client.getGroup(open?.id ?? MISSING_ID);
    expect(group.members.length).toBe(group.memberCount);
    expect(group.milestones.length).toBeGreaterThanOrEqual(3);
  });

  it('reads travel alerts of every severity, satisfaction scores and top opportunities', async () => {
    for (const severity of alertSeverities) {
      expect((await client.listTravelAlerts({ severity })).pagination.total, severity).toBeGreaterThan(0);
    }
    const inactive = await client.listTravelAlerts({ isActive: false });
    expect(inactive.data.length).toBeGreaterThan(0);
    expect(inactive.data.every((a) => !a.isActive)).toBe(true);

    const scores = await client.listSatisfactionScores({ scoreType: 'nps' });
    expect(scores.data.length).toBeGreaterThan(0);

    const top = await client.getTopOpportunities(5);
    expect(top.data.length).toBeGreaterThan(0);
    expect(top.data.length).toBeLessThanOrEqual(5);
    const scoresDesc = top.data.map((o) => o.score);
    expect(scoresDesc).toEqual([...scoresDesc].sort((a, b) => b - a));
  });
});

describe('pagination, sorting and search', () => {
  it('pages through every client exactly once', async () => {
    const seen = new Set<string>();
    const first = await client.listClients({ limit: 7, page: 1 });
    expect(first.pagination).toEqual({ page: 1, limit: 7, total: 40, totalPages: 6 });
    for (let page = 1; page <= first.pagination.totalPages; page++) {
      const res = await client.listClients({ limit: 7, page, sortBy: 'displayName', sortOrder: 'asc' });
      expect(res.data.length).toBe(page === 6 ? 5 : 7);
      for (const c of res.data) seen.add(c.id);
    }
    expect(seen.size).toBe(40);
    expect((await client.listClients({ limit: 7, page: 7 })).data).toEqual([]);
  });

  it('sorts by an allowlisted column in both directions', async () => {
    const asc = (await client.listClients({ sortBy: 'lifetimeValueCents', sortOrder: 'asc', limit: 100 })).data;
    const values = asc.map((c) => c.lifetimeValueCents);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const desc = (await client.listClients({ sortBy: 'lifetimeValueCents', sortOrder: 'desc', limit: 100 })).data;
    expect(desc[0]?.lifetimeValueCents).toBe(Math.max(...values));
  });

  it('searches case-insensitively over the search fields', async () => {
    const traveler = demoLinks.travelers[5];
    if (!traveler) throw new Error('demo data has too few travelers');
    const res = await client.listTravelers({ search: traveler.lastName.toUpperCase(), limit: 100 });
    expect(res.data.map((t) => t.id)).toContain(traveler.id);
    expect(res.data.every((t) => [t.firstName, t.lastName, t.email ?? ''].some((f) => f.toLowerCase().includes(traveler.lastName.toLowerCase())))).toBe(true);
    expect((await client.listTravelers({ search: 'zzz-nobody-zzz' })).pagination.total).toBe(0);
  });
});

describe('writes', () => {
  it('creates, updates and soft-deletes a company', async () => {
    const created = await client.createCompany({ name: 'Voyager Labs', stage: 'engaged', annualTravelBudgetCents: 12_500_000 });
    expect(created.slug).toBe('voyager-labs');
    expect(created.deletedAt).toBeNull();
    const updated = await client.updateCompany(created.id, { leadScore: 77 });
    expect(updated.leadScore).toBe(77);
    expect((await client.getCompany(created.id)).leadScore).toBe(77);
    expect((await client.listCompanies({ search: 'voyager' })).data.map((c) => c.id)).toEqual([created.id]);

    const deleted = await client.deleteCompany(created.id);
    expect(deleted.id).toBe(created.id);
    await expectNexusError(client.getCompany(created.id), 'NOT_FOUND', /Company .* was not found/);
    expect((await client.listCompanies({ search: 'voyager' })).data).toEqual([]);
  });

  it('records a deal stage change in the stage history', async () => {
    const deal = await client.createDeal({ title: 'Offsite in Lisbon', companyId: demoLinks.companies[1]?.id ?? null, amountCents: 4_500_000 });
    expect(deal.stage).toBe('lead');
    const moved = await client.updateDeal(deal.id, { stage: 'negotiating' });
    expect(moved.stageHistory.map((h) => [h.fromStage, h.toStage])).toEqual([[null, 'lead'], ['lead', 'negotiating']]);
  });

  it('creates a traveler with preferences and manages the traveler sub-resources', async () => {
    const t = await client.createTraveler({
      firstName: 'Ada', lastName: 'Quill', clientId: firstClient().id, passportNumber: 'X1234567',
      passportExpiryDate: isoDay(400), preferences: { seatPreference: 'aisle', dietaryRestrictions: ['vegan'] },
    });
    expect(t.preferences?.dietaryRestrictions).toEqual(['vegan']);
    const ec = await client.createEmergencyContact({ travelerId: t.id, fullName: 'Bo Quill', relationship: 'sibling', phone: '+1-555-0100' });
    expect(ec.isPrimary).toBe(true);
    await client.updateEmergencyContact(ec.id, { phone: '+1-555-0199' });
    const lp = await client.createLoyaltyProgram({ travelerId: t.id, programType: 'airline', programName: 'Quill Air', membershipNumber: 'QA1' });
    await client.updateLoyaltyProgram(lp.id, { tier: 'Gold' });
    const detail = await client.getTraveler(t.id);
    expect(detail.emergencyContacts.map((e) => e.phone)).toEqual(['+1-555-0199']);
    expect(detail.loyaltyPrograms.map((p) => p.tier)).toEqual(['Gold']);
    await client.deleteEmergencyContact(ec.id);
    expect((await client.getTraveler(t.id)).emergencyContacts).toEqual([]);
  });

  it('creates a booking, takes a payment on it and refuses one on a cancelled booking', async () => {
    const travelerId = demoLinks.travelers[0]?.id ?? MISSING_ID;
    const booking = await client.createBooking({
      destination: 'Kyoto', departureDate: isoDay(90), totalPriceCents: 1_000_000, clientId: firstClient().id,
      travelers: [{ travelerId }],
    });
    expect(booking.bookingReference).toMatch(/^TT-\d{4}-\d+$/);
    expect(booking.travelers).toEqual([expect.objectContaining({ travelerId, isPrimary: true })]);

    const payment = await client.createBookingPayment(booking.id, { amountCents: 250_000, paymentMethod: 'credit_card' });
    expect(payment).toMatchObject({ bookingId: booking.id, amountCents: 250_000, status: 'paid', paymentType: 'deposit' });
    const after = await client.getBooking(booking.id);
    expect(after).toMatchObject({ amountPaidCents: 250_000, paymentStatus: 'partial', status: 'deposit_paid' });
    expect((await client.listPayments({ bookingId: booking.id })).data.map((p) => p.id)).toEqual([payment.id]);

    await client.updateBooking(booking.id, { status: 'cancelled' });
    await expectNexusError(client.createBookingPayment(booking.id, { amountCents: 100, paymentMethod: 'ach' }), 'CONFLICT', /cancelled/);
    await expectNexusError(client.createBookingPayment(MISSING_ID, { amountCents: 100, paymentMethod: 'ach' }), 'NOT_FOUND');
  });

  it('calculates a commission split from the vendor rules without storing it', async () => {
    const entry = (await client.listCommissions({ limit: 1 })).data[0];
    if (!entry) throw new Error('no commission entries');
    const before = (await client.getCommissionSummary()).count;
    const calc = await client.calculateCommission({ bookingId: entry.bookingId, vendorId: entry.vendorId, bookingValueCents: 1_000_000 });
    expect(calc.grossCommissionCents).toBe(Math.round((1_000_000 * (calc.commissionPct + calc.bonusPct)) / 100));
    expect(calc.nexionShareCents + calc.agentNetCents).toBe(calc.grossCommissionCents);
    expect((await client.getCommissionSummary()).count).toBe(before);
    await expectNexusError(client.calculateCommission({ bookingId: MISSING_ID, vendorId: entry.vendorId, bookingValueCents: 1 }), 'NOT_FOUND');
  });

  it('moves commission status forward only', async () => {
    const earned = (await client.listCommissions({ status: 'earned', limit: 1 })).data[0];
    if (!earned) throw new Error('no earned commission');
    const invoiced = await client.updateCommission(earned.id, { status: 'invoiced', nexionSplitPct: 25 });
    expect(invoiced.status).toBe('invoiced');
    expect(invoiced.nexionShareCents).toBe(Math.round(invoiced.grossCommissionCents * 0.25));
    await expectNexusError(client.updateCommission(earned.id, { status: 'projected' }), 'CONFLICT', /cannot move back/);
  });

  it('creates an invoice whose totals TT-API computes, and adds a member to a group', async () => {
    const invoice = await client.createInvoice({
      clientId: firstClient().id, dueDate: isoDay(30), taxCents: 500,
      lineItems: [{ description: 'Cabin', quantity: 2, unitPriceCents: 100_000 }, { description: 'Insurance', quantity: 1, unitPriceCents: 9_900 }],
    });
    expect(invoice).toMatchObject({ subtotalCents: 209_900, taxCents: 500, totalCents: 210_400, status: 'draft' });
    const sent = await client.updateInvoice(invoice.id, { status: 'sent', sentToEmail: 'client@example.com' });
    expect(sent.sentAt).not.toBeNull();

    const group = (await client.listGroups({ status: 'open' })).data[0];
    if (!group) throw new Error('no open group');
    const detail = await client.getGroup(group.id);
    const newcomer = demoLinks.contacts.find((c) => !detail.members.some((m) => m.contactId === c.id));
    if (!newcomer) throw new Error('every contact is a member');
    const member = await client.addGroupMember(group.id, { contactId: newcomer.id });
    expect(member.role).toBe('member');
    expect((await client.getGroup(group.id)).memberCount).toBe(detail.memberCount + 1);
    await expectNexusError(client.addGroupMember(group.id, { contactId: newcomer.id }), 'CONFLICT', /already a member/);
  });

  it('creates and updates the remaining writable resources', async () => {
    const c = await client.createClient({ displayName: 'Mina Harrow', email: 'mina.harrow@example.org', clientType: 'family' });
    expect((await client.updateClient(c.id, { status: 'vip' })).status).toBe('vip');
    const addr = await client.createClientAddress({ clientId: c.id, addressType: 'home', street: '1 Main St', city: 'Reno', country: 'US', isPrimary: true });
    await client.updateClientAddress(addr.id, { city: 'Tahoe' });
    const fg = await client.createFamilyGroup({ name: 'Harrows', groupType: 'family', primaryClientId: c.id });
    expect((await client.updateFamilyGroup(fg.id, { name: 'The Harrows' })).memberClientIds).toEqual([c.id]);
    expect((await client.getClient(c.id)).addresses.map((a) => a.city)).toEqual(['Tahoe']);
    await client.deleteClientAddress(addr.id);

    const trip = await client.createTripOffering({
      name: 'Svalbard Summer', tripType: 'expedition_cruise', departureDate: isoDay(200), returnDate: isoDay(210),
      priceFromCents: 1_299_000, capacity: 100, itineraryLegs: [{ dayNumber: 1, portOrLocation: 'Longyearbyen' }],
    });
    expect(trip.itineraryLegs.map((l) => l.portOrLocation)).toEqual(['Longyearbyen']);
    expect((await client.updateTripOffering(trip.id, { capacity: 120 })).capacity).toBe(120);

    const ct = await client.createClientTrip({ clientId: c.id, name: 'Harrows to Svalbard', tripType: 'expedition_cruise', tripOfferingId: trip.id });
    expect((await client.updateClientTrip(ct.id, { status: 'planning' })).status).toBe('planning');

    const schedule = await client.createPaymentSchedule({ clientTripId: ct.id, installmentNumber: 1, amountCents: 50_000, dueDate: isoDay(10) });
    expect(schedule.status).toBe('upcoming');
    const reminded = await client.updatePaymentSchedule(schedule.id, { reminderCount: 1, lastReminderSentAt: new Date().toISOString() });
    expect(reminded.reminderCount).toBe(1);
    await expectNexusError(
      client.createPaymentSchedule({ clientTripId: ct.id, installmentNumber: 1, amountCents: 1, dueDate: isoDay(10) }),
      'CONFLICT',
    );

    const payment = await client.createPayment({ clientId: c.id, amountCents: 50_000, paymentType: 'deposit' });
    expect((await client.updatePayment(payment.id, { status: 'paid' })).paidAt).not.toBeNull();

    const vendor = await client.createVendor({ name: 'Arctic Lines', vendorType: 'cruise_line', defaultCommissionPct: 13.5 });
    expect((await client.updateVendor(vendor.id, { tier: 'premium' })).tier).toBe('premium');

    const group = await client.createGroup({ name: 'Svalbard friends', destination: 'Svalbard', departureDate: isoDay(200), minGuests: 4, maxGuests: 10, pricePerPersonCents: 1_299_000 });
    expect((await client.updateGroup(group.id, { status: 'open' })).status).toBe('open');

    const alert = await client.createTravelAlert({ alertType: 'weather', severity: 'warning', title: 'Polar storm', description: 'High winds' });
    expect((await client.updateTravelAlert(alert.id, { isActive: false })).isActive).toBe(false);

    const score = await client.createSatisfactionScore({ clientId: c.id, scoreType: 'nps', score: 9, wouldRecommend: true });
    expect(score.score).toBe(9);

    const contact = await client.createContact({ firstName: 'Lee', lastName: 'Harrow', email: 'lee.harrow@example.org' });
    expect((await client.updateContact(contact.id, { role: 'individual' })).role).toBe('individual');
    await client.deleteContact(contact.id);
    await client.deleteClient(c.id);
    await client.deleteTripOffering(trip.id);
    await client.deleteClientTrip(ct.id);
    await client.deleteGroup(group.id);
    await expectNexusError(client.getClient(c.id), 'NOT_FOUND');
  });
});

describe('TT-API errors as Nexus errors', () => {
  it('maps 400 VALIDATION_ERROR to BAD_USER_INPUT with the field problems', async () => {
    const err = await expectNexusError(
      client.createContact({ firstName: 'No', lastName: 'Email', email: 'not-an-email' }),
      'BAD_USER_INPUT',
    );
    expect(err.extensions['fields']).toEqual([expect.objectContaining({ path: 'email' })]);

    const nested = await expectNexusError(
      client.createInvoice({ clientId: firstClient().id, dueDate: isoDay(1), lineItems: [{ description: 'x', quantity: 0, unitPriceCents: 1 }] }),
      'BAD_USER_INPUT',
    );
    expect(nested.extensions['fields']).toEqual([expect.objectContaining({ path: 'lineItems.0.quantity' })]);

    const query = await expectNexusError(client.listBookings({ limit: 1000 }), 'BAD_USER_INPUT');
    expect(query.extensions['fields']).toEqual([expect.objectContaining({ path: 'limit' })]);

    const id = await expectNexusError(client.getBooking('not-a-uuid'), 'BAD_USER_INPUT');
    expect(id.extensions['fields']).toEqual([expect.objectContaining({ path: 'id' })]);
  });

  it('maps 404 to NOT_FOUND naming the resource', async () => {
    await expectNexusError(client.getBooking(MISSING_ID), 'NOT_FOUND', new RegExp(`Booking ${MISSING_ID} was not found`));
    await expectNexusError(client.updateDeal(MISSING_ID, { title: 'x' }), 'NOT_FOUND', /Deal/);
    await expectNexusError(client.deleteTraveler(MISSING_ID), 'NOT_FOUND', /Traveler/);
  });

  it('maps 409 to CONFLICT', async () => {
    const existing = demoLinks.contacts[0];
    if (!existing) throw new Error('no contacts');
    await expectNexusError(
      client.createContact({ firstName: 'Dup', lastName: 'Licate', email: existing.email }),
      'CONFLICT',
      /already exists/,
    );
  });

  it('treats a refused API key as our misconfiguration, not the caller’s, and not a breaker failure', async () => {
    const wrong = makeClient(sim, { apiKey: 'wrong-key' });
    const before = sim.control.requestCount('/api/bookings');
    await expectNexusError(wrong.client.listBookings(), 'UPSTREAM_UNAVAILABLE', /refused our credentials/);
    expect(sim.control.requestCount('/api/bookings')).toBe(before + 1);
    expect(wrong.client.breaker.snapshot()).toMatchObject({ state: 'closed', failuresInWindow: 0 });
    expect(wrong.logger.entries.some((e) => e.level === 'error' && e.msg === 'TT-API refused our API key')).toBe(true);
  });
});
