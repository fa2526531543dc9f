import { Migration } from '@mikro-orm/migrations';

export class Migration20261206055851_contact_owners extends Migration {

  override name = 'Migration20261206055851_contact_owners';

  override up(): void | Promise<void> {
    this.addSql(`create table "contact_owner" ("contact_id" uuid not null, "tt_client_id" uuid null, "tt_traveler_id" uuid null, "owner_id" uuid null, "updated_at" timestamptz not null, primary key ("contact_id"));`);
    this.addSql(`create index "contact_owner_tt_client_id_index" on "contact_owner" ("tt_client_id");`);
    this.addSql(`create index "contact_owner_tt_traveler_id_index" on "contact_owner" ("tt_traveler_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "contact_owner" cascade;`);
  }

}
