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

type TtColumn = 'ttClientId' | 'ttTravelerId';

/** The live contact carrying each TT-API id (the oldest when a duplicate still carries it too). */
function contactsByTtId(em: EntityManager, column: TtColumn) {
  return new DataLoader<string, Contact | null>(async (ids) => {
    const rows = await em.find(Contact, { [column]: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const found = new Map<string, Contact>();
    for (const row of rows) {
      const key = row[column];
      if (key && !found.has(key)) found.set(key, row);
    }
    return ids.map((id) => found.get(id) ?? null);
  });
}

export function ttLinkLoaders(em: EntityManager) {
  return {
    contactByTtClient: contactsByTtId(em, 'ttClientId'),
    contactByTtTraveler: contactsByTtId(em, 'ttTravelerId'),
    companyByTt: new DataLoader<string, Company | null>(async (ids) => {
      const rows = await em.find(Company, { ttCompanyId: { $in: [...ids] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const found = new Map<string, Company>();
      for (const row of rows) if (row.ttCompanyId && !found.has(row.ttCompanyId)) found.set(row.ttCompanyId, row);
      return ids.map((id) => found.get(id) ?? null);
    }),
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
