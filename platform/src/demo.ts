import { createHash } from 'node:crypto';

/**
 * Demo staff accounts, shared by every subgraph's seed so that demo records can name their owners.
 * Seeds run only outside production.
 */
export const DEMO_USERS = [
  { id: '0b6f6f0e-0000-4000-8000-000000000001', email: 'admin@nexus.test', name: 'Ada Admin', role: 'ADMIN' },
  { id: '0b6f6f0e-0000-4000-8000-000000000002', email: 'manager@nexus.test', name: 'Morgan Manager', role: 'MANAGER' },
  { id: '0b6f6f0e-0000-4000-8000-000000000003', email: 'advisor@nexus.test', name: 'Avery Advisor', role: 'ADVISOR' },
  { id: '0b6f6f0e-0000-4000-8000-000000000004', email: 'agent@nexus.test', name: 'Alex Agent', role: 'AGENT' },
  { id: '0b6f6f0e-0000-4000-8000-000000000005', email: 'viewer@nexus.test', name: 'Vic Viewer', role: 'VIEWER' },
  { id: '0b6f6f0e-0000-4000-8000-000000000006', email: 'sam.rivera@nexus.test', name: 'Sam Rivera', role: 'ADVISOR' },
  { id: '0b6f6f0e-0000-4000-8000-000000000007', email: 'jo.chen@nexus.test', name: 'Jo Chen', role: 'ADVISOR' },
  { id: '0b6f6f0e-0000-4000-8000-000000000008', email: 'kai.patel@nexus.test', name: 'Kai Patel', role: 'AGENT' },
] as const;
export type DemoUser = (typeof DEMO_USERS)[number];

// ---------------------------------------------------------------------------------------------
// TT-API demo identities. The TT-API simulator (travel) builds its demo rows from these, and the
// crm seed links its demo contacts and companies to the same TT-API ids. Subgraphs never import
// each other, so what both sides need lives here. Everything below is clock-independent.
// ---------------------------------------------------------------------------------------------
/** mulberry32: tiny, fast, and the same sequence on every platform for a given seed. */
export class DemoPrng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const a = copy[i];
      const b = copy[j];
      if (a === undefined || b === undefined) continue;
      copy[i] = b;
      copy[j] = a;
    }
    return copy.slice(0, Math.min(count, copy.length));
  }
}

const TT_DEMO_NAMESPACE = 'travel-tamers/tt-api-simulator';

/**
 * A UUID (version 5 layout) derived from a name, so demo rows keep the same id across runs and
 * regardless of generation order: the crm seed and tests refer to them.
 */
export function stableDemoId(kind: string, key: string | number): string {
  const hash = createHash('sha1').update(`${TT_DEMO_NAMESPACE}:${kind}:${key}`).digest();
  const b = Uint8Array.from(hash.subarray(0, 16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x50;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const TT_DEMO_SEED = 20_250_601;

export const TT_DEMO_FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia',
  'Levi', 'Amelia', 'Ezra', 'Harper', 'Asher', 'Evelyn', 'James', 'Luna', 'Leo', 'Camila', 'Henry',
  'Gianna', 'Hudson', 'Aria', 'Ethan', 'Scarlett', 'Kai', 'Penelope', 'Julian', 'Layla', 'Theo',
  'Chloe', 'Maya', 'Aiden', 'Nora', 'Samuel', 'Zoe', 'Miles', 'Priya', 'Ravi', 'Keiko', 'Tomas',
  'Ines', 'Omar', 'Fatima', 'Diego', 'Sofia', 'Andre', 'Lena', 'Marcus', 'Grace', 'Wei', 'Hana',
  'Jonah', 'Ruth', 'Felix', 'Clara', 'Idris', 'Elena',
] as const;
export const TT_DEMO_LAST_NAMES = [
  'Hartley', 'Okafor', 'Lindqvist', 'Moreau', 'Castillo', 'Nakamura', 'Brennan', 'Whitfield',
  'Adeyemi', 'Rossi', 'Kowalski', 'Delacroix', 'Sato', 'Fitzgerald', 'Mendes', 'Thornton', 'Haddad',
  'Vasquez', 'Albright', 'Kensington', 'Park', 'Novak', 'Ferreira', 'Chandra', 'Ellison', 'Gallagher',
  'Iverson', 'Jansen', 'Kaur', 'Lombardi', 'Marchetti', 'Nguyen', 'Osei', 'Petrov', 'Quinn', 'Ramos',
  'Sinclair', 'Takahashi', 'Underwood', 'Varga',
] as const;

const TT_DEMO_COMPANIES = [
  ['Northwind Analytics', 'Software'], ['Bluefin Capital', 'Financial services'],
  ['Cedar & Pine Architects', 'Architecture'], ['Helios Biotech', 'Biotechnology'],
  ['Summit Outdoor Gear', 'Retail'], ['Lumen Media Group', 'Media'], ['Harborview Health', 'Healthcare'],
  ['Quarry Lane Legal', 'Legal'], ['Atlas Robotics', 'Manufacturing'], ['Copperleaf Foods', 'Food & beverage'],
  ['Meridian Logistics', 'Logistics'], ['Orchard Software', 'Software'],
] as const;

export const demoSlug = (s: string) =>
  s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const emailPart = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');

interface DemoPersonName { firstName: string; lastName: string }

function buildTtDemoIdentities() {
  const prng = new DemoPrng(TT_DEMO_SEED);
  const usedNames = new Set<string>();
  const person = (lastName?: string): DemoPersonName => {
    for (;;) {
      const p = { firstName: prng.pick(TT_DEMO_FIRST_NAMES), lastName: lastName ?? prng.pick(TT_DEMO_LAST_NAMES) };
      const key = `${p.firstName} ${p.lastName}`;
      if (!usedNames.has(key)) {
        usedNames.add(key);
        return p;
      }
    }
  };

  const companies = TT_DEMO_COMPANIES.map(([name, industry], i) => {
    const slug = demoSlug(name);
    return { id: stableDemoId('company', i + 1), name, slug, industry, domain: `${slug}.example.com` };
  });

  const contacts = companies.flatMap((company, ci) =>
    [0, 1, 2].map((k) => {
      const n = ci * 3 + k + 1;
      const p = person();
      return {
        id: stableDemoId('contact', n),
        ...p,
        email: `${emailPart(p.firstName)}.${emailPart(p.lastName)}@${company.domain}`,
        companyId: company.id,
      };
    }),
  );

  const DEAL_KINDS = ['Leadership retreat', 'Team offsite', 'Incentive trip', 'Board retreat'] as const;
  const deals = companies.flatMap((company, ci) =>
    [0, 1].map((k) => {
      const n = ci * 2 + k + 1;
      const contact = contacts[ci * 3 + k];
      return {
        id: stableDemoId('deal', n),
        title: `${company.name}: ${DEAL_KINDS[(ci + k) % DEAL_KINDS.length] ?? 'Retreat'} ${2026 + k}`,
        companyId: company.id,
        contactId: contact?.id ?? null,
      };
    }),
  );

  // Clients 1..20 are the first 20 CRM contacts turned customers; 21..40 are private clients.
  const clients = Array.from({ length: 40 }, (_, i) => {
    const n = i + 1;
    const contact = i < 20 ? contacts[i] : undefined;
    if (contact !== undefined) {
      return {
        id: stableDemoId('client', n),
        displayName: `${contact.firstName} ${contact.lastName}`,
        email: contact.email,
        contactId: contact.id,
        companyId: contact.companyId,
        primary: { firstName: contact.firstName, lastName: contact.lastName },
      };
    }
    const p = person();
    return {
      id: stableDemoId('client', n),
      displayName: `${p.firstName} ${p.lastName}`,
      email: `${emailPart(p.firstName)}.${emailPart(p.lastName)}@mail.example.net`,
      contactId: null,
      companyId: null,
      primary: p,
    };
  });

  // Travelers 1..40: each client's primary traveler; 41..60: family members of clients 21..40.
  const travelers = clients.map((c, i) => ({
    id: stableDemoId('traveler', i + 1),
    firstName: c.primary.firstName,
    lastName: c.primary.lastName,
    email: c.email,
    clientId: c.id,
  }));
  for (let k = 0; k < 20; k++) {
    const client = clients[20 + k];
    if (client === undefined) continue;
    const p = person(client.primary.lastName);
    travelers.push({
      id: stableDemoId('traveler', 41 + k),
      firstName: p.firstName,
      lastName: p.lastName,
      email: `${emailPart(p.firstName)}.${emailPart(p.lastName)}@mail.example.net`,
      clientId: client.id,
    });
  }
  return { companies, contacts, deals, clients, travelers };
}

/** Every TT-API demo identity, with the generation details the simulator needs. */
export const ttDemoIdentities = buildTtDemoIdentities();

/**
 * Deterministic TT-API ids and emails of the demo CRM rows and people: the link table the crm
 * seed uses to give its demo contacts and companies their TT-API ids (and tests, stable ids).
 */
export const ttDemoLinks = {
  companies: ttDemoIdentities.companies.map(({ id, name, slug, domain }) => ({ id, name, slug, domain })),
  contacts: ttDemoIdentities.contacts.map(({ id, firstName, lastName, email, companyId }) => ({
    id, firstName, lastName, email, companyId,
  })),
  deals: ttDemoIdentities.deals.map(({ id, title, companyId, contactId }) => ({ id, title, companyId, contactId })),
  clients: ttDemoIdentities.clients.map(({ id, displayName, email, contactId, companyId }) => ({
    id, displayName, email, contactId, companyId,
  })),
  travelers: ttDemoIdentities.travelers.map(({ id, firstName, lastName, email, clientId }) => ({
    id, firstName, lastName, email, clientId,
  })),
};
export type TtDemoLinks = typeof ttDemoLinks;
