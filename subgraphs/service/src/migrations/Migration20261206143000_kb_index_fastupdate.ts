import { Migration } from '@mikro-orm/migrations';

/**
 * Triage (on every new ticket) and knowledge-base search read the article GIN indexes, while
 * articles change rarely. With GIN's default `fastupdate`, new rows wait in the index's pending
 * list until a vacuum merges them, and every search reads that whole list: with 5,000 freshly
 * written articles, one triage spent about three times as long in the database. The article
 * indexes take writes directly instead, and anything already pending is merged now.
 */
export class Migration20261206143000_kb_index_fastupdate extends Migration {

  override name = 'Migration20261206143000_kb_index_fastupdate';

  override up(): void | Promise<void> {
    for (const index of ['kb_article_search_vector_gin', 'kb_article_title_vector_gin', 'kb_article_title_trgm']) {
      this.addSql(`alter index "${index}" set (fastupdate = off);`);
      this.addSql(`select gin_clean_pending_list('"${index}"'::regclass);`);
    }
  }

  override down(): void | Promise<void> {
    for (const index of ['kb_article_search_vector_gin', 'kb_article_title_vector_gin', 'kb_article_title_trgm'])
      this.addSql(`alter index "${index}" reset (fastupdate);`);
  }

}
