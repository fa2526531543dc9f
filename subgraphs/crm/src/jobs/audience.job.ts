import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '@nexus/platform';
import { Contact } from '../entities/index.ts';
import { queueAudienceFeed } from '../services/audience-feed.ts';

/**
 * Marketing's audience rebuild: every contact (deleted ones as removals) goes through the same
 * durable feed again, a page at a time, each page in one unit of work.
 */
export async function republishAudience(em: EntityManager, log: Logger): Promise<number> {
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const page: Contact[] = await em.fork().find(Contact, after ? { id: { $gt: after } } : {}, {
      orderBy: { id: 'asc' },
      limit: 500,
      populate: ['company'],
      filters: false,
    });
    if (page.length === 0) break;
    await em.fork().transactional(async (tx) => {
      for (const contact of page) queueAudienceFeed(tx, contact);
    });
    total += page.length;
    after = page.at(-1)?.id ?? null;
  }
  log.info({ contacts: total }, 'audience feed republished');
  return total;
}
