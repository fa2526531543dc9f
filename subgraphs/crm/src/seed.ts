import type { EntityManager } from '@mikro-orm/postgresql';
import { DEMO_USERS } from '@nexus/platform';
import {
  ACCOUNT_TIERS,
  COMPANY_STATUSES,
  COMPANY_TYPES,
  CONTACT_ROLES,
  Company,
  Contact,
  ENGAGEMENT_LEVELS,
  LEAD_SOURCES,
  LEAD_STATUSES,
  LIFECYCLE_STAGES,
} from './entities/index.ts';

export const DEMO_COMPANY_COUNT = 60;
export const DEMO_CONTACT_COUNT = 400;

/** mulberry32: a small seeded PRNG, so every demo database holds the same companies and contacts. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  /** A version-4-shaped UUID drawn from the sequence, so demo ids are stable across databases. */
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(16).toString(16));
    hex[12] = '4';
    hex[16] = (int(4) + 8).toString(16);
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  return { next, int, pick, uuid };
}

// Index i takes value i mod n, so every enum value appears; the PRNG shuffles everything else.
const cycle = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('cycle over an empty list');
  return item;
};

const COMPANY_WORDS = ['Summit', 'Harbor', 'Northwind', 'Bluefin', 'Cedar', 'Atlas', 'Lumen', 'Orchard', 'Vertex', 'Meridian', 'Juniper', 'Beacon', 'Granite', 'Solstice', 'Tidewater'];
const COMPANY_SUFFIXES = ['Labs', 'Partners', 'Group', 'Health', 'Analytics', 'Foundation', 'Studios', 'Logistics', 'Ventures', 'Academy'];
const INDUSTRIES = ['Software', 'Healthcare', 'Financial services', 'Education', 'Manufacturing', 'Nonprofit', 'Consulting', 'Media', 'Retail', 'Hospitality'];
const PLACES: readonly (readonly [string, string])[] = [
  ['Austin', 'US'], ['Denver', 'US'], ['Seattle', 'US'], ['Chicago', 'US'], ['Boston', 'US'], ['Toronto', 'CA'],
  ['Vancouver', 'CA'], ['London', 'GB'], ['Dublin', 'IE'], ['Berlin', 'DE'], ['Sydney', 'AU'], ['Mexico City', 'MX'],
];
const FIRST_NAMES = ['Maya', 'Liam', 'Priya', 'Noah', 'Sofia', 'Ethan', 'Aisha', 'Lucas', 'Chloe', 'Mateo', 'Hana', 'Owen', 'Zara', 'Diego', 'Ingrid', 'Kofi', 'Elena', 'Ravi', 'Grace', 'Tomás'];
const LAST_NAMES = ['Nguyen', 'Okafor', 'Schmidt', 'Garcia', 'Kim', 'Patel', 'Rossi', 'Johansson', 'Murphy', 'Haddad', 'Silva', 'Cohen', 'Tanaka', 'Dubois', 'Walker', 'Moreno', 'Novak', 'Ahmed', 'Fischer', 'Brooks'];
const JOB_TITLES = ['CEO', 'VP People', 'Director of Operations', 'Head of Culture', 'Office Manager', 'Travel Coordinator', 'Executive Assistant', 'Founder', 'Program Manager', 'Event Lead'];
const TAGS = ['offsite', 'incentive-trip', 'cruise', 'retreat', 'vip', 'newsletter', 'conference', 'family', 'adventure', 'repeat'];

// Advisors and agents own most records, as on the real team.
const OWNERS = [
  ...DEMO_USERS.filter((u) => u.role === 'ADVISOR' || u.role === 'AGENT').flatMap((u) => [u.id, u.id, u.id]),
  ...DEMO_USERS.filter((u) => u.role === 'MANAGER').map((u) => u.id),
];
const BASE_TIME = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

/** Demo companies and contacts; idempotent (does nothing once any contact exists, even deleted). */
export async function seedCrm(em: EntityManager): Promise<{ companies: number; contacts: number } | null> {
  if ((await em.count(Contact, {}, { filters: false })) > 0) return null;
  const r = prng(20261121);

  const companies: Company[] = [];
  for (let i = 0; i < DEMO_COMPANY_COUNT; i++) {
    const name = `${cycle(COMPANY_WORDS, i)} ${cycle(COMPANY_SUFFIXES, i * 7 + Math.floor(i / COMPANY_WORDS.length))}`;
    const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`;
    const [city, country] = r.pick(PLACES);
    const createdAt = new Date(BASE_TIME + r.int(600) * DAY);
    companies.push(
      em.create(Company, {
        id: r.uuid(),
        name,
        domain,
        industry: r.pick(INDUSTRIES),
        companyType: cycle(COMPANY_TYPES, i),
        status: cycle(COMPANY_STATUSES, i),
        accountTier: cycle(ACCOUNT_TIERS, i),
        engagementLevel: cycle(ENGAGEMENT_LEVELS, i),
        leadScore: r.int(101),
        annualTravelBudgetCents: (25 + r.int(400)) * 1_000_00,
        phone: `+1 555 01${String(i).padStart(2, '0')}`,
        website: `https://${domain}`,
        city,
        country,
        ownerId: r.pick(OWNERS),
        customFields: { employees: 10 + r.int(2000) },
        tags: [r.pick(TAGS)],
        createdAt,
        updatedAt: createdAt,
      }),
    );
  }

  for (let i = 0; i < DEMO_CONTACT_COUNT; i++) {
    const firstName = cycle(FIRST_NAMES, i);
    const lastName = cycle(LAST_NAMES, i * 3 + Math.floor(i / FIRST_NAMES.length));
    // One contact in ten is an individual traveller with no company.
    const company = i % 10 === 9 ? null : r.pick(companies);
    const [city, country] = r.pick(PLACES);
    const createdAt = new Date(BASE_TIME + r.int(680) * DAY);
    em.create(Contact, {
      id: r.uuid(),
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i}@${company?.domain ?? 'mail.example'}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, ''),
      phone: `+1 555 1${String(i).padStart(3, '0')}`,
      jobTitle: r.pick(JOB_TITLES),
      lifecycleStage: cycle(LIFECYCLE_STAGES, i),
      leadStatus: cycle(LEAD_STATUSES, i),
      leadSource: cycle(LEAD_SOURCES, i),
      contactRole: cycle(CONTACT_ROLES, i),
      leadScore: r.int(101),
      company,
      ownerId: r.pick(OWNERS),
      city,
      country,
      customFields: r.next() < 0.3 ? { dietary: 'vegetarian' } : {},
      tags: r.next() < 0.6 ? [r.pick(TAGS), r.pick(TAGS)].filter((t, k, all) => all.indexOf(t) === k) : [],
      createdAt,
      updatedAt: createdAt,
    });
  }
  await em.flush();
  return { companies: DEMO_COMPANY_COUNT, contacts: DEMO_CONTACT_COUNT };
}
