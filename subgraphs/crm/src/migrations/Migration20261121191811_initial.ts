import { Migration } from '@mikro-orm/migrations';

export class Migration20261121191811_initial extends Migration {

  override name = 'Migration20261121191811_initial';

  override up(): void | Promise<void> {
    // Trigram indexes make contact and company search fast at 100k rows (added by hand: the diff
    // does not see extensions).
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create type "nx_company_type" as enum ('CORPORATE', 'SMALL_BUSINESS', 'STARTUP', 'NONPROFIT', 'EDUCATION', 'GOVERNMENT', 'ASSOCIATION', 'TRAVEL_PARTNER', 'SUPPLIER', 'OTHER');`);
    this.addSql(`create type "nx_company_status" as enum ('TARGET', 'RESEARCHING', 'AWARE', 'ENGAGED', 'QUALIFIED', 'PROPOSAL_SENT', 'NEGOTIATING', 'WON', 'ACTIVE_CLIENT', 'CHURNED', 'DISQUALIFIED', 'ARCHIVED');`);
    this.addSql(`create type "nx_account_tier" as enum ('STRATEGIC', 'KEY', 'GROWTH', 'STANDARD');`);
    this.addSql(`create type "nx_engagement_level" as enum ('HIGHLY_ENGAGED', 'ENGAGED', 'PASSIVE', 'AT_RISK', 'DORMANT');`);
    this.addSql(`create type "nx_lifecycle_stage" as enum ('SUBSCRIBER', 'LEAD', 'MARKETING_QUALIFIED', 'SALES_QUALIFIED', 'OPPORTUNITY', 'CUSTOMER', 'REPEAT_CUSTOMER', 'EVANGELIST', 'OTHER');`);
    this.addSql(`create type "nx_lead_status" as enum ('NEW', 'ATTEMPTED_TO_CONTACT', 'CONNECTED', 'IN_PROGRESS', 'OPEN_DEAL', 'NURTURING', 'UNQUALIFIED', 'BAD_TIMING');`);
    this.addSql(`create type "nx_lead_source" as enum ('BUILTIN_LIST', 'LINKEDIN_OUTREACH', 'LINKEDIN_INBOUND', 'WEBSITE_FORM', 'BUDDY_CHAT', 'REFERRAL', 'EVENT', 'COLD_EMAIL', 'SOCIAL_MEDIA', 'ORGANIC_SEARCH', 'OTHER');`);
    this.addSql(`create type "nx_contact_role" as enum ('C_SUITE', 'VP', 'DIRECTOR', 'HR_CULTURE', 'OFFICE_MANAGER', 'TRAVEL_COORDINATOR', 'EXECUTIVE_ASSISTANT', 'INDIVIDUAL', 'OTHER');`);
    this.addSql(`create table "company" ("id" uuid not null, "name" varchar(120) not null, "domain" varchar(253) null, "industry" varchar(120) null, "company_type" "nx_company_type" null, "status" "nx_company_status" not null default 'TARGET', "account_tier" "nx_account_tier" null, "engagement_level" "nx_engagement_level" null, "lead_score" int not null default 0, "annual_travel_budget_cents" int null, "phone" varchar(40) null, "website" varchar(500) null, "city" varchar(120) null, "country" varchar(2) null, "owner_id" uuid null, "custom_fields" jsonb not null default '{}', "tags" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "company_name_trgm" on "company" using gin ("name" gin_trgm_ops);`);
    this.addSql(`create index "company_tags_gin" on "company" using gin ("tags");`);
    this.addSql(`create index "company_name_index" on "company" ("name");`);
    this.addSql(`create index "company_domain_index" on "company" ("domain");`);
    this.addSql(`create index "company_owner_id_index" on "company" ("owner_id");`);
    this.addSql(`create index "company_created_at_index" on "company" ("created_at");`);
    this.addSql(`create index "company_lead_score_index" on "company" ("lead_score");`);

    this.addSql(`create table "contact" ("id" uuid not null, "first_name" varchar(120) not null, "last_name" varchar(120) null, "email" varchar(254) null, "phone" varchar(40) null, "job_title" varchar(120) null, "lifecycle_stage" "nx_lifecycle_stage" not null default 'LEAD', "lead_status" "nx_lead_status" null, "lead_source" "nx_lead_source" null, "contact_role" "nx_contact_role" null, "lead_score" int not null default 0, "company_id" uuid null, "owner_id" uuid null, "address" varchar(500) null, "city" varchar(120) null, "country" varchar(2) null, "custom_fields" jsonb not null default '{}', "tags" text[] not null default '{}', "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "contact_company_id_index" on "contact" ("company_id");`);
    this.addSql(`create index "contact_name_trgm" on "contact" using gin (("first_name" || ' ' || coalesce("last_name", '')) gin_trgm_ops);`);
    this.addSql(`create index "contact_email_trgm" on "contact" using gin ("email" gin_trgm_ops);`);
    this.addSql(`create index "contact_tags_gin" on "contact" using gin ("tags");`);
    this.addSql(`create index "contact_last_name_first_name_index" on "contact" ("last_name", "first_name");`);
    this.addSql(`create index "contact_owner_id_index" on "contact" ("owner_id");`);
    this.addSql(`create index "contact_created_at_index" on "contact" ("created_at");`);
    this.addSql(`create index "contact_lead_score_index" on "contact" ("lead_score");`);
    this.addSql(`create unique index "contact_email_live_unique" on "contact" (lower("email")) where "deleted_at" is null;`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");`);

    this.addSql(`alter table "contact" add constraint "contact_company_id_foreign" foreign key ("company_id") references "company" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "contact" drop constraint "contact_company_id_foreign";`);

    this.addSql(`drop table if exists "company" cascade;`);
    this.addSql(`drop table if exists "contact" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop type "nx_company_type";`);
    this.addSql(`drop type "nx_company_status";`);
    this.addSql(`drop type "nx_account_tier";`);
    this.addSql(`drop type "nx_engagement_level";`);
    this.addSql(`drop type "nx_lifecycle_stage";`);
    this.addSql(`drop type "nx_lead_status";`);
    this.addSql(`drop type "nx_lead_source";`);
    this.addSql(`drop type "nx_contact_role";`);
  }

}
