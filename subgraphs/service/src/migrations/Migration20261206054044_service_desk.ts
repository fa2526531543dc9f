import { Migration } from '@mikro-orm/migrations';

export class Migration20261206054044_service_desk extends Migration {

  override name = 'Migration20261206054044_service_desk';

  override up(): void | Promise<void> {
    // Trigram similarity for triage and search (pg_trgm ships with PostgreSQL's contrib).
    this.addSql(`create extension if not exists pg_trgm;`);
    // Ticket numbers (DR-03): a sequence, so 50 concurrent creations never collide; gaps are fine.
    this.addSql(`create sequence "ticket_number_seq" start 1001;`);
    this.addSql(`create type "sd_article_status" as enum ('DRAFT', 'PUBLISHED', 'ARCHIVED');`);
    this.addSql(`create type "sd_article_visibility" as enum ('INTERNAL', 'PUBLIC');`);
    this.addSql(`create type "sd_ticket_status" as enum ('NEW', 'OPEN', 'PENDING', 'ON_HOLD', 'SOLVED', 'CLOSED');`);
    this.addSql(`create type "sd_ticket_priority" as enum ('LOW', 'NORMAL', 'HIGH', 'URGENT');`);
    this.addSql(`create type "sd_ticket_category" as enum ('BOOKING_CHANGE', 'CANCELLATION', 'REFUND', 'PAYMENT', 'COMPLAINT', 'DOCUMENTS', 'TRAVEL_DISRUPTION', 'GENERAL');`);
    this.addSql(`create type "sd_ticket_source" as enum ('EMAIL', 'WEB', 'SLACK', 'PHONE', 'PORTAL');`);
    this.addSql(`create type "sd_sla_state" as enum ('NONE', 'ON_TRACK', 'PAUSED', 'AT_RISK', 'BREACHED', 'MET');`);
    this.addSql(`create type "sd_message_kind" as enum ('PUBLIC_REPLY', 'INTERNAL_NOTE', 'CUSTOMER_MESSAGE');`);
    this.addSql(`create table "agent_profile" ("user_id" uuid not null, "skills" text[] not null default '{}', "max_open_tickets" int not null default 10, "active" boolean not null default true, "manager_id" uuid null, "team" varchar(80) null, "last_assigned_at" timestamptz null, primary key ("user_id"));`);

    this.addSql(`create table "kb_category" ("id" uuid not null, "name" varchar(120) not null, "slug" varchar(140) not null, "position" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "kb_category" add constraint "kb_category_name_unique" unique ("name");`);
    this.addSql(`alter table "kb_category" add constraint "kb_category_slug_unique" unique ("slug");`);

    this.addSql(`create table "kb_article" ("id" uuid not null, "slug" varchar(160) not null, "title" varchar(200) not null, "body_markdown" text not null, "body_html" text not null, "status" "sd_article_status" not null default 'DRAFT', "visibility" "sd_article_visibility" not null default 'INTERNAL', "category_id" uuid null, "tags" text[] not null default '{}', "version" int not null default 1, "helpful_yes" int not null default 0, "helpful_no" int not null default 0, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "kb_article" add constraint "kb_article_slug_unique" unique ("slug");`);

    this.addSql(`create table "kb_article_version" ("id" uuid not null, "article_id" uuid not null, "version" int not null, "title" varchar(200) not null, "body_markdown" text not null, "author_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`create table "macro" ("id" uuid not null, "name" varchar(120) not null, "body" text not null, "set_status" "sd_ticket_status" null, "set_priority" "sd_ticket_priority" null, "add_tags" text[] not null default '{}', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "macro" add constraint "macro_name_unique" unique ("name");`);

    this.addSql(`create table "sla_calendar" ("id" uuid not null, "name" varchar(120) not null, "time_zone" varchar(64) not null, "always_open" boolean not null default false, "hours" jsonb not null default '[]', "holidays" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sla_calendar" add constraint "sla_calendar_name_unique" unique ("name");`);

    this.addSql(`create table "sla_policy" ("id" uuid not null, "name" varchar(120) not null, "position" int not null, "conditions" jsonb not null default '{}', "calendar_id" uuid not null, "first_reply_minutes" int not null, "next_reply_minutes" int not null, "resolution_minutes" int not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sla_policy" add constraint "sla_policy_name_unique" unique ("name");`);

    this.addSql(`create table "survey" ("id" uuid not null, "name" varchar(120) not null, "questions" jsonb not null, "send_after_solve" boolean not null default false, "period_days" int not null default 30, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "survey" add constraint "survey_name_unique" unique ("name");`);

    this.addSql(`create table "survey_invitation" ("id" uuid not null, "survey_id" uuid not null, "ticket_id" uuid null, "contact_id" uuid null, "email" varchar(254) not null, "sent_at" timestamptz not null, "responded_at" timestamptz null, "answers" jsonb null, "comment" text null, "sentiment" varchar(10) null, "sentiment_score" int null, primary key ("id"));`);
    this.addSql(`create index "survey_invitation_email_sent_at_index" on "survey_invitation" ("email", "sent_at");`);

    this.addSql(`create table "ticket" ("id" uuid not null, "number" int not null, "subject" varchar(300) not null, "description" text not null, "status" "sd_ticket_status" not null default 'NEW', "priority" "sd_ticket_priority" not null default 'NORMAL', "category" "sd_ticket_category" not null default 'GENERAL', "source" "sd_ticket_source" not null default 'WEB', "requester_email" varchar(254) null, "requester_name" varchar(200) null, "requester_contact_id" uuid null, "company_id" uuid null, "requester_travelling" boolean not null default false, "assignee_id" uuid null, "team" varchar(80) null, "skills" text[] not null default '{}', "tags" text[] not null default '{}', "parent_id" uuid null, "linked_ids" text[] not null default '{}', "merged_into_id" uuid null, "sla_policy_id" uuid null, "first_reply_due_at" timestamptz null, "next_reply_due_at" timestamptz null, "resolution_due_at" timestamptz null, "first_replied_at" timestamptz null, "sla_paused_at" timestamptz null, "sla_state" "sd_sla_state" not null default 'NONE', "sla_at_risk_at" timestamptz null, "sla_breached_at" timestamptz null, "solved_at" timestamptz null, "closed_at" timestamptz null, "last_message_id" varchar(500) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "ticket" add constraint "ticket_number_unique" unique ("number");`);
    this.addSql(`create index "ticket_status_assignee_id_index" on "ticket" ("status", "assignee_id");`);
    this.addSql(`create index "ticket_assignee_id_status_index" on "ticket" ("assignee_id", "status");`);
    this.addSql(`create index "ticket_parent_id_index" on "ticket" ("parent_id");`);
    this.addSql(`create index "ticket_created_at_id_index" on "ticket" ("created_at", "id");`);

    this.addSql(`create table "ticket_event" ("id" uuid not null, "ticket_id" uuid not null, "action" varchar(60) not null, "actor" varchar(120) not null, "changes" jsonb not null default '{}', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ticket_event_ticket_id_created_at_id_index" on "ticket_event" ("ticket_id", "created_at", "id");`);

    this.addSql(`create table "ticket_message" ("id" uuid not null, "ticket_id" uuid not null, "kind" "sd_message_kind" not null, "body" text not null, "author_id" uuid null, "author_email" varchar(254) null, "message_id" varchar(500) null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ticket_message_ticket_id_created_at_id_index" on "ticket_message" ("ticket_id", "created_at", "id");`);
    this.addSql(`create index "ticket_message_message_id_index" on "ticket_message" ("message_id");`);

    this.addSql(`create table "triage_suggestion" ("id" uuid not null, "ticket_id" uuid not null, "category" varchar(40) null, "priority" varchar(20) null, "article_ids" text[] not null default '{}', "accepted_at" timestamptz null, "accepted_article_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "triage_suggestion" add constraint "triage_suggestion_ticket_id_unique" unique ("ticket_id");`);

    this.addSql(`drop table if exists "note" cascade;`);
    // Full-text vectors as generated columns (the entities never write them), plus trigram indexes.
    this.addSql(
      `alter table "kb_article" add column "search_vector" tsvector generated always as (setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("body_markdown", '')), 'B')) stored;`,
    );
    this.addSql(`create index "kb_article_search_vector_gin" on "kb_article" using gin ("search_vector");`);
    this.addSql(`create index "kb_article_title_trgm" on "kb_article" using gin ("title" gin_trgm_ops);`);
    this.addSql(
      `alter table "ticket" add column "search_vector" tsvector generated always as (setweight(to_tsvector('english', coalesce("subject", '')), 'A') || setweight(to_tsvector('english', coalesce("description", '')), 'B')) stored;`,
    );
    this.addSql(`create index "ticket_search_vector_gin" on "ticket" using gin ("search_vector");`);
    this.addSql(`create index "ticket_subject_trgm" on "ticket" using gin ("subject" gin_trgm_ops);`);

    this.addSql(`alter table "kb_article" add constraint "kb_article_category_id_foreign" foreign key ("category_id") references "kb_category" ("id") on delete set null;`);

    this.addSql(`alter table "kb_article_version" add constraint "kb_article_version_article_id_foreign" foreign key ("article_id") references "kb_article" ("id");`);

    this.addSql(`alter table "sla_policy" add constraint "sla_policy_calendar_id_foreign" foreign key ("calendar_id") references "sla_calendar" ("id");`);

    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_survey_id_foreign" foreign key ("survey_id") references "survey" ("id");`);

    this.addSql(`alter table "ticket" add constraint "ticket_parent_id_foreign" foreign key ("parent_id") references "ticket" ("id") on delete set null;`);
    this.addSql(`alter table "ticket" add constraint "ticket_merged_into_id_foreign" foreign key ("merged_into_id") references "ticket" ("id") on delete set null;`);

    this.addSql(`alter table "ticket_event" add constraint "ticket_event_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id");`);

    this.addSql(`alter table "ticket_message" add constraint "ticket_message_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "kb_article" drop constraint "kb_article_category_id_foreign";`);
    this.addSql(`alter table "kb_article_version" drop constraint "kb_article_version_article_id_foreign";`);
    this.addSql(`alter table "sla_policy" drop constraint "sla_policy_calendar_id_foreign";`);
    this.addSql(`alter table "survey_invitation" drop constraint "survey_invitation_survey_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_parent_id_foreign";`);
    this.addSql(`alter table "ticket" drop constraint "ticket_merged_into_id_foreign";`);
    this.addSql(`alter table "ticket_event" drop constraint "ticket_event_ticket_id_foreign";`);
    this.addSql(`alter table "ticket_message" drop constraint "ticket_message_ticket_id_foreign";`);

    this.addSql(`create table "note" ("id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz(6) not null, primary key ("id"));`);

    this.addSql(`drop table if exists "agent_profile" cascade;`);
    this.addSql(`drop table if exists "kb_category" cascade;`);
    this.addSql(`drop table if exists "kb_article" cascade;`);
    this.addSql(`drop table if exists "kb_article_version" cascade;`);
    this.addSql(`drop table if exists "macro" cascade;`);
    this.addSql(`drop table if exists "sla_calendar" cascade;`);
    this.addSql(`drop table if exists "sla_policy" cascade;`);
    this.addSql(`drop table if exists "survey" cascade;`);
    this.addSql(`drop table if exists "survey_invitation" cascade;`);
    this.addSql(`drop table if exists "ticket" cascade;`);
    this.addSql(`drop table if exists "ticket_event" cascade;`);
    this.addSql(`drop table if exists "ticket_message" cascade;`);
    this.addSql(`drop table if exists "triage_suggestion" cascade;`);

    this.addSql(`drop type "sd_article_status";`);
    this.addSql(`drop type "sd_article_visibility";`);
    this.addSql(`drop type "sd_ticket_status";`);
    this.addSql(`drop type "sd_ticket_priority";`);
    this.addSql(`drop type "sd_ticket_category";`);
    this.addSql(`drop type "sd_ticket_source";`);
    this.addSql(`drop type "sd_sla_state";`);
    this.addSql(`drop type "sd_message_kind";`);
    this.addSql(`drop sequence if exists "ticket_number_seq";`);
  }

}
