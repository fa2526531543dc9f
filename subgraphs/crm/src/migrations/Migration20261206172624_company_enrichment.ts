import { Migration } from '@mikro-orm/migrations';

export class Migration20261206172624_company_enrichment extends Migration {

  override name = 'Migration20261206172624_company_enrichment';

  override up(): void | Promise<void> {
    this.addSql(`alter table "company" add "enrichment_data_source" varchar(100) null, add "enriched_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "company" drop column "enrichment_data_source", drop column "enriched_at";`);
  }

}
