import { Migration } from '@mikro-orm/migrations';

export class Migration20261206082741_rooming_lists extends Migration {

  override name = 'Migration20261206082741_rooming_lists';

  override up(): void | Promise<void> {
    this.addSql(`create table "rooming_list" ("id" uuid not null, "group_id" uuid not null, "rooms" jsonb not null, "updated_by_id" uuid null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "rooming_list" add constraint "rooming_list_group_id_unique" unique ("group_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rooming_list" cascade;`);
  }

}
