import { Migration } from '@mikro-orm/migrations';

export class Migration20261206110247_routing_forms extends Migration {

  override name = 'Migration20261206110247_routing_forms';

  override up(): void | Promise<void> {
    this.addSql(`create table "routing_form" ("id" uuid not null, "slug" varchar(80) not null, "name" varchar(200) not null, "intro" text null, "meeting_type_id" uuid not null, "destinations" jsonb not null default '[]', "trip_types" jsonb not null default '[]', "rules" jsonb not null default '[]', "route_known_clients" boolean not null default true, "fallback_host_id" uuid null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "routing_form" add constraint "routing_form_slug_unique" unique ("slug");`);
    this.addSql(`create index "routing_form_name_index" on "routing_form" ("name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "routing_form" cascade;`);
  }

}
