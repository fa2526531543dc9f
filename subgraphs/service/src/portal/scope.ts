import type { EntityManager } from '@mikro-orm/postgresql';
import { CLIENT_AGENT_HEADER, CLIENT_IP_HEADER, type ContactOwnerJob } from '@nexus/platform';
import { PortalContact } from './portal.entity.ts';

/**
 * crm's `contact-owner` message applied to the projection: a newer change wins; a contact that
 * lost its TT-API links, or was deleted, leaves it.
 */
export async function applyContactLink(
  em: EntityManager,
  m: ContactOwnerJob,
): Promise<'applied' | 'stale' | 'removed'> {
  const at = new Date(m.updatedAt);
  const row = await em.findOne(PortalContact, { contactId: m.contactId });
  if (row && row.updatedAt > at) return 'stale';
  if (m.deleted || (!m.ttClientId && !m.ttTravelerId)) {
    if (row) {
      em.remove(row);
      await em.flush();
    }
    return 'removed';
  }
  if (row) {
    row.ttClientId = m.ttClientId;
    row.ttTravelerId = m.ttTravelerId;
    row.updatedAt = at;
  } else
    em.create(PortalContact, {
      contactId: m.contactId,
      ttClientId: m.ttClientId,
      ttTravelerId: m.ttTravelerId,
      updatedAt: at,
    });
  await em.flush();
  return 'applied';
}

/** The crm contacts of a TT-API client (the traveller's party). */
export async function partyContactIds(em: EntityManager, ttClientId: string): Promise<string[]> {
  const rows = await em.find(PortalContact, { ttClientId }, { orderBy: { contactId: 'asc' } });
  return rows.map((r) => r.contactId);
}

/** The crm contact a traveller is: theirs as a traveler, else their client's (the oldest link). */
export async function contactOfTraveller(
  em: EntityManager,
  scope: { ttClientId: string; ttTravelerId: string },
): Promise<string | null> {
  const own = await em.findOne(PortalContact, { ttTravelerId: scope.ttTravelerId }, { orderBy: { updatedAt: 'asc' } });
  if (own) return own.contactId;
  const party = await em.findOne(PortalContact, { ttClientId: scope.ttClientId }, { orderBy: { updatedAt: 'asc' } });
  return party?.contactId ?? null;
}

/**
 * The address and browser a portal write came from, as the gateway saw them (it forwards both on a
 * traveller's writes); `unknown` when called some other way.
 */
export const portalOrigin = (http: { header(name: string): string | undefined }) => ({
  ip: (http.header(CLIENT_IP_HEADER) ?? '').slice(0, 100) || 'unknown',
  userAgent: (http.header(CLIENT_AGENT_HEADER) ?? '').slice(0, 500) || 'unknown',
});
