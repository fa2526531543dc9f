import { Migration } from '@mikro-orm/migrations';

/**
 * Triage's candidate indexes: a title-only full-text vector (generated, GIN-indexed), so the words
 * of a ticket are looked up in article titles without ranking every article whose body shares a
 * common word; and a trigram index on the requester's name and email for ticket search.
 */
export class Migration20261206083000_search_indexes extends Migration {

  override name = 'Migration20261206083000_search_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `alter table "kb_article" add column "title_vector" tsvector generated always as (to_tsvector('english', coalesce("title", ''))) stored;`,
    );
    this.addSql(`create index "kb_article_title_vector_gin" on "kb_article" using gin ("title_vector");`);
    // Ticket search by requester: `ilike '%…%'` on name and email, served by a trigram index.
    this.addSql(
      `create index "ticket_requester_trgm" on "ticket" using gin ((coalesce("requester_name", '') || ' ' || coalesce("requester_email", '')) gin_trgm_ops);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "ticket_requester_trgm";`);
    this.addSql(`drop index if exists "kb_article_title_vector_gin";`);
    this.addSql(`alter table "kb_article" drop column if exists "title_vector";`);
  }

}
