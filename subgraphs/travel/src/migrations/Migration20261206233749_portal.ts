import { Migration } from '@mikro-orm/migrations';

export class Migration20261206233749_portal extends Migration {

  override name = 'Migration20261206233749_portal';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_travel_passport_change_status" as enum ('PENDING', 'APPLIED', 'REJECTED');`);
    this.addSql(`create type "nx_travel_vault_file_kind" as enum ('VOUCHER', 'PASSPORT_SCAN');`);
    this.addSql(`create table "portal_passport_change" ("id" uuid not null, "traveler_id" uuid not null, "client_id" uuid not null, "submitted_by_account_id" uuid not null, "document_number" varchar(20) null, "number_last4" varchar(4) not null, "issuing_country" varchar(2) not null, "issue_date" date not null, "expiry_date" date not null, "status" "nx_travel_passport_change_status" not null default 'PENDING', "submitted_at" timestamptz not null, "decided_by_id" uuid null, "decided_at" timestamptz null, "decision_note" varchar(500) null, "applied_document_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "portal_passport_change_traveler_id_index" on "portal_passport_change" ("traveler_id");`);
    this.addSql(`create table "portal_vault_file" ("id" uuid not null, "kind" "nx_travel_vault_file_kind" not null, "client_trip_id" uuid not null, "traveler_id" uuid null, "title" varchar(200) not null, "file_name" varchar(200) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by_kind" varchar(10) not null, "uploaded_by_id" uuid null, "created_at" timestamptz not null, "purge_after" date null, primary key ("id"));`);
    this.addSql(`create index "portal_vault_file_client_trip_id_index" on "portal_vault_file" ("client_trip_id");`);
    this.addSql(`create index "portal_vault_file_purge_after_index" on "portal_vault_file" ("purge_after");`);
    this.addSql(`create table "portal_notification_log" ("id" uuid not null, "account_id" uuid not null, "kind" varchar(30) not null, "dedupe_key" varchar(200) not null, "email" varchar(320) not null, "subject" varchar(300) not null, "queued_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "portal_notification_log_account_id_index" on "portal_notification_log" ("account_id");`);
    this.addSql(`alter table "portal_notification_log" add constraint "portal_notification_log_dedupe_key_unique" unique ("dedupe_key");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "portal_notification_log" cascade;`);
    this.addSql(`drop table if exists "portal_vault_file" cascade;`);
    this.addSql(`drop table if exists "portal_passport_change" cascade;`);
    this.addSql(`drop type "nx_travel_vault_file_kind";`);
    this.addSql(`drop type "nx_travel_passport_change_status";`);
  }

}
