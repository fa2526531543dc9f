/**
 * Links between CRM records and their TT-API profiles. The TT-API sync stamps contacts with their
 * TT-API client and traveler ids and companies with their TT-API company id; the travel subgraph
 * resolves those profiles, and comes back here by the same ids (extra `@key`s on Contact and
 * Company), one query per list of references.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ttDemoLinks } from '@nexus/platform';
import { Company, Contact } from '../entities/index.ts';

type TtColumn = 'ttClientId' | 'ttTravelerId' | 'ttContactId';

/** Keeps, per TT-API id, the first row carrying it: the oldest, when a duplicate still carries it too. */
function firstPerTtId<T>(rows: T[], key: (row: T) => string | null | undefined): Map<string, T> {
  const found = new Map<string, T>();
  for (const row of rows) {
    const id = key(row);
    if (id && !found.has(id)) found.set(id, row);
  }
  return found;
}

const OLDEST_FIRST = { orderBy: { createdAt: 'asc', id: 'asc' } } as const;
const distinct = (ids: readonly (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => !!id))];

/** The live contacts carrying these TT-API ids in `column`, by id. */
export async function contactsByTtIds(em: EntityManager, column: TtColumn, ttIds: readonly (string | null | undefined)[]) {
  const ids = distinct(ttIds);
  const rows = ids.length ? await em.find(Contact, { [column]: { $in: ids } }, OLDEST_FIRST) : [];
  return firstPerTtId(rows, (row) => row[column]);
}

/** The live companies carrying these TT-API company ids, by id. */
export async function companiesByTtIds(em: EntityManager, ttIds: readonly (string | null | undefined)[]) {
  const ids = distinct(ttIds);
  const rows = ids.length ? await em.find(Company, { ttCompanyId: { $in: ids } }, OLDEST_FIRST) : [];
  return firstPerTtId(rows, (row) => row.ttCompanyId);
}

const loaderOf = <T>(lookup: (ids: readonly string[]) => Promise<Map<string, T>>) =>
  new DataLoader<string, T | null>(async (ids) => {
    const found = await lookup(ids);
    return ids.map((id) => found.get(id) ?? null);
  });

export function ttLinkLoaders(em: EntityManager) {
  return {
    contactByTtClient: loaderOf((ids) => contactsByTtIds(em, 'ttClientId', ids)),
    contactByTtTraveler: loaderOf((ids) => contactsByTtIds(em, 'ttTravelerId', ids)),
    companyByTt: loaderOf((ids) => companiesByTtIds(em, ids)),
  };
}

/**
 * Demo data only: gives the first demo contacts (by email) the TT-API simulator's demo client and
 * traveler ids (contact k is client k's primary traveler), and the first demo companies (by name)
 * the simulator's company ids, as the TT-API sync would. A sync links the same person on both
 * sides, so the linked demo records also take their TT-API counterpart's name and email: a
 * traveler's CRM contact is that traveler. Idempotent: does nothing once any record carries a
 * TT-API id.
 */
export async function linkTtDemoIds(em: EntityManager): Promise<{ contacts: number; companies: number } | null> {
  const linked =
    (await em.count(Contact, { ttClientId: { $ne: null } }, { filters: false })) +
    (await em.count(Company, { ttCompanyId: { $ne: null } }, { filters: false }));
  if (linked > 0) return null;
  const clients = ttDemoLinks.clients;
  const contacts = await em.find(Contact, {}, { orderBy: { email: 'asc', id: 'asc' }, limit: clients.length });
  contacts.forEach((contact, k) => {
    const client = clients[k];
    const traveler = ttDemoLinks.travelers.find((t) => t.clientId === client?.id);
    contact.ttClientId = client?.id ?? null;
    contact.ttTravelerId = traveler?.id ?? null;
    if (traveler) {
      contact.firstName = traveler.firstName;
      contact.lastName = traveler.lastName;
      contact.email = traveler.email.toLowerCase();
    }
  });
  const companies = await em.find(Company, {}, { orderBy: { name: 'asc', id: 'asc' }, limit: ttDemoLinks.companies.length });
  companies.forEach((company, k) => {
    const ttCompany = ttDemoLinks.companies[k];
    company.ttCompanyId = ttCompany?.id ?? null;
    if (ttCompany) {
      company.name = ttCompany.name;
      company.domain = ttCompany.domain;
    }
  });
  await em.flush();
  return { contacts: contacts.length, companies: companies.length };
}
