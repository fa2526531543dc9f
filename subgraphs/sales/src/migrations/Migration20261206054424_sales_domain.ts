import { Migration } from '@mikro-orm/migrations';

export class Migration20261206054424_sales_domain extends Migration {

  override name = 'Migration20261206054424_sales_domain';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_billing_frequency" as enum ('ONE_TIME', 'MONTHLY', 'YEARLY');`);
    this.addSql(`create type "nx_pricing_unit" as enum ('PER_UNIT', 'PER_PERSON', 'PER_ROOM');`);
    this.addSql(`create type "nx_quote_status" as enum ('DRAFT', 'PENDING_APPROVAL', 'SENT', 'VIEWED', 'ACCEPTED', 'DECLINED', 'EXPIRED', 'SUPERSEDED');`);
    this.addSql(`create type "nx_approval_state" as enum ('NOT_REQUIRED', 'REQUIRED', 'APPROVED');`);
    this.addSql(`create type "nx_discount_type" as enum ('PERCENT', 'AMOUNT');`);
    this.addSql(`create table "playbook" ("id" uuid not null, "name" varchar(200) not null, "description" text null, "stage_id" uuid null, "deal_type" varchar(60) null, "sections" jsonb not null default '[]', "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "playbook_stage_id_index" on "playbook" ("stage_id");`);
    this.addSql(`create index "playbook_name_index" on "playbook" ("name");`);

    this.addSql(`create table "playbook_answer" ("id" uuid not null, "playbook_id" uuid not null, "deal_id" uuid not null, "item_key" varchar(60) not null, "done" boolean not null default false, "answer" text null, "updated_by_id" uuid null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "playbook_answer" add constraint "playbook_answer_playbook_id_deal_id_item_key_unique" unique ("playbook_id", "deal_id", "item_key");`);

    this.addSql(`create table "product" ("id" uuid not null, "sku" varchar(64) not null, "name" varchar(200) not null, "description" text null, "category" varchar(100) null, "unit_price" bigint not null, "unit_cost" bigint null, "currency" varchar(3) not null default 'USD', "billing_frequency" "nx_billing_frequency" not null default 'ONE_TIME', "pricing_unit" "nx_pricing_unit" not null default 'PER_UNIT', "tax_rate" int not null default 0, "tax_inclusive" boolean not null default false, "tiers" jsonb not null default '[]', "seasons" jsonb not null default '[]', "tt_offering_id" varchar(100) null, "active" boolean not null default true, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "product" add constraint "product_sku_unique" unique ("sku");`);
    this.addSql(`create index "product_name_index" on "product" ("name");`);
    this.addSql(`create index "product_category_index" on "product" ("category");`);

    this.addSql(`create table "quote" ("id" uuid not null, "number" int not null, "version" int not null default 1, "deal_id" uuid not null, "contact_id" uuid null, "title" varchar(200) not null, "currency" varchar(3) not null default 'USD', "exchange_rates" jsonb not null default '{}', "status" "nx_quote_status" not null default 'DRAFT', "approval" "nx_approval_state" not null default 'NOT_REQUIRED', "approved_at" timestamptz null, "approved_by_id" uuid null, "owner_id" uuid null, "recipient_name" varchar(200) null, "recipient_email" varchar(254) null, "expires_on" date not null, "terms" text null, "cancellation_policy" text null, "deposit_percent" int not null default 0, "discount_type" "nx_discount_type" null, "discount_percent" int null, "discount_amount" bigint null, "lines" jsonb not null default '[]', "token_hash" varchar(64) null, "link_revoked_at" timestamptz null, "sent_at" timestamptz null, "first_viewed_at" timestamptz null, "view_count" int not null default 0, "code_hash" varchar(64) null, "code_expires_at" timestamptz null, "code_attempts" int not null default 0, "code_used_at" timestamptz null, "accepted_at" timestamptz null, "acceptance" jsonb null, "signed_pdf" bytea null, "declined_at" timestamptz null, "decline_reason" varchar(1000) null, "previous_version_id" uuid null, "superseded_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "quote" add constraint "quote_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "quote_deal_id_index" on "quote" ("deal_id");`);
    this.addSql(`create index "quote_status_index" on "quote" ("status");`);
    this.addSql(`create index "quote_created_at_index" on "quote" ("created_at");`);
    this.addSql(`alter table "quote" add constraint "quote_number_version_unique" unique ("number", "version");`);

    this.addSql(`drop table if exists "note" cascade;`);
    // Quote numbers are shared by a proposal's versions and never reused.
    this.addSql(`create sequence if not exists "quote_number_seq" start 1001;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`create table "note" ("id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz(6) not null, primary key ("id"));`);

    this.addSql(`drop table if exists "playbook" cascade;`);
    this.addSql(`drop table if exists "playbook_answer" cascade;`);
    this.addSql(`drop table if exists "product" cascade;`);
    this.addSql(`drop table if exists "quote" cascade;`);
    this.addSql(`drop sequence if exists "quote_number_seq";`);

    this.addSql(`drop type "nx_billing_frequency";`);
    this.addSql(`drop type "nx_pricing_unit";`);
    this.addSql(`drop type "nx_quote_status";`);
    this.addSql(`drop type "nx_approval_state";`);
    this.addSql(`drop type "nx_discount_type";`);
  }

}
