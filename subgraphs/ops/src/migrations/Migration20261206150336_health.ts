import { Migration } from '@mikro-orm/migrations';

export class Migration20261206150336_health extends Migration {

  override name = 'Migration20261206150336_health';

  override up(): void | Promise<void> {
    this.addSql(`create type "ops_health_status" as enum ('UP', 'DEGRADED', 'DOWN', 'NOT_CONFIGURED');`);
    this.addSql(`create table "health_change" ("id" uuid not null, "component" varchar(80) not null, "status" "ops_health_status" not null, "previous_status" "ops_health_status" null, "detail" varchar(500) null, "at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "health_change_at_id_index" on "health_change" ("at", "id");`);
    this.addSql(`create index "health_change_component_at_index" on "health_change" ("component", "at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "health_change" cascade;`);

    this.addSql(`drop type "ops_health_status";`);
  }

}
