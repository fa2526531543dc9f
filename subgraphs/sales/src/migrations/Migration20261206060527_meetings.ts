import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060527_meetings extends Migration {

  override name = 'Migration20261206060527_meetings';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_meeting_status" as enum ('BOOKED', 'CANCELLED');`);
    this.addSql(`create type "nx_meeting_kind" as enum ('ONE_PERSON', 'ROUND_ROBIN');`);
    this.addSql(`create table "availability" ("id" uuid not null, "user_id" uuid not null, "display_name" varchar(200) not null, "email" varchar(254) not null, "time_zone" varchar(64) not null, "weekly" jsonb not null default '[]', "overrides" jsonb not null default '[]', "ics_feed_url" varchar(2000) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "availability" add constraint "availability_user_id_unique" unique ("user_id");`);

    this.addSql(`create table "meeting" ("id" uuid not null, "meeting_type_id" uuid not null, "host_id" uuid not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "blocked_from" timestamptz not null, "blocked_until" timestamptz not null, "slot_key" varchar(80) null, "visitor_name" varchar(200) not null, "visitor_email" varchar(254) not null, "visitor_time_zone" varchar(64) not null, "notes" text null, "status" "nx_meeting_status" not null default 'BOOKED', "uid" varchar(120) not null, "sequence" int not null default 0, "manage_token_hash" varchar(64) not null, "cancelled_at" timestamptz null, "cancel_reason" varchar(1000) null, "no_show" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "meeting" add constraint "meeting_slot_key_unique" unique ("slot_key");`);
    this.addSql(`alter table "meeting" add constraint "meeting_uid_unique" unique ("uid");`);
    this.addSql(`alter table "meeting" add constraint "meeting_manage_token_hash_unique" unique ("manage_token_hash");`);
    this.addSql(`create index "meeting_host_id_starts_at_index" on "meeting" ("host_id", "starts_at");`);
    this.addSql(`create index "meeting_meeting_type_id_index" on "meeting" ("meeting_type_id");`);
    this.addSql(`create index "meeting_starts_at_index" on "meeting" ("starts_at");`);

    this.addSql(`create table "meeting_type" ("id" uuid not null, "slug" varchar(80) not null, "name" varchar(200) not null, "description" text null, "kind" "nx_meeting_kind" not null default 'ONE_PERSON', "host_ids" jsonb not null default '[]', "duration_minutes" int not null, "buffer_before_minutes" int not null default 0, "buffer_after_minutes" int not null default 0, "minimum_notice_minutes" int not null default 240, "max_days_ahead" int not null default 60, "slot_step_minutes" int null, "location" varchar(500) null, "active" boolean not null default true, "owner_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "meeting_type" add constraint "meeting_type_slug_unique" unique ("slug");`);
    this.addSql(`create index "meeting_type_name_index" on "meeting_type" ("name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "availability" cascade;`);
    this.addSql(`drop table if exists "meeting" cascade;`);
    this.addSql(`drop table if exists "meeting_type" cascade;`);

    this.addSql(`drop type "nx_meeting_status";`);
    this.addSql(`drop type "nx_meeting_kind";`);
  }

}
