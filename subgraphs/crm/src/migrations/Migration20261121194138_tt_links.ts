import { Migration } from '@mikro-orm/migrations';

export class Migration20261121194138_tt_links extends Migration {

  override name = 'Migration20261121194138_tt_links';

  override up(): void | Promise<void> {
    this.addSql(`alter table "company" add "tt_company_id" uuid null;`);
    this.addSql(`create index "company_tt_company_id_index" on "company" ("tt_company_id");`);

    this.addSql(`alter table "contact" add "tt_client_id" uuid null, add "tt_traveler_id" uuid null;`);
    this.addSql(`create index "contact_tt_client_id_index" on "contact" ("tt_client_id");`);
    this.addSql(`create index "contact_tt_traveler_id_index" on "contact" ("tt_traveler_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "company_tt_company_id_index";`);
    this.addSql(`alter table "company" drop column "tt_company_id";`);

    this.addSql(`drop index "contact_tt_client_id_index";`);
    this.addSql(`drop index "contact_tt_traveler_id_index";`);
    this.addSql(`alter table "contact" drop column "tt_client_id", drop column "tt_traveler_id";`);
  }

}
