import { Migration } from '@mikro-orm/migrations';

export class Migration20261206054104_marketing_domain extends Migration {

  override name = 'Migration20261206054104_marketing_domain';

  override up(): void | Promise<void> {
    this.addSql(`create type "mk_email_status" as enum ('PENDING', 'SUBSCRIBED', 'UNSUBSCRIBED', 'BOUNCED', 'COMPLAINED');`);
    this.addSql(`create type "mk_campaign_status" as enum ('DRAFT', 'SCHEDULED', 'SENDING', 'SENT', 'PAUSED', 'CANCELLED');`);
    this.addSql(`create type "mk_email_event_type" as enum ('DELIVERED', 'OPEN', 'CLICK', 'BOUNCE', 'COMPLAINT', 'UNSUBSCRIBE', 'DEFERRED', 'DROPPED');`);
    this.addSql(`create type "mk_send_kind" as enum ('CAMPAIGN', 'ONE_TO_ONE', 'TEST', 'TRANSACTIONAL');`);
    this.addSql(`create type "mk_send_status" as enum ('QUEUED', 'HELD', 'SENT', 'FAILED', 'SUPPRESSED', 'SKIPPED');`);
    this.addSql(`create type "mk_segment_kind" as enum ('STATIC', 'DYNAMIC');`);
    this.addSql(`create type "mk_suppression_reason" as enum ('UNSUBSCRIBED', 'HARD_BOUNCE', 'COMPLAINED', 'IMPORTED', 'MANUAL');`);
    this.addSql(`create table "audience_member" ("id" uuid not null, "email" varchar(254) null, "first_name" varchar(120) not null, "last_name" varchar(120) not null default '', "lifecycle_stage" varchar(40) null, "lead_status" varchar(40) null, "source" varchar(40) null, "tags" text[] not null default '{}', "score" int not null default 0, "owner_id" uuid null, "company_id" uuid null, "company_type" varchar(40) null, "company_tier" varchar(40) null, "custom_fields" jsonb not null default '{}', "timezone" varchar(64) null, "email_status" "mk_email_status" not null default 'SUBSCRIBED', "consent_basis" varchar(40) null, "consent_source" varchar(120) null, "consent_at" timestamptz null, "destinations" text[] not null default '{}', "next_departure_at" timestamptz null, "next_return_at" timestamptz null, "booking_value_cents" bigint not null default '0', "passport_expires_on" date null, "last_open_at" timestamptz null, "last_click_at" timestamptz null, "sends_count" int not null default 0, "opens_count" int not null default 0, "clicks_count" int not null default 0, "source_updated_at" timestamptz not null, "deleted_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audience_member_tags_gin" on "audience_member" using gin ("tags");`);
    this.addSql(`create index "audience_member_email_index" on "audience_member" ("email");`);
    this.addSql(`create index "audience_member_score_index" on "audience_member" ("score");`);

    this.addSql(`create table "campaign" ("id" uuid not null, "name" varchar(120) not null, "status" "mk_campaign_status" not null default 'DRAFT', "template_id" uuid not null, "segment_ids" text[] not null default '{}', "promotional" boolean not null default true, "owner_id" uuid null, "send_at" timestamptz null, "variants" jsonb not null default '[]', "test_percent" int not null default 100, "test_window_minutes" int not null default 240, "winner_variant" varchar(8) null, "started_at" timestamptz null, "completed_at" timestamptz null, "total_recipients" int not null default 0, "total_sent" int not null default 0, "total_failed" int not null default 0, "total_suppressed" int not null default 0, "error_count" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "campaign_status_send_at_index" on "campaign" ("status", "send_at");`);

    this.addSql(`create table "email_event" ("id" uuid not null, "send_id" uuid not null, "campaign_id" uuid null, "contact_id" uuid null, "type" "mk_email_event_type" not null, "url" varchar(2000) null, "machine" boolean not null default false, "provider_event_id" varchar(200) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "email_event_send_id_type_index" on "email_event" ("send_id", "type");`);
    this.addSql(`create index "email_event_campaign_id_type_index" on "email_event" ("campaign_id", "type");`);
    this.addSql(`alter table "email_event" add constraint "email_event_provider_unique" unique ("provider_event_id");`);

    this.addSql(`create table "email_send" ("id" uuid not null, "kind" "mk_send_kind" not null default 'CAMPAIGN', "campaign_id" uuid null, "contact_id" uuid null, "to_address" varchar(254) not null, "variant" varchar(8) null, "dedupe_key" varchar(200) null, "status" "mk_send_status" not null default 'QUEUED', "attempts" int not null default 0, "message_id" varchar(300) null, "subject" varchar(300) null, "links" jsonb not null default '[]', "last_error" varchar(500) null, "sent_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "email_send_contact_id_created_at_index" on "email_send" ("contact_id", "created_at");`);
    this.addSql(`create index "email_send_message_id_index" on "email_send" ("message_id");`);
    this.addSql(`alter table "email_send" add constraint "email_send_campaign_contact_unique" unique ("campaign_id", "contact_id");`);
    this.addSql(`alter table "email_send" add constraint "email_send_dedupe_unique" unique ("dedupe_key");`);

    this.addSql(`create table "email_template" ("id" uuid not null, "name" varchar(120) not null, "subject" varchar(300) not null, "preheader" varchar(300) not null default '', "body" text not null, "version" int not null default 1, "created_by" varchar(80) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "segment" ("id" uuid not null, "name" varchar(120) not null, "kind" "mk_segment_kind" not null, "criteria" jsonb null, "member_count" int not null default 0, "refreshed_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "segment_member" ("segment_id" uuid not null, "contact_id" uuid not null, "added_at" timestamptz not null, primary key ("segment_id", "contact_id"));`);
    this.addSql(`create index "segment_member_contact_id_index" on "segment_member" ("contact_id");`);

    this.addSql(`create table "suppression" ("email" varchar(254) not null, "reason" "mk_suppression_reason" not null, "detail" varchar(500) null, "created_at" timestamptz not null, primary key ("email"));`);

    this.addSql(`create table "template_version" ("id" uuid not null, "template_id" uuid not null, "version" int not null, "subject" varchar(300) not null, "preheader" varchar(300) not null, "body" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "template_version" add constraint "template_version_template_id_version_unique" unique ("template_id", "version");`);

    this.addSql(`drop table if exists "note" cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "note" ("id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz(6) not null, primary key ("id"));`);

    this.addSql(`drop table if exists "audience_member" cascade;`);
    this.addSql(`drop table if exists "campaign" cascade;`);
    this.addSql(`drop table if exists "email_event" cascade;`);
    this.addSql(`drop table if exists "email_send" cascade;`);
    this.addSql(`drop table if exists "email_template" cascade;`);
    this.addSql(`drop table if exists "segment" cascade;`);
    this.addSql(`drop table if exists "segment_member" cascade;`);
    this.addSql(`drop table if exists "suppression" cascade;`);
    this.addSql(`drop table if exists "template_version" cascade;`);

    this.addSql(`drop type "mk_email_status";`);
    this.addSql(`drop type "mk_campaign_status";`);
    this.addSql(`drop type "mk_email_event_type";`);
    this.addSql(`drop type "mk_send_kind";`);
    this.addSql(`drop type "mk_send_status";`);
    this.addSql(`drop type "mk_segment_kind";`);
    this.addSql(`drop type "mk_suppression_reason";`);
  }

}
