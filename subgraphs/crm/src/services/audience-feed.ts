import type { EntityManager } from '@mikro-orm/postgresql';
import { AUDIENCE_CONTACT_JOB, CONTACT_OWNER_JOB, QUEUES, enqueue, type AudienceContact } from '@nexus/platform';
import type { Contact } from '../entities/index.ts';

/**
 * Marketing keeps a projection of the contacts it may email; it learns of every change through
 * this durable contract (the outbox, inside the change's own unit of work), never through pub/sub.
 */
export function queueAudienceFeed(em: EntityManager, contact: Contact): void {
  const updatedAt = new Date().toISOString();
  // travel routes passport alerts to the owner of the contact linked to a TT-API client or traveler;
  // sales and service scope the client portal's proposals, surveys and messages by the same links.
  const link = {
    contactId: contact.id,
    ttClientId: contact.ttClientId ?? null,
    ttTravelerId: contact.ttTravelerId ?? null,
    ownerId: contact.ownerId ?? null,
    deleted: contact.deletedAt !== null && contact.deletedAt !== undefined,
    updatedAt,
  };
  enqueue(em, QUEUES.travel, CONTACT_OWNER_JOB, link);
  enqueue(em, QUEUES.sales, CONTACT_OWNER_JOB, link);
  enqueue(em, QUEUES.service, CONTACT_OWNER_JOB, link);
  if (contact.deletedAt) {
    enqueue(em, QUEUES.marketing, AUDIENCE_CONTACT_JOB, { op: 'delete', contactId: contact.id, updatedAt });
    return;
  }
  // The company is loaded when the change set it; otherwise only its id is known here.
  const company = contact.company?.isInitialized() ? contact.company.unwrap() : null;
  const tz = contact.customFields.timezone;
  const payload: AudienceContact = {
    id: contact.id,
    email: contact.email ?? null,
    firstName: contact.firstName,
    lastName: contact.lastName ?? '',
    lifecycleStage: contact.lifecycleStage ?? null,
    leadStatus: contact.leadStatus ?? null,
    source: contact.leadSource ?? null,
    tags: [...contact.tags],
    score: contact.leadScore,
    ownerId: contact.ownerId ?? null,
    companyId: contact.company?.id ?? null,
    companyType: company?.companyType ?? null,
    companyTier: company?.accountTier ?? null,
    customFields: { ...contact.customFields },
    timezone: typeof tz === 'string' ? tz : null,
    updatedAt,
  };
  enqueue(em, QUEUES.marketing, AUDIENCE_CONTACT_JOB, { op: 'upsert', contact: payload });
}
