import { Migration } from '@mikro-orm/migrations';

export class Migration20261121201643_crm_complete extends Migration {

  override name = 'Migration20261121201643_crm_complete';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_lead_score_trigger" as enum ('EVENT', 'RULES', 'NIGHTLY', 'MANUAL', 'MERGE');`);
    this.addSql(`create type "nx_lead_scoring_rule_type" as enum ('POSITIVE', 'NEGATIVE', 'DECAY');`);
    this.addSql(`create type "nx_scoring_category" as enum ('DEMOGRAPHIC', 'FIRMOGRAPHIC', 'BEHAVIORAL', 'ENGAGEMENT');`);
    this.addSql(`create type "nx_merge_kind" as enum ('CONTACT', 'COMPANY');`);
    this.addSql(`create type "nx_pipeline_type" as enum ('CORPORATE', 'GROUP', 'LEISURE', 'PARTNERSHIP');`);
    this.addSql(`create type "nx_deal_status" as enum ('OPEN', 'WON', 'LOST');`);
    this.addSql(`create type "nx_deal_stage" as enum ('LEAD', 'QUALIFIED', 'PROPOSAL_SENT', 'PROPOSAL_VIEWED', 'NEGOTIATING', 'VERBAL_YES', 'BOOKING_PENDING', 'BOOKING_CONFIRMED', 'TRAVELING', 'COMPLETED', 'WON', 'LOST');`);
    this.addSql(`create type "nx_deal_type" as enum ('NEW_BUSINESS', 'REPEAT_BUSINESS', 'UPSELL', 'RENEWAL');`);
    this.addSql(`create type "nx_deal_source" as enum ('BUILTIN_LIST', 'LINKEDIN_OUTREACH', 'LINKEDIN_INBOUND', 'WEBSITE_FORM', 'BUDDY_CHAT', 'REFERRAL', 'EVENT', 'COLD_EMAIL', 'SOCIAL_MEDIA', 'ORGANIC_SEARCH', 'OTHER', 'EXISTING_CLIENT');`);
    this.addSql(`create type "nx_activity_type" as enum ('EMAIL', 'CALL', 'MEETING', 'NOTE');`);
    this.addSql(`create type "nx_activity_status" as enum ('PLANNED', 'COMPLETED', 'CANCELLED', 'NO_SHOW');`);
    this.addSql(`create type "nx_activity_direction" as enum ('INBOUND', 'OUTBOUND');`);
    this.addSql(`create type "nx_interaction_channel" as enum ('LINKEDIN', 'EMAIL', 'SLACK', 'PHONE', 'VIDEO_CALL', 'IN_PERSON', 'WEBSITE', 'BUDDY_CHAT', 'FORM_SUBMISSION', 'NEWSLETTER_SIGNUP');`);
    this.addSql(`create type "nx_task_type" as enum ('TODO', 'CALL', 'EMAIL', 'MEETING', 'FOLLOW_UP', 'DOCUMENTS', 'PAYMENT_REMINDER');`);
    this.addSql(`create type "nx_task_status" as enum ('OPEN', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'CANCELLED');`);
    this.addSql(`create type "nx_priority" as enum ('LOW', 'MEDIUM', 'HIGH', 'URGENT');`);
    this.addSql(`create type "nx_team_role" as enum ('SALES', 'SERVICE', 'OPERATIONS', 'MARKETING', 'FINANCE');`);
    this.addSql(`create table "lead_score_change" ("id" uuid not null, "contact_id" uuid not null, "previous_score" int not null, "new_score" int not null, "trigger" "nx_lead_score_trigger" not null, "matched_rules" jsonb not null default '[]', "changed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "lead_score_change_contact_id_changed_at_index" on "lead_score_change" ("contact_id", "changed_at");`);

    this.addSql(`create table "lead_scoring_rule" ("id" uuid not null, "name" varchar(120) not null, "description" varchar(1000) null, "rule_type" "nx_lead_scoring_rule_type" not null, "category" "nx_scoring_category" not null, "criteria" jsonb not null, "points" int not null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "merge_record" ("id" uuid not null, "kind" "nx_merge_kind" not null, "survivor_id" uuid not null, "merged_id" uuid not null, "merged_by_id" uuid null, "snapshot" jsonb not null, "created_at" timestamptz not null, "undone_at" timestamptz null, "undone_by_id" uuid null, primary key ("id"));`);
    this.addSql(`create index "merge_record_kind_created_at_index" on "merge_record" ("kind", "created_at");`);
    this.addSql(`create index "merge_record_merged_id_index" on "merge_record" ("merged_id");`);

    this.addSql(`create table "pipeline" ("id" uuid not null, "name" varchar(120) not null, "pipeline_type" "nx_pipeline_type" not null, "description" varchar(1000) null, "is_default" boolean not null default false, "position" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);

    this.addSql(`create table "pipeline_stage" ("id" uuid not null, "pipeline_id" uuid not null, "name" varchar(80) not null, "position" int not null, "probability" int not null, "outcome" "nx_deal_status" not null default 'OPEN', "tt_deal_stage" "nx_deal_stage" null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "pipeline_stage_pipeline_id_position_index" on "pipeline_stage" ("pipeline_id", "position");`);

    this.addSql(`create table "deal" ("id" uuid not null, "title" varchar(200) not null, "pipeline_id" uuid not null, "stage_id" uuid not null, "status" "nx_deal_status" not null default 'OPEN', "amount_cents" int not null default 0, "deal_type" "nx_deal_type" null, "source" "nx_deal_source" null, "company_id" uuid null, "primary_contact_id" uuid null, "owner_id" uuid null, "expected_close_date" timestamptz null, "closed_at" timestamptz null, "close_reason" varchar(500) null, "stage_entered_at" timestamptz not null, "custom_fields" jsonb not null default '{}', "tags" text[] not null default '{}', "tt_deal_id" uuid null, "search_vector" tsvector generated always as (setweight(to_tsvector('simple', coalesce("title", '')), 'A')) stored null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "deal_stage_id_index" on "deal" ("stage_id");`);
    this.addSql(`create index "deal_company_id_index" on "deal" ("company_id");`);
    this.addSql(`create index "deal_primary_contact_id_index" on "deal" ("primary_contact_id");`);
    this.addSql(`create index "deal_search_gin" on "deal" using gin ("search_vector");`);
    this.addSql(`create index "deal_title_trgm" on "deal" using gin ("title" gin_trgm_ops);`);
    this.addSql(`create index "deal_tags_gin" on "deal" using gin ("tags");`);
    this.addSql(`create index "deal_pipeline_id_stage_id_index" on "deal" ("pipeline_id", "stage_id");`);
    this.addSql(`create index "deal_status_closed_at_index" on "deal" ("status", "closed_at");`);
    this.addSql(`create index "deal_owner_id_index" on "deal" ("owner_id");`);
    this.addSql(`create index "deal_expected_close_date_index" on "deal" ("expected_close_date");`);
    this.addSql(`create index "deal_created_at_index" on "deal" ("created_at");`);
    this.addSql(`create unique index "deal_tt_deal_id_live_unique" on "deal" ("tt_deal_id") where "deleted_at" is null and "tt_deal_id" is not null;`);

    this.addSql(`create table "deal_stage_change" ("id" uuid not null, "deal_id" uuid not null, "from_stage_id" uuid null, "to_stage_id" uuid not null, "changed_by_id" uuid null, "changed_at" timestamptz not null, "note" varchar(500) null, primary key ("id"));`);
    this.addSql(`create index "deal_stage_change_deal_id_changed_at_index" on "deal_stage_change" ("deal_id", "changed_at");`);

    this.addSql(`create table "activity" ("id" uuid not null, "type" "nx_activity_type" not null, "status" "nx_activity_status" not null default 'COMPLETED', "subject" varchar(300) not null, "body" text null, "occurred_at" timestamptz not null, "duration_minutes" int null, "direction" "nx_activity_direction" null, "channel" "nx_interaction_channel" null, "contact_id" uuid null, "company_id" uuid null, "deal_id" uuid null, "logged_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "activity_contact_id_occurred_at_index" on "activity" ("contact_id", "occurred_at");`);
    this.addSql(`create index "activity_company_id_occurred_at_index" on "activity" ("company_id", "occurred_at");`);
    this.addSql(`create index "activity_deal_id_occurred_at_index" on "activity" ("deal_id", "occurred_at");`);
    this.addSql(`create index "activity_occurred_at_index" on "activity" ("occurred_at");`);

    this.addSql(`create table "task" ("id" uuid not null, "title" varchar(300) not null, "description" text null, "task_type" "nx_task_type" not null default 'TODO', "status" "nx_task_status" not null default 'OPEN', "priority" "nx_priority" not null default 'MEDIUM', "team" "nx_team_role" null, "due_at" timestamptz null, "completed_at" timestamptz null, "assignee_id" uuid null, "created_by_id" uuid null, "contact_id" uuid null, "company_id" uuid null, "deal_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "task_assignee_id_status_due_at_index" on "task" ("assignee_id", "status", "due_at");`);
    this.addSql(`create index "task_status_due_at_index" on "task" ("status", "due_at");`);
    this.addSql(`create index "task_contact_id_index" on "task" ("contact_id");`);
    this.addSql(`create index "task_company_id_index" on "task" ("company_id");`);
    this.addSql(`create index "task_deal_id_index" on "task" ("deal_id");`);

    this.addSql(`alter table "company" add "search_vector" tsvector generated always as (setweight(to_tsvector('simple', coalesce("name", '')), 'A') || setweight(to_tsvector('simple', regexp_replace(coalesce("domain", ''), '[^[:alnum:]]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple', coalesce("industry", '') || ' ' || coalesce("city", '')), 'C')) stored null;`);
    this.addSql(`create index "company_search_gin" on "company" using gin ("search_vector");`);

    this.addSql(`alter table "contact" add "search_vector" tsvector generated always as (setweight(to_tsvector('simple', coalesce("first_name", '') || ' ' || coalesce("last_name", '')), 'A') || setweight(to_tsvector('simple', regexp_replace(coalesce("email", ''), '[^[:alnum:]]+', ' ', 'g')), 'B') || setweight(to_tsvector('simple', coalesce("job_title", '') || ' ' || coalesce("city", '')), 'C')) stored null;`);
    this.addSql(`create index "contact_search_gin" on "contact" using gin ("search_vector");`);

    this.addSql(`alter table "lead_score_change" add constraint "lead_score_change_contact_id_foreign" foreign key ("contact_id") references "contact" ("id");`);

    this.addSql(`alter table "pipeline_stage" add constraint "pipeline_stage_pipeline_id_foreign" foreign key ("pipeline_id") references "pipeline" ("id");`);

    this.addSql(`alter table "deal" add constraint "deal_pipeline_id_foreign" foreign key ("pipeline_id") references "pipeline" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_stage_id_foreign" foreign key ("stage_id") references "pipeline_stage" ("id");`);
    this.addSql(`alter table "deal" add constraint "deal_company_id_foreign" foreign key ("company_id") references "company" ("id") on delete set null;`);
    this.addSql(`alter table "deal" add constraint "deal_primary_contact_id_foreign" foreign key ("primary_contact_id") references "contact" ("id") on delete set null;`);

    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_deal_id_foreign" foreign key ("deal_id") references "deal" ("id");`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_from_stage_id_foreign" foreign key ("from_stage_id") references "pipeline_stage" ("id") on delete set null;`);
    this.addSql(`alter table "deal_stage_change" add constraint "deal_stage_change_to_stage_id_foreign" foreign key ("to_stage_id") references "pipeline_stage" ("id");`);

    this.addSql(`alter table "activity" add constraint "activity_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_company_id_foreign" foreign key ("company_id") references "company" ("id") on delete set null;`);
    this.addSql(`alter table "activity" add constraint "activity_deal_id_foreign" foreign key ("deal_id") references "deal" ("id") on delete set null;`);

    this.addSql(`alter table "task" add constraint "task_contact_id_foreign" foreign key ("contact_id") references "contact" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_company_id_foreign" foreign key ("company_id") references "company" ("id") on delete set null;`);
    this.addSql(`alter table "task" add constraint "task_deal_id_foreign" foreign key ("deal_id") references "deal" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "pipeline_stage" drop constraint "pipeline_stage_pipeline_id_foreign";`);
    this.addSql(`alter table "deal" drop constraint "deal_pipeline_id_foreign";`);
    this.addSql(`alter table "deal" drop constraint "deal_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_from_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_to_stage_id_foreign";`);
    this.addSql(`alter table "deal_stage_change" drop constraint "deal_stage_change_deal_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_deal_id_foreign";`);
    this.addSql(`alter table "task" drop constraint "task_deal_id_foreign";`);

    this.addSql(`drop table if exists "lead_score_change" cascade;`);
    this.addSql(`drop table if exists "lead_scoring_rule" cascade;`);
    this.addSql(`drop table if exists "merge_record" cascade;`);
    this.addSql(`drop table if exists "pipeline" cascade;`);
    this.addSql(`drop table if exists "pipeline_stage" cascade;`);
    this.addSql(`drop table if exists "deal" cascade;`);
    this.addSql(`drop table if exists "deal_stage_change" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "task" cascade;`);

    this.addSql(`drop index "company_search_gin";`);
    this.addSql(`alter table "company" drop column "search_vector";`);

    this.addSql(`drop index "contact_search_gin";`);
    this.addSql(`alter table "contact" drop column "search_vector";`);

    this.addSql(`drop type "nx_lead_score_trigger";`);
    this.addSql(`drop type "nx_lead_scoring_rule_type";`);
    this.addSql(`drop type "nx_scoring_category";`);
    this.addSql(`drop type "nx_merge_kind";`);
    this.addSql(`drop type "nx_pipeline_type";`);
    this.addSql(`drop type "nx_deal_status";`);
    this.addSql(`drop type "nx_deal_stage";`);
    this.addSql(`drop type "nx_deal_type";`);
    this.addSql(`drop type "nx_deal_source";`);
    this.addSql(`drop type "nx_activity_type";`);
    this.addSql(`drop type "nx_activity_status";`);
    this.addSql(`drop type "nx_activity_direction";`);
    this.addSql(`drop type "nx_interaction_channel";`);
    this.addSql(`drop type "nx_task_type";`);
    this.addSql(`drop type "nx_task_status";`);
    this.addSql(`drop type "nx_priority";`);
    this.addSql(`drop type "nx_team_role";`);
  }

}
