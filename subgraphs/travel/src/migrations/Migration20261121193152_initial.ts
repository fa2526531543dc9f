import { Migration } from '@mikro-orm/migrations';

export class Migration20261121193152_initial extends Migration {

  override name = 'Migration20261121193152_initial';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_travel_run_status" as enum ('RUNNING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create type "nx_travel_run_trigger" as enum ('SCHEDULE', 'N8N', 'MANUAL');`);
    this.addSql(`create table "booking_sync_run" ("id" uuid not null, "status" "nx_travel_run_status" not null default 'RUNNING', "trigger" "nx_travel_run_trigger" not null, "requested_by_user_id" uuid null, "started_at" timestamptz not null, "finished_at" timestamptz null, "bookings_seen" int not null default 0, "bookings_created" int not null default 0, "bookings_updated" int not null default 0, "bookings_failed" int not null default 0, "error_summary" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "booking_sync_run_started_at_index" on "booking_sync_run" ("started_at");`);

    this.addSql(`create table "commission_reconciliation_run" ("id" uuid not null, "status" "nx_travel_run_status" not null default 'RUNNING', "trigger" "nx_travel_run_trigger" not null, "requested_by_user_id" uuid null, "started_at" timestamptz not null, "finished_at" timestamptz null, "entries_checked" int not null default 0, "entries_matched" int not null default 0, "entries_mismatched" int not null default 0, "entries_failed" int not null default 0, "error_summary" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "commission_reconciliation_run_started_at_index" on "commission_reconciliation_run" ("started_at");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");`);

    this.addSql(`create table "passport_alert" ("id" uuid not null, "travel_document_id" uuid not null, "traveler_id" uuid not null, "advisor_user_id" uuid not null, "document_type" varchar(50) not null, "expiry_date" date not null, "notified_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "passport_alert" add constraint "passport_alert_travel_document_id_unique" unique ("travel_document_id");`);
    this.addSql(`create index "passport_alert_traveler_id_index" on "passport_alert" ("traveler_id");`);
    this.addSql(`create index "passport_alert_advisor_user_id_index" on "passport_alert" ("advisor_user_id");`);
    this.addSql(`create index "passport_alert_expiry_date_index" on "passport_alert" ("expiry_date");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "booking_sync_run" cascade;`);
    this.addSql(`drop table if exists "commission_reconciliation_run" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "passport_alert" cascade;`);

    this.addSql(`drop type "nx_travel_run_status";`);
    this.addSql(`drop type "nx_travel_run_trigger";`);
  }

}
