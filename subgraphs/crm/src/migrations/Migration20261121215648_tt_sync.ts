import { Migration } from '@mikro-orm/migrations';

export class Migration20261121215648_tt_sync extends Migration {

  override name = 'Migration20261121215648_tt_sync';

  override up(): void | Promise<void> {
    this.addSql(`alter table "contact" add "tt_contact_id" uuid null, add "tt_synced_at" timestamptz null;`);
    this.addSql(`create unique index "contact_tt_contact_id_live_unique" on "contact" ("tt_contact_id") where "deleted_at" is null and "tt_contact_id" is not null;`);

    this.addSql(`alter table "deal" add "tt_synced_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "contact_tt_contact_id_live_unique";`);
    this.addSql(`alter table "contact" drop column "tt_contact_id", drop column "tt_synced_at";`);

    this.addSql(`alter table "deal" drop column "tt_synced_at";`);
  }

}
