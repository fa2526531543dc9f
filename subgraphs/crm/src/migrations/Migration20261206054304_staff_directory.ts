import { Migration } from '@mikro-orm/migrations';

export class Migration20261206054304_staff_directory extends Migration {

  override name = 'Migration20261206054304_staff_directory';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_staff_role" as enum ('ADMIN', 'MANAGER', 'ADVISOR', 'AGENT', 'VIEWER');`);
    this.addSql(`create table "staff_member" ("id" uuid not null, "name" varchar(120) not null, "email" varchar(254) not null, "role" "nx_staff_role" not null, "active" boolean not null, "source_updated_at" timestamptz not null, primary key ("id"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "staff_member" cascade;`);

    this.addSql(`drop type "nx_staff_role";`);
  }

}
