import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { DEMO_USERS, type Logger } from '@nexus/platform';
import { Availability, MeetingType, Playbook, Product, RoutingForm } from './entities/index.ts';
import type { SalesEnv } from './env.ts';

/** The demo members who take meetings: the advisor and a Japan specialist. */
const demoMember = (email: string) => {
  const u = DEMO_USERS.find((x) => x.email === email);
  if (!u) throw new Error(`no demo user ${email}`);
  return u;
};
export const DEMO_BOOKING_SLUG = 'avery-intro-call';
export const DEMO_TEAM_SLUG = 'trip-planning-call';
export const DEMO_ROUTING_SLUG = 'plan-your-trip';

/**
 * Meetings a visitor can book right after `npm start`: the advisor's and a specialist's weekly
 * hours, the advisor's one-person booking page, a round-robin planning call for both, and a routing
 * form that sends Japan to the specialist. Idempotent (keyed by member and slug); never overwrites.
 */
async function seedMeetings(em: EntityManager) {
  const avery = demoMember('advisor@nexus.test');
  const jo = demoMember('jo.chen@nexus.test');
  const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end }));
  for (const [u, timeZone, weekly] of [
    [avery, 'America/Los_Angeles', weekdays('09:00', '17:00')],
    [jo, 'America/New_York', weekdays('10:00', '18:00')],
  ] as const) {
    if (await em.findOne(Availability, { userId: u.id })) continue;
    em.create(Availability, {
      userId: u.id,
      displayName: u.name,
      email: u.email,
      timeZone,
      weekly: [...weekly],
      overrides: [],
      calendarProvider: null,
      calendarAddress: null,
    });
  }
  type TypeFields = Pick<
    MeetingType,
    | 'name'
    | 'description'
    | 'kind'
    | 'hostIds'
    | 'durationMinutes'
    | 'bufferAfterMinutes'
    | 'minimumNoticeMinutes'
    | 'maxDaysAhead'
    | 'location'
    | 'ownerId'
  >;
  const type = async (slug: string, fields: TypeFields) =>
    (await em.findOne(MeetingType, { slug })) ??
    em.create(MeetingType, { slug, bufferBeforeMinutes: 0, slotStepMinutes: null, active: true, ...fields });
  await type(DEMO_BOOKING_SLUG, {
    name: 'Intro call with Avery',
    description: 'Twenty minutes to talk about where you would like to go.',
    kind: 'ONE_PERSON',
    hostIds: [avery.id],
    durationMinutes: 20,
    bufferAfterMinutes: 10,
    minimumNoticeMinutes: 120,
    maxDaysAhead: 60,
    location: 'Video call (link in the invitation)',
    ownerId: avery.id,
  });
  const team = await type(DEMO_TEAM_SLUG, {
    name: 'Trip planning call',
    description: 'An hour with one of our advisors to plan your trip.',
    kind: 'ROUND_ROBIN',
    hostIds: [avery.id, jo.id],
    durationMinutes: 45,
    bufferAfterMinutes: 15,
    minimumNoticeMinutes: 240,
    maxDaysAhead: 60,
    location: 'Video call (link in the invitation)',
    ownerId: avery.id,
  });
  if (!(await em.findOne(RoutingForm, { slug: DEMO_ROUTING_SLUG })))
    em.create(RoutingForm, {
      slug: DEMO_ROUTING_SLUG,
      name: 'Plan your trip',
      intro: 'Tell us a little about your trip and we will find the right advisor.',
      meetingTypeId: team.id,
      destinations: ['Japan', 'Italy', 'Portugal', 'Kenya'],
      tripTypes: ['Honeymoon', 'Family', 'Safari', 'Food and wine'],
      rules: [{ field: 'DESTINATION', values: ['Japan'], hostId: jo.id }],
      routeKnownClients: true,
      fallbackHostId: avery.id,
    });
}

/** Demo catalogue, a discovery playbook and bookable meetings; idempotent (keyed by SKU, name, slug). */
export async function seedSales(orm: MikroORM, _env: SalesEnv, log: Logger) {
  const em = orm.em.fork();
  const products = [
    { sku: 'PLAN-FEE', name: 'Trip planning fee', category: 'Services', unitPrice: 15_000, unitCost: 0, taxRate: 0 },
    {
      sku: 'LIS-5N-4S',
      name: 'Lisbon 5 nights, 4-star hotel',
      category: 'Packages',
      unitPrice: 129_000,
      unitCost: 98_000,
      pricingUnit: 'PER_PERSON' as const,
      tiers: [{ minQuantity: 4, unitPrice: 119_000 }],
    },
    {
      sku: 'LIS-5N-5S',
      name: 'Lisbon 5 nights, 5-star hotel',
      category: 'Packages',
      unitPrice: 189_000,
      unitCost: 150_000,
      pricingUnit: 'PER_PERSON' as const,
    },
    {
      sku: 'INS-TRAVEL',
      name: 'Travel insurance',
      category: 'Insurance',
      unitPrice: 8_900,
      unitCost: 5_000,
      pricingUnit: 'PER_PERSON' as const,
    },
  ];
  let created = 0;
  for (const p of products) {
    if (await em.findOne(Product, { sku: p.sku })) continue;
    em.create(Product, p);
    created += 1;
  }
  if (!(await em.findOne(Playbook, { name: 'Discovery call' })))
    em.create(Playbook, {
      name: 'Discovery call',
      description: 'What to learn before proposing a trip.',
      sections: [
        {
          title: 'The trip',
          items: [
            { key: 'dates', kind: 'QUESTION', text: 'When would you like to travel, and how flexible are the dates?' },
            { key: 'travellers', kind: 'QUESTION', text: 'Who is travelling (adults, children, rooms)?' },
            { key: 'budget', kind: 'QUESTION', text: 'What budget per person do you have in mind?' },
          ],
        },
        {
          title: 'Before the proposal',
          items: [{ key: 'passports', kind: 'CHECKLIST', text: 'Passports valid 6 months past return' }],
        },
      ],
    });
  await seedMeetings(em);
  await em.flush();
  if (created) log.info({ created }, 'seeded demo products');
}
