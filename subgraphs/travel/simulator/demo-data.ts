/**
 * Deterministic demo data for the TT-API simulator.
 *
 * Two layers:
 * - identities (ids, names, emails) depend only on the seed, never on the clock, and are
 *   exported as `demoLinks` so the Nexus CRM seed can link its demo contacts, companies and
 *   deals to TT-API rows;
 * - everything dated (departures, passport expiry, due dates) is built relative to a reference
 *   day by `buildDemoData(now)`, so "expires within 30 days" stays true whenever the data is
 *   built.
 */
import {
  alertSeverities,
  bookingStatuses,
  clientStatuses,
  commissionStatuses,
  contactRoles,
  dealStages,
  groupStatuses,
  invoiceStatuses,
  leadSources,
  tripStatuses,
  tripTypes,
} from '../src/tt-api/contract.ts';
import type {
  Booking,
  BookingStatus,
  Client,
  ClientType,
  CommissionStatus,
  CompanyStage,
  DealStage,
  DealStageChange,
  InvoiceLineItem,
  PaymentStatus,
  TripType,
  Vendor,
} from '../src/tt-api/contract.ts';
import { emptyDb, put } from './db.ts';
import type { SimDb } from './db.ts';
import { Prng, stableUuid } from './prng.ts';
import {
  TT_DEMO_FIRST_NAMES,
  TT_DEMO_SEED,
  demoSlug,
  ttDemoIdentities,
  ttDemoLinks,
} from '../../../platform/src/demo.ts';

export const DEMO_SEED = TT_DEMO_SEED;
/** Host-agency (Nexion) share of gross commission used by the demo data and `/calculate`. */
export const DEFAULT_NEXION_SPLIT_PCT = 20;

const FIRST_NAMES = TT_DEMO_FIRST_NAMES;
const slugify = demoSlug;

// ---------------------------------------------------------------------------------------------
// Identities (clock-independent): built in platform, shared with the crm seed.
// ---------------------------------------------------------------------------------------------
const identities = ttDemoIdentities;

/**
 * Deterministic TT-API ids and emails of the demo CRM rows and people, for the Nexus CRM seed to
 * link its demo contacts, companies and deals (and for tests that need stable ids).
 */
export const demoLinks = ttDemoLinks;
export type DemoLinks = typeof demoLinks;

// ---------------------------------------------------------------------------------------------
// Catalogue (clock-independent parts)
// ---------------------------------------------------------------------------------------------
const DESTINATIONS = [
  ['Antarctic Peninsula', 'AQ', 'Southern Ocean', 'antarctica', false, 4],
  ['Galapagos Islands', 'EC', 'Pacific', 'south_america', false, 5],
  ['Danube Valley', 'AT', 'Central Europe', 'europe', false, 5],
  ['Rhine Gorge', 'DE', 'Western Europe', 'europe', false, 5],
  ['Amalfi Coast', 'IT', 'Campania', 'europe', false, 5],
  ['Kyoto', 'JP', 'Kansai', 'asia', false, 5],
  ['Patagonia', 'CL', 'Magallanes', 'south_america', false, 4],
  ['Iceland Ring Road', 'IS', 'Nordic', 'europe', false, 5],
  ['Maldives Atolls', 'MV', 'Indian Ocean', 'asia', false, 4],
  ['Serengeti', 'TZ', 'East Africa', 'africa', true, 3],
  ['Costa Rica Cloud Forest', 'CR', 'Central America', 'north_america', false, 4],
  ['Norwegian Fjords', 'NO', 'Nordic', 'europe', false, 5],
  ['Greek Isles', 'GR', 'Aegean', 'europe', false, 4],
  ['Bali', 'ID', 'Lesser Sunda', 'asia', true, 3],
  ['Sacred Valley and Machu Picchu', 'PE', 'Cusco', 'south_america', false, 3],
] as const;

const VENDORS = [
  ['Lindblad Expeditions', 'cruise_line', 'preferred', 16],
  ['Viking River Cruises', 'cruise_line', 'preferred', 15],
  ['Silversea Cruises', 'cruise_line', 'premium', 14],
  ['Four Seasons Resorts', 'hotel', 'premium', 10],
  ['Abercrombie & Kent', 'tour_operator', 'premium', 12],
  ['Intrepid Travel', 'tour_operator', 'standard', 10],
  ['Delta Air Lines', 'airline', 'standard', 3],
  ['Backroads', 'tour_operator', 'standard', 11],
] as const;

// name, tripType, destination index, vendor index, days, price (USD), capacity, ship
const TRIPS: ReadonlyArray<readonly [string, TripType, number, number, number, number, number, string | null]> = [
  ['Antarctica Classic Expedition', 'expedition_cruise', 0, 0, 12, 14_990, 120, 'National Geographic Endurance'],
  ['Galapagos Wildlife Voyage', 'expedition_cruise', 1, 0, 8, 8_490, 96, 'National Geographic Islander II'],
  ['Danube Waltz', 'river_cruise', 2, 1, 8, 3_999, 190, 'Viking Bragi'],
  ['Rhine Getaway', 'river_cruise', 3, 1, 8, 3_599, 190, 'Viking Egdir'],
  ['Norwegian Fjords Sailing', 'ocean_cruise', 11, 2, 10, 6_200, 596, 'Silver Dawn'],
  ['Greek Isles Odyssey', 'ocean_cruise', 12, 2, 9, 5_800, 596, 'Silver Ray'],
  ['Maldives Overwater Escape', 'luxury_resort', 8, 3, 7, 9_800, 40, null],
  ['Amalfi Coast Leadership Retreat', 'team_offsite', 4, 4, 5, 4_200, 60, null],
  ['Patagonia Trekking Adventure', 'adventure', 6, 5, 10, 4_650, 16, null],
  ['Costa Rica Rainforest Explorer', 'adventure', 10, 7, 7, 3_250, 20, null],
  ['Kyoto Temples and Tea', 'cultural', 5, 4, 9, 6_900, 18, null],
  ['Serengeti Migration Safari', 'group_trip', 9, 4, 8, 9_200, 24, null],
  ['Iceland Northern Lights Festival', 'event_based', 7, 5, 6, 3_900, 30, null],
  ['Bespoke Peru and Machu Picchu', 'custom', 14, 4, 11, 11_500, 8, null],
];

// ---------------------------------------------------------------------------------------------
// Dated data
// ---------------------------------------------------------------------------------------------
const DAY_MS = 86_400_000;

export function buildDemoData(now: Date = new Date()): SimDb {
  const prng = new Prng(DEMO_SEED + 1);
  const db = emptyDb();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const day = (offset: number) => new Date(today + offset * DAY_MS).toISOString().slice(0, 10);
  const at = (offsetDays: number, hour = 10) => new Date(today + offsetDays * DAY_MS + hour * 3_600_000).toISOString();
  const stamps = (createdDaysAgo: number) => ({
    createdAt: at(-createdDaysAgo, 9),
    updatedAt: at(-Math.max(0, createdDaysAgo - prng.int(0, createdDaysAgo)), 15),
    deletedAt: null,
  });
  const pct = (value: number, p: number) => Math.round((value * p) / 100);

  // Destinations
  const destinationIds = DESTINATIONS.map(
    ([name, country, region, continent, visaRequired, safetyRating], i) =>
      put(db.destinations, {
        id: stableUuid('destination', i + 1),
        name,
        slug: slugify(name),
        country,
        region,
        continent,
        visaRequired,
        safetyRating,
        description: `${name}: curated by Travel Tamers advisors.`,
        ...stamps(400),
      }).id,
  );

  // Vendors with commission rules and contracts
  const vendors: Vendor[] = VENDORS.map(([name, vendorType, tier, defaultCommissionPct], i) =>
    put(db.vendors, {
      id: stableUuid('vendor', i + 1),
      name,
      slug: slugify(name),
      vendorType,
      tier,
      defaultCommissionPct,
      contactEmail: `partners@${slugify(name)}.example.com`,
      contactPhone: `+1-800-555-${String(1000 + i * 37).slice(-4)}`,
      website: `https://www.${slugify(name)}.example.com`,
      isActive: true,
      notes: null,
      ...stamps(500),
    }),
  );
  let ruleN = 0;
  let contractN = 0;
  vendors.forEach((v, i) => {
    const ruleTypes: Array<TripType | null> =
      v.vendorType === 'cruise_line'
        ? [null, i === 0 ? 'expedition_cruise' : i === 1 ? 'river_cruise' : 'ocean_cruise']
        : v.vendorType === 'hotel'
          ? ['luxury_resort']
          : v.vendorType === 'airline'
            ? [null]
            : [null, 'group_trip', 'team_offsite'];
    for (const tripType of ruleTypes) {
      ruleN++;
      put(db.vendorRules, {
        id: stableUuid('vendor-rule', ruleN),
        vendorId: v.id,
        tripType,
        commissionPct: tripType === null ? v.defaultCommissionPct : v.defaultCommissionPct + 2,
        bonusPct: tripType === 'group_trip' || tripType === 'team_offsite' ? 1.5 : 0,
        minBookingValueCents: tripType === null ? null : 500_000,
        effectiveFrom: day(-365),
        effectiveTo: i === 5 && tripType === 'group_trip' ? day(-30) : null,
      });
    }
    const contracts = v.vendorType === 'airline' ? 1 : 2;
    for (let k = 0; k < contracts; k++) {
      contractN++;
      const groupBlock = k === 0 && v.vendorType !== 'airline';
      put(db.vendorContracts, {
        id: stableUuid('vendor-contract', contractN),
        vendorId: v.id,
        name: groupBlock ? `${v.name} group block ${new Date(today).getUTCFullYear() + 1}` : `${v.name} rate agreement`,
        contractType: groupBlock ? 'group_block' : 'rate_agreement',
        commissionPct: v.defaultCommissionPct + (groupBlock ? 1 : 0),
        cabinsHeld: groupBlock ? prng.int(6, 24) : null,
        releaseDate: groupBlock ? day(prng.int(20, 120)) : null,
        startDate: day(-200),
        endDate: day(365),
        tripOfferingId: null,
      });
    }
  });

  // Trip offerings with itinerary legs
  let legN = 0;
  const trips = TRIPS.map(([name, tripType, destIdx, vendorIdx, days, priceUsd, capacity, shipName], i) => {
    const departureOffset = 30 + i * 11;
    const trip = put(db.trips, {
      id: stableUuid('trip', i + 1),
      name,
      slug: slugify(name),
      tripType,
      vendorId: vendors[vendorIdx]?.id ?? null,
      destinationId: destinationIds[destIdx] ?? null,
      description: `${days} days: ${name}.`,
      departureDate: day(departureOffset),
      returnDate: day(departureOffset + days - 1),
      priceFromCents: priceUsd * 100,
      capacity,
      spotsBooked: Math.min(capacity, prng.int(0, Math.ceil(capacity * 0.8))),
      shipName,
      isPublished: i !== 13,
      ...stamps(300),
    });
    const destName = DESTINATIONS[destIdx]?.[0] ?? 'Destination';
    for (let d = 1; d <= Math.min(days, 8); d++) {
      legN++;
      put(db.itineraryLegs, {
        id: stableUuid('itinerary-leg', legN),
        tripOfferingId: trip.id,
        dayNumber: d,
        portOrLocation: d === 1 ? `Arrival: ${destName}` : `${destName}, stop ${d}`,
        description: d === 1 ? 'Welcome reception and briefing.' : null,
        arrivalTime: d === 1 ? null : '08:00',
        departureTime: d === days ? null : '18:00',
      });
    }
    return trip;
  });

  // Companies, contacts, deals with stage history
  const COMPANY_STAGE_CYCLE: CompanyStage[] = [
    'target',
    'researching',
    'aware',
    'engaged',
    'qualified',
    'proposal_sent',
    'negotiating',
    'won',
    'active_client',
    'churned',
    'disqualified',
    'archived',
  ];
  identities.companies.forEach((c, i) => {
    put(db.companies, {
      id: c.id,
      name: c.name,
      slug: c.slug,
      industry: c.industry,
      website: `https://${c.domain}`,
      employeeCount: prng.int(40, 4000),
      stage: COMPANY_STAGE_CYCLE[i] ?? 'target',
      leadScore: prng.int(10, 95),
      leadSource: prng.pick(leadSources),
      annualTravelBudgetCents: prng.int(50, 900) * 100_000,
      slackChannelId: i % 3 === 0 ? `C0${String(100000 + i * 7919).slice(-6)}` : null,
      ...stamps(200 + i),
    });
  });
  identities.contacts.forEach((c, i) => {
    put(db.contacts, {
      id: c.id,
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: `+1-415-555-${String(2000 + i * 13).slice(-4)}`,
      companyId: c.companyId,
      jobTitle: prng.pick([
        'CEO',
        'VP People',
        'Office Manager',
        'Chief of Staff',
        'Travel Coordinator',
        'Director of Operations',
      ]),
      role: contactRoles[i % contactRoles.length] ?? 'other',
      lifecycleStage:
        i < 20 ? 'customer' : prng.pick(['lead', 'marketing_qualified', 'sales_qualified', 'opportunity']),
      leadScore: prng.int(5, 100),
      leadSource: prng.pick(leadSources),
      linkedinUrl: `https://www.linkedin.com/in/${slugify(`${c.firstName}-${c.lastName}`)}`,
      ...stamps(180 - i),
    });
  });
  let historyN = 0;
  identities.deals.forEach((d, i) => {
    const stage: DealStage = dealStages[i % dealStages.length] ?? 'lead';
    const amountCents = prng.int(20, 400) * 100_000;
    const created = 150 - i * 3;
    put(db.deals, {
      id: d.id,
      companyId: d.companyId,
      contactId: d.contactId,
      title: d.title,
      stage,
      amountCents,
      probability:
        stage === 'won' || stage === 'completed' ? 100 : stage === 'lost' ? 0 : Math.min(95, 10 + (i % 12) * 8),
      expectedCloseDate: day(prng.int(-30, 120)),
      leadSource: prng.pick(leadSources),
      notes: null,
      ...stamps(created),
    });
    // Walk the pipeline up to the current stage so the history reads like a real deal.
    const target = dealStages.indexOf(stage);
    const path: DealStage[] =
      stage === 'lost'
        ? ['lead', 'qualified', 'proposal_sent', 'lost']
        : stage === 'won'
          ? ['lead', 'qualified', 'proposal_sent', 'negotiating', 'won']
          : dealStages.slice(0, target + 1);
    let from: DealStage | null = null;
    path.forEach((to, k) => {
      historyN++;
      const change: DealStageChange = {
        id: stableUuid('deal-stage-history', historyN),
        dealId: d.id,
        fromStage: from,
        toStage: to,
        changedAt: at(-created + k * 4, 11),
      };
      put(db.dealStageHistory, change);
      from = to;
    });
  });

  // Clients, addresses, family groups
  const CLIENT_TYPES: ClientType[] = ['individual', 'family', 'corporate', 'group'];
  const clients: Client[] = identities.clients.map((c, i) => {
    const clientType: ClientType =
      i < 20 ? (i % 4 === 0 ? 'corporate' : 'individual') : (CLIENT_TYPES[i % 4] ?? 'family');
    return put(db.clients, {
      id: c.id,
      displayName: c.displayName,
      email: c.email,
      phone: `+1-212-555-${String(3000 + i * 17).slice(-4)}`,
      clientType,
      status: clientStatuses[i % clientStatuses.length] ?? 'active',
      contactId: c.contactId,
      companyId: c.companyId,
      lifetimeValueCents: prng.int(0, 250) * 100_000,
      travelStyle: prng.pick(['luxury', 'adventure', 'cultural', 'relaxation', 'expedition', null]),
      churnRiskScore: prng.int(0, 100),
      preferredChannel: prng.pick(['email', 'sms', 'slack', 'push'] as const),
      notes: null,
      ...stamps(360 - i * 5),
    });
  });
  let addressN = 0;
  clients.forEach((c, i) => {
    const count = i % 3 === 0 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      addressN++;
      put(db.clientAddresses, {
        id: stableUuid('client-address', addressN),
        clientId: c.id,
        addressType: k === 0 ? 'home' : prng.pick(['billing', 'work', 'mailing', 'vacation'] as const),
        street: `${prng.int(10, 990)} ${prng.pick(['Maple', 'Harbor', 'Mission', 'Cedar', 'Lake', 'Sunset'])} ${prng.pick(['St', 'Ave', 'Blvd'])}`,
        street2: k === 1 ? `Suite ${prng.int(100, 900)}` : null,
        city: prng.pick(['San Francisco', 'Seattle', 'Austin', 'Denver', 'Boston', 'Chicago']),
        state: prng.pick(['CA', 'WA', 'TX', 'CO', 'MA', 'IL']),
        postalCode: String(prng.int(10000, 99999)),
        country: 'US',
        isPrimary: k === 0,
        ...stamps(300),
      });
    }
  });
  const familyClients = clients.slice(20);
  (['family', 'couple', 'friends', 'corporate_team', 'family', 'friends'] as const).forEach((groupType, k) => {
    const primary = familyClients[k * 3];
    if (primary === undefined) return;
    const members = familyClients.slice(k * 3, k * 3 + 3).map((c) => c.id);
    put(db.familyGroups, {
      id: stableUuid('family-group', k + 1),
      name: `${primary.displayName.split(' ').at(-1) ?? 'Demo'} ${groupType === 'corporate_team' ? 'team' : groupType}`,
      groupType,
      primaryClientId: primary.id,
      memberClientIds: members,
      notes: null,
      ...stamps(200),
    });
  });

  // Travelers with documents, preferences, emergency contacts, loyalty programs.
  // Passport expiry buckets: already expired, within 30 / 90 / 180 days, later, none.
  const expiryOffset = (i: number): number | null => {
    const bucket = i % 12;
    if (bucket === 0) return -prng.int(5, 200); // expired
    if (bucket === 1) return prng.int(1, 29); // within 30 days
    if (bucket === 2) return prng.int(31, 89); // within 90 days
    if (bucket === 3) return prng.int(91, 179); // within 180 days
    if (bucket === 11 && i % 24 === 11) return null; // no passport on file
    return prng.int(200, 3000);
  };
  let docN = 0;
  let emergencyN = 0;
  let loyaltyN = 0;
  identities.travelers.forEach((t, i) => {
    const expiry = expiryOffset(i);
    const passportCountry = i % 7 === 3 ? 'CA' : 'US';
    const traveler = put(db.travelers, {
      id: t.id,
      clientId: t.clientId,
      firstName: t.firstName,
      lastName: t.lastName,
      email: t.email,
      phone: `+1-646-555-${String(4000 + i * 11).slice(-4)}`,
      dateOfBirth: day(-prng.int(20 * 365, 75 * 365)),
      nationality: passportCountry,
      passportNumber:
        expiry === null ? null : `${passportCountry === 'US' ? 'P' : 'C'}${String(prng.int(10_000_000, 99_999_999))}`,
      passportCountry: expiry === null ? null : passportCountry,
      passportIssueDate: expiry === null ? null : day(expiry - 3650),
      passportExpiryDate: expiry === null ? null : day(expiry),
      knownTravelerNumber: i % 3 === 0 ? `KTN${prng.int(1_000_000, 9_999_999)}` : null,
      globalEntryNumber: i % 4 === 0 ? `GE${prng.int(100_000_000, 999_999_999)}` : null,
      medicalNotes: i % 9 === 0 ? 'Peanut allergy; carries an EpiPen.' : null,
      ...stamps(340 - i * 4),
    });
    if (traveler.passportNumber !== null) {
      docN++;
      put(db.travelDocuments, {
        id: stableUuid('travel-document', docN),
        travelerId: traveler.id,
        documentType: 'passport',
        documentNumber: traveler.passportNumber,
        issuingCountry: traveler.passportCountry,
        issueDate: traveler.passportIssueDate,
        expiryDate: traveler.passportExpiryDate,
        ...stamps(300),
      });
    }
    if (i % 5 === 0) {
      docN++;
      put(db.travelDocuments, {
        id: stableUuid('travel-document', docN),
        travelerId: traveler.id,
        documentType: 'visa',
        documentNumber: `V${prng.int(1_000_000, 9_999_999)}`,
        issuingCountry: i % 10 === 0 ? 'TZ' : 'ID',
        issueDate: day(-prng.int(10, 200)),
        expiryDate: day(prng.int(-20, 300)),
        ...stamps(100),
      });
    }
    if (i % 4 !== 3) {
      db.travelerPreferences.set(traveler.id, {
        travelerId: traveler.id,
        cabinClass: prng.pick(['economy', 'premium_economy', 'business', 'first']),
        seatPreference: prng.pick(['window', 'aisle', 'no_preference']),
        dietaryRestrictions: prng.chance(0.3)
          ? [prng.pick(['vegetarian', 'vegan', 'gluten_free', 'kosher', 'halal'])]
          : [],
        preferredAirlines: prng.sample(['Delta', 'United', 'Alaska', 'Air France', 'Lufthansa', 'ANA'], prng.int(0, 2)),
        hotelPreferences: prng.chance(0.5) ? 'High floor, away from elevators' : null,
        specialRequests: i % 9 === 0 ? 'Needs refrigerator for medication' : null,
        updatedAt: at(-20),
      });
    }
    if (i % 6 !== 5) {
      emergencyN++;
      const p = { firstName: prng.pick(FIRST_NAMES), lastName: t.lastName };
      put(db.emergencyContacts, {
        id: stableUuid('emergency-contact', emergencyN),
        travelerId: traveler.id,
        fullName: `${p.firstName} ${p.lastName}`,
        relationship: prng.pick(['spouse', 'parent', 'sibling', 'friend', 'partner']),
        phone: `+1-917-555-${String(5000 + i * 7).slice(-4)}`,
        email: null,
        isPrimary: true,
        ...stamps(250),
      });
    }
    if (i % 3 !== 2) {
      loyaltyN++;
      const kind = prng.pick([
        ['airline', 'Delta SkyMiles', 'Diamond Medallion'],
        ['hotel', 'Marriott Bonvoy', 'Platinum Elite'],
        ['cruise', 'Viking Explorer Society', null],
        ['trusted_traveler', 'CLEAR Plus', null],
        ['car_rental', 'Hertz Gold Plus', "President's Circle"],
        ['rail', 'Amtrak Guest Rewards', 'Select'],
      ] as const);
      put(db.loyaltyPrograms, {
        id: stableUuid('loyalty-program', loyaltyN),
        travelerId: traveler.id,
        programType: kind[0],
        programName: kind[1],
        membershipNumber: String(prng.int(100_000_000, 999_999_999)),
        tier: kind[2],
        pointsBalance: kind[0] === 'trusted_traveler' ? null : prng.int(0, 400_000),
        ...stamps(220),
      });
    }
  });
  const travelersByClient = new Map<string, string[]>();
  for (const t of db.travelers.values()) {
    if (t.clientId === null) continue;
    travelersByClient.set(t.clientId, [...(travelersByClient.get(t.clientId) ?? []), t.id]);
  }

  // Client trips: every trip_status, one per client
  clients.forEach((client, i) => {
    const status = tripStatuses[i % tripStatuses.length] ?? 'inquiry';
    const trip = trips[i % trips.length];
    if (trip === undefined) return;
    const past = status === 'completed' || status === 'cancelled';
    const start = status === 'traveling' ? -2 : past ? -prng.int(40, 300) : prng.int(20, 260);
    put(db.clientTrips, {
      id: stableUuid('client-trip', i + 1),
      clientId: client.id,
      tripOfferingId: trip.id,
      name: `${client.displayName.split(' ').at(-1) ?? 'Client'}: ${trip.name}`,
      tripType: trip.tripType,
      status,
      startDate: status === 'inquiry' ? null : day(start),
      endDate: status === 'inquiry' ? null : day(start + 8),
      totalCostCents: trip.priceFromCents * (travelersByClient.get(client.id)?.length ?? 1),
      travelerIds: travelersByClient.get(client.id) ?? [],
      itineraryItems: [
        { day: 1, title: 'Arrival and transfer', description: null, location: null },
        { day: 2, title: trip.name, description: 'Main program begins.', location: null },
      ],
      notes: null,
      ...stamps(200 - i * 2),
    });
  });

  // Bookings: every booking_status five times, with travelers and payments
  let bookingTravelerN = 0;
  let paymentN = 0;
  const addPayment = (
    b: Booking,
    amountCents: number,
    paymentType: 'deposit' | 'installment' | 'final_payment' | 'refund',
    status: PaymentStatus,
    daysAgo: number,
  ) => {
    paymentN++;
    put(db.payments, {
      id: stableUuid('payment', paymentN),
      clientId: b.clientId,
      bookingId: b.id,
      amountCents,
      paymentType,
      status,
      paymentMethod: prng.pick(['credit_card', 'ach', 'wire', 'check']),
      transactionId: status === 'failed' ? null : `txn_${stableUuid('txn', paymentN).slice(0, 8)}`,
      paidAt: status === 'paid' || status === 'refunded' ? at(-daysAgo) : null,
      notes: status === 'failed' ? 'Card declined' : null,
      ...stamps(daysAgo),
    });
  };
  const bookings: Booking[] = [];
  for (let i = 0; i < 50; i++) {
    const status: BookingStatus = bookingStatuses[i % bookingStatuses.length] ?? 'inquiry';
    const client = clients[i % clients.length];
    const trip = trips[i % trips.length];
    if (client === undefined || trip === undefined) continue;
    const travelerIds = (travelersByClient.get(client.id) ?? []).slice(0, 1 + (i % 3));
    const total = trip.priceFromCents * Math.max(1, travelerIds.length) + prng.int(0, 40) * 10_000;
    const departure =
      status === 'completed' || status === 'refunded'
        ? -prng.int(20, 300)
        : status === 'in_progress'
          ? -3
          : status === 'cancelled'
            ? prng.int(-60, 90)
            : prng.int(15, 300);
    const paid =
      status === 'deposit_paid'
        ? pct(total, 20)
        : status === 'confirmed'
          ? pct(total, 50)
          : status === 'ticketed' || status === 'in_progress' || status === 'completed'
            ? total
            : status === 'cancelled'
              ? i % 2 === 0
                ? pct(total, 20)
                : 0
              : 0;
    const paymentStatus: PaymentStatus =
      status === 'refunded'
        ? 'refunded'
        : status === 'hold' && i % 20 === 2
          ? 'failed'
          : paid === 0
            ? 'pending'
            : paid >= total
              ? 'paid'
              : 'partial';
    const id = stableUuid('booking', i + 1);
    const booking: Booking = put(db.bookings, {
      id,
      bookingReference: `TT-${new Date(today).getUTCFullYear()}-${String(10001 + i)}`,
      dealId: identities.deals[i % identities.deals.length]?.id ?? null,
      clientId: client.id,
      clientTripId: stableUuid('client-trip', (i % clients.length) + 1),
      tripOfferingId: trip.id,
      vendorId: trip.vendorId,
      status,
      destination: DESTINATIONS[TRIPS[i % TRIPS.length]?.[2] ?? 0]?.[0] ?? 'Destination',
      departureDate: day(departure),
      returnDate: day(departure + 8),
      totalPriceCents: total,
      amountPaidCents: paid,
      paymentStatus,
      vendorConfirmationNumber: ['confirmed', 'ticketed', 'in_progress', 'completed'].includes(status)
        ? `VC${prng.int(100000, 999999)}`
        : null,
      confirmedAt: ['confirmed', 'ticketed', 'in_progress', 'completed'].includes(status)
        ? at(Math.min(departure, 0) - prng.int(5, 60))
        : null,
      notes: null,
      travelers: travelerIds.map((travelerId, k) => {
        bookingTravelerN++;
        return { id: stableUuid('booking-traveler', bookingTravelerN), bookingId: id, travelerId, isPrimary: k === 0 };
      }),
      ...stamps(120 - i),
    });
    bookings.push(booking);
    if (paid > 0) {
      const deposit = Math.min(paid, pct(total, 20));
      addPayment(booking, deposit, 'deposit', 'paid', 90 - i);
      if (paid > deposit)
        addPayment(booking, paid - deposit, paid >= total ? 'final_payment' : 'installment', 'paid', 30);
    }
    if (status === 'refunded') {
      addPayment(booking, pct(total, 20), 'deposit', 'refunded', 60);
      addPayment(booking, pct(total, 20), 'refund', 'refunded', 20);
    }
    if (paymentStatus === 'failed') addPayment(booking, pct(total, 20), 'deposit', 'failed', 2);
  }

  // Payment schedules: 3 installments per booking that is not settled; some overdue, one waived
  let scheduleN = 0;
  bookings.forEach((b, i) => {
    if (!['hold', 'deposit_paid', 'confirmed', 'ticketed'].includes(b.status)) return;
    const share = Math.floor(b.totalPriceCents / 3);
    for (let n = 1; n <= 3; n++) {
      scheduleN++;
      const amountCents = n === 3 ? b.totalPriceCents - share * 2 : share;
      const covered = b.amountPaidCents >= share * n;
      // Alternating buckets so the list always holds overdue, due and upcoming installments.
      const dueOffset = n === 1 ? -45 : n === 2 ? (i % 2 === 0 ? -prng.int(3, 20) : prng.int(1, 6)) : prng.int(20, 90);
      const status = covered
        ? 'paid'
        : i % 17 === 4 && n === 3
          ? 'waived'
          : dueOffset < 0
            ? 'overdue'
            : dueOffset <= 7
              ? 'due'
              : 'upcoming';
      const reminders = status === 'overdue' ? prng.int(1, 3) : status === 'due' ? 1 : 0;
      put(db.paymentSchedules, {
        id: stableUuid('payment-schedule', scheduleN),
        clientTripId: b.clientTripId,
        bookingId: b.id,
        clientId: b.clientId,
        installmentNumber: n,
        amountCents,
        dueDate: day(dueOffset),
        status,
        paidAt: status === 'paid' ? at(dueOffset - 2) : null,
        paymentId: null,
        reminderCount: reminders,
        lastReminderSentAt: reminders > 0 ? at(-1) : null,
        nextReminderAt:
          status === 'overdue' || status === 'due' || status === 'upcoming'
            ? at(status === 'upcoming' ? dueOffset - 7 : 1)
            : null,
        ...stamps(100),
      });
    }
  });

  // Invoices: every invoice_status three times
  for (let i = 0; i < 21; i++) {
    const status = invoiceStatuses[i % invoiceStatuses.length] ?? 'draft';
    const b = bookings[(i * 2) % bookings.length];
    if (b === undefined || b.clientId === null) continue;
    const client = db.clients.get(b.clientId);
    const items: InvoiceLineItem[] = [
      {
        description: `Trip package ${b.bookingReference}`,
        quantity: Math.max(1, b.travelers.length),
        unitPriceCents: Math.floor(b.totalPriceCents / Math.max(1, b.travelers.length)),
        totalCents: 0,
      },
      ...(i % 2 === 0 ? [{ description: 'Travel insurance', quantity: 1, unitPriceCents: 24_900, totalCents: 0 }] : []),
      ...(i % 3 === 0
        ? [{ description: 'Private airport transfer', quantity: 2, unitPriceCents: 12_500, totalCents: 0 }]
        : []),
    ].map((li) => ({ ...li, totalCents: li.quantity * li.unitPriceCents }));
    const subtotal = items.reduce((s, li) => s + li.totalCents, 0);
    const tax = i % 4 === 0 ? pct(subtotal, 2) : 0;
    const total = subtotal + tax;
    const sent = status !== 'draft';
    put(db.invoices, {
      id: stableUuid('invoice', i + 1),
      invoiceNumber: `INV-${new Date(today).getUTCFullYear()}-${String(1001 + i)}`,
      clientId: b.clientId,
      bookingId: b.id,
      status,
      currency: 'USD',
      issueDate: day(-40 + i),
      dueDate: status === 'overdue' ? day(-prng.int(3, 30)) : day(prng.int(5, 45)),
      lineItems: items,
      subtotalCents: subtotal,
      taxCents: tax,
      totalCents: total,
      amountPaidCents: status === 'paid' ? total : status === 'partial' ? pct(total, 40) : 0,
      sentToEmail: sent ? (client?.email ?? null) : null,
      sentAt: sent ? at(-30 + i) : null,
      viewedAt: status === 'viewed' || status === 'paid' || status === 'partial' ? at(-29 + i) : null,
      deliveryStatus: !sent
        ? null
        : status === 'viewed' || status === 'paid' || status === 'partial'
          ? 'opened'
          : i === 8
            ? 'bounced'
            : 'delivered',
      deliveryAttempts: sent ? (i === 8 ? 3 : 1) : 0,
      notes: status === 'void' ? 'Voided: replaced by a corrected invoice' : null,
      ...stamps(45 - i),
    });
  }

  // Commission entries: every commission_status five times
  const commissionable = bookings.filter(
    (b) => b.status !== 'cancelled' && b.status !== 'refunded' && b.vendorId !== null,
  );
  for (let i = 0; i < 30; i++) {
    const status: CommissionStatus = commissionStatuses[i % commissionStatuses.length] ?? 'projected';
    const b = commissionable[i % commissionable.length];
    const vendor = b?.vendorId ? db.vendors.get(b.vendorId) : undefined;
    if (b === undefined || vendor === undefined) continue;
    const gross = pct(b.totalPriceCents, vendor.defaultCommissionPct);
    const nexion = pct(gross, DEFAULT_NEXION_SPLIT_PCT);
    const advanced = commissionStatuses.indexOf(status) >= commissionStatuses.indexOf('received');
    put(db.commissions, {
      id: stableUuid('commission', i + 1),
      bookingId: b.id,
      vendorId: vendor.id,
      bookingValueCents: b.totalPriceCents,
      commissionPct: vendor.defaultCommissionPct,
      grossCommissionCents: gross,
      nexionSplitPct: DEFAULT_NEXION_SPLIT_PCT,
      nexionShareCents: nexion,
      agentNetCents: gross - nexion,
      status,
      expectedPayDate: day(advanced ? -prng.int(5, 60) : prng.int(10, 120)),
      receivedAt: advanced ? at(-prng.int(1, 30)) : null,
      notes: null,
      ...stamps(90 - i),
    });
  }

  // Commission discrepancies for reconciliation to find: an entry whose booking value is not the
  // booking's total, one whose gross is not its rate applied, one on a cancelled booking.
  const cancelled = bookings.find((b) => b.status === 'cancelled' && b.vendorId !== null);
  const discrepant = [
    { booking: commissionable[1], valueDelta: 50_000, grossDelta: 0 },
    { booking: commissionable[2], valueDelta: 0, grossDelta: 12_345 },
    { booking: cancelled, valueDelta: 0, grossDelta: 0 },
  ];
  discrepant.forEach(({ booking: b, valueDelta, grossDelta }, i) => {
    const vendor = b?.vendorId ? db.vendors.get(b.vendorId) : undefined;
    if (b === undefined || vendor === undefined) return;
    const value = b.totalPriceCents + valueDelta;
    const gross = pct(value, vendor.defaultCommissionPct) + grossDelta;
    const nexion = pct(gross, DEFAULT_NEXION_SPLIT_PCT);
    put(db.commissions, {
      id: stableUuid('commission-discrepancy', i + 1),
      bookingId: b.id,
      vendorId: vendor.id,
      bookingValueCents: value,
      commissionPct: vendor.defaultCommissionPct,
      grossCommissionCents: gross,
      nexionSplitPct: DEFAULT_NEXION_SPLIT_PCT,
      nexionShareCents: nexion,
      agentNetCents: gross - nexion,
      status: 'projected',
      // A fixed date: drawing from the generator here would shift every record made after these.
      expectedPayDate: day(60),
      receivedAt: null,
      notes: 'Demo: a discrepancy for commission reconciliation',
      createdAt: at(-(150 + i), 9),
      updatedAt: at(-(150 + i), 15),
      deletedAt: null,
    });
  });

  // Groups: one per group_status, with members and milestones
  let memberN = 0;
  let milestoneN = 0;
  groupStatuses.forEach((status, i) => {
    const trip = trips[(i * 3) % trips.length];
    if (trip === undefined) return;
    const past = status === 'completed' || status === 'traveling';
    const departure = status === 'traveling' ? -2 : past ? -90 : status === 'cancelled' ? 40 : 30 + i * 25;
    const maxGuests = 10 + (i % 3) * 6;
    const minGuests = Math.max(1, Math.floor(maxGuests / 2));
    const memberTotal =
      status === 'planning'
        ? 0
        : status === 'minimum_reached' || status === 'closed' || status === 'confirmed' || past
          ? Math.max(minGuests, maxGuests - 2)
          : Math.min(minGuests - 1, 3 + i);
    const groupId = stableUuid('group', i + 1);
    const organizer = identities.contacts[i * 3];
    const members = prng.sample(identities.contacts, memberTotal);
    put(db.groups, {
      id: groupId,
      name: `${trip.name} group ${i + 1}`,
      slug: slugify(`${trip.name} group ${i + 1}`),
      status,
      tripType: trip.tripType,
      tripOfferingId: trip.id,
      organizerContactId: organizer?.id ?? null,
      destination: DESTINATIONS[TRIPS[(i * 3) % TRIPS.length]?.[2] ?? 0]?.[0] ?? 'Destination',
      departureDate: day(departure),
      returnDate: day(departure + 7),
      minGuests,
      maxGuests,
      pricePerPersonCents: trip.priceFromCents,
      depositPerPersonCents: pct(trip.priceFromCents, 20),
      memberCount: members.length,
      ...stamps(160 - i * 5),
    });
    members.forEach((contact, k) => {
      memberN++;
      const depositPaid = k % 3 !== 2 && status !== 'interest_gauging';
      put(db.groupMembers, {
        id: stableUuid('group-member', memberN),
        groupId,
        contactId: contact.id,
        role: contact.id === organizer?.id || k === 0 ? 'organizer' : 'member',
        depositPaid,
        depositPaidAt: depositPaid ? at(-prng.int(5, 60)) : null,
        joinedAt: at(-prng.int(60, 120)),
      });
    });
    const MILESTONES = [
      'Interest survey closes',
      'Deposit deadline',
      'Final payment due',
      'Rooming list due',
      'Pre-departure briefing',
    ];
    MILESTONES.slice(0, 3 + (i % 3)).forEach((title, k) => {
      milestoneN++;
      const dueOffset = departure - 120 + k * 25;
      put(db.groupMilestones, {
        id: stableUuid('group-milestone', milestoneN),
        groupId,
        title,
        dueDate: day(dueOffset),
        completedAt: dueOffset < 0 && status !== 'cancelled' ? at(dueOffset) : null,
        description: null,
      });
    });
  });

  // Travel alerts: every severity four times; two expired and inactive
  const ALERTS = [
    ['weather', 'Cyclone season advisory'],
    ['health', 'Dengue fever cases reported'],
    ['security', 'Demonstrations in the capital'],
    ['strike', 'Air traffic control strike'],
    ['entry_requirements', 'New electronic travel authorization'],
    ['weather', 'Drake Passage storms'],
  ] as const;
  for (let i = 0; i < 12; i++) {
    const destIdx = (i * 4) % DESTINATIONS.length;
    const kind = ALERTS[i % ALERTS.length] ?? ALERTS[0];
    const expired = i === 10 || i === 11;
    put(db.travelAlerts, {
      id: stableUuid('travel-alert', i + 1),
      destinationId: destinationIds[destIdx] ?? null,
      country: DESTINATIONS[destIdx]?.[1] ?? null,
      alertType: kind[0],
      severity: alertSeverities[i % alertSeverities.length] ?? 'info',
      title: `${kind[1]}: ${DESTINATIONS[destIdx]?.[0] ?? ''}`,
      description: `${kind[1]}. Advisors should brief affected travelers.`,
      source: i % 2 === 0 ? 'US Department of State' : 'Vendor notice',
      startsAt: at(expired ? -60 : -prng.int(0, 10)),
      endsAt: expired ? at(-30) : i % 3 === 0 ? at(prng.int(10, 40)) : null,
      isActive: !expired,
      ...stamps(expired ? 60 : 10),
    });
  }

  // Satisfaction scores for travelled bookings
  const travelled = bookings.filter(
    (b) => b.status === 'completed' || b.status === 'in_progress' || b.status === 'ticketed',
  );
  for (let i = 0; i < 30; i++) {
    const b = travelled[i % travelled.length];
    if (b === undefined || b.clientId === null) continue;
    const scoreType = i % 3 === 0 ? 'nps' : i % 3 === 1 ? 'csat' : 'post_trip';
    const score = scoreType === 'nps' ? prng.int(3, 10) : prng.int(2, 5);
    put(db.satisfaction, {
      id: stableUuid('satisfaction', i + 1),
      clientId: b.clientId,
      bookingId: b.id,
      clientTripId: b.clientTripId,
      scoreType,
      score,
      feedback: prng.chance(0.6)
        ? prng.pick(['Flawless planning.', 'Guide was outstanding.', 'Transfers ran late.', 'Would book again.'])
        : null,
      wouldRecommend: scoreType === 'nps' ? score >= 9 : score >= 4,
      submittedAt: at(-prng.int(1, 200)),
      ...stamps(30),
    });
  }

  buildInsights(db, at);
  return db;
}

/**
 * The read-only modules' rows (analytics, KPIs, social, touchpoints, activities, content), from a
 * PRNG of their own so the rows above stay as they were.
 */
function buildInsights(db: SimDb, at: (offsetDays: number, hour?: number) => string): void {
  const prng = new Prng(DEMO_SEED + 7);
  const stamps = (daysAgo: number) => ({ createdAt: at(-daysAgo, 9), updatedAt: at(-daysAgo, 9), deletedAt: null });
  const contacts = [...db.contacts.values()];
  const clients = [...db.clients.values()];
  const deals = [...db.deals.values()];
  const pages = ['/', '/trips/antarctica', '/trips/rhine-getaway', '/groups', '/contact', '/blog/packing-list'];
  const sources = [null, 'google', 'linkedin', 'newsletter', 'instagram'] as const;
  for (let i = 0; i < 120; i++) {
    const daysAgo = prng.int(0, 60);
    const utmSource = sources[i % sources.length] ?? null;
    put(db.analyticsEvents, {
      id: stableUuid('analytics-event', i + 1),
      eventName: prng.pick(['page_view', 'page_view', 'page_view', 'form_submit', 'chat_started', 'proposal_viewed']),
      sessionId: `s-${1000 + Math.floor(i / 3)}`,
      pageUrl: prng.pick(pages),
      utmSource,
      utmMedium: utmSource === null ? null : utmSource === 'newsletter' ? 'email' : 'social',
      utmCampaign: utmSource === null ? null : prng.pick(['spring-cruises', 'antarctica-2027', 'team-offsites']),
      properties: { durationMs: prng.int(500, 90_000) },
      occurredAt: at(-daysAgo, prng.int(7, 22)),
      ...stamps(daysAgo),
    });
  }
  const metrics = [
    ['bookings', 14],
    ['revenue_cents', 4_200_000],
    ['new_leads', 22],
    ['website_sessions', 640],
  ] as const;
  for (let d = 0; d < 30; d++) {
    metrics.forEach(([metric, base], k) => {
      put(db.kpiSnapshots, {
        id: stableUuid('kpi-snapshot', d * metrics.length + k + 1),
        snapshotDate: at(-d).slice(0, 10),
        metric,
        value: Math.round(base * (0.8 + prng.next() * 0.4)),
        changePercent: d === 29 ? null : Math.round((prng.next() * 30 - 15) * 10) / 10,
        ...stamps(d),
      });
    });
  }
  for (let i = 0; i < 24; i++) {
    const scheduled = i % 4 === 0;
    const daysAgo = scheduled ? -prng.int(1, 14) : prng.int(1, 90);
    put(db.socialPosts, {
      id: stableUuid('social-post', i + 1),
      platform: prng.pick(['linkedin', 'instagram', 'facebook', 'x'] as const),
      body: prng.pick([
        'Sunrise over the Drake Passage: our Antarctica guests say it all.',
        'Five things to pack for a Rhine river cruise.',
        'Team offsites that people actually remember.',
        'Group departures to Japan are filling up: ask your advisor.',
      ]),
      status: scheduled ? 'scheduled' : i % 7 === 3 ? 'draft' : 'published',
      scheduledFor: at(-daysAgo, 11),
      publishedAt: scheduled || i % 7 === 3 ? null : at(-daysAgo, 11),
      likes: scheduled ? 0 : prng.int(5, 400),
      impressions: scheduled ? 0 : prng.int(300, 12_000),
      ...stamps(Math.max(0, daysAgo)),
    });
  }
  const channels = ['email', 'phone', 'video', 'slack', 'in_person', 'linkedin', 'text', 'website'] as const;
  for (let i = 0; i < 60; i++) {
    const client = clients[i % clients.length];
    const daysAgo = prng.int(0, 120);
    put(db.touchpoints, {
      id: stableUuid('touchpoint', i + 1),
      contactId: client?.contactId ?? contacts[i % contacts.length]?.id ?? null,
      clientId: client?.id ?? null,
      channel: channels[i % channels.length] ?? 'email',
      direction: i % 3 === 0 ? 'inbound' : 'outbound',
      subject: prng.pick([
        'Itinerary questions',
        'Deposit reminder',
        'Post-trip check-in',
        'Visa paperwork',
        'New trip idea',
      ]),
      notes: prng.chance(0.5) ? 'Logged from the advisor inbox.' : null,
      occurredAt: at(-daysAgo, prng.int(8, 18)),
      ...stamps(daysAgo),
    });
  }
  for (let i = 0; i < 40; i++) {
    const deal = deals[i % Math.max(1, deals.length)];
    const daysAgo = prng.int(0, 90);
    put(db.activities, {
      id: stableUuid('tt-activity', i + 1),
      activityType: prng.pick(['call', 'email', 'meeting', 'note', 'proposal_sent']),
      subject: prng.pick(['Discovery call', 'Sent cabin options', 'Budget review', 'Follow-up on proposal']),
      description: prng.chance(0.4) ? 'Client prefers balcony cabins.' : null,
      contactId: deal?.contactId ?? null,
      dealId: deal?.id ?? null,
      clientId: clients[i % clients.length]?.id ?? null,
      occurredAt: at(-daysAgo, prng.int(8, 18)),
      ...stamps(daysAgo),
    });
  }
  const content = [
    ['blog_post', 'Packing for Antarctica', 'published'],
    ['blog_post', 'Why river cruises win for first-timers', 'published'],
    ['page_section', 'Home hero', 'published'],
    ['testimonial', 'The Okafors on Galapagos', 'published'],
    ['testimonial', 'A team offsite in Lisbon', 'draft'],
    ['blog_post', 'Visa rules changing in 2027', 'draft'],
    ['page_section', 'Groups page intro', 'archived'],
  ] as const;
  content.forEach(([contentType, title, status], i) => {
    const daysAgo = 10 + i * 9;
    put(db.content, {
      id: stableUuid('managed-content', i + 1),
      contentType,
      slug: slugify(title),
      title,
      body: `${title}. Written by the Travel Tamers team.`,
      status,
      publishedAt: status === 'published' ? at(-daysAgo, 12) : null,
      ...stamps(daysAgo),
    });
  });
}

/** Used by `/api/intelligence/top-opportunities` to stay deterministic. */
export const TRIP_TYPES_FOR_STYLE: Record<string, readonly TripType[]> = {
  luxury: ['luxury_resort', 'ocean_cruise', 'custom'],
  adventure: ['adventure', 'expedition_cruise'],
  cultural: ['cultural', 'river_cruise', 'group_trip'],
  relaxation: ['luxury_resort', 'river_cruise'],
  expedition: ['expedition_cruise', 'adventure'],
};
export const ALL_TRIP_TYPES = tripTypes;
