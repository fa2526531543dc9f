import { Migration } from '@mikro-orm/migrations';

export class Migration20261206233753_forms_landing_pages extends Migration {

  override name = 'Migration20261206233753_forms_landing_pages';

  override up(): void | Promise<void> {
    this.addSql(`create type "mk_form_status" as enum ('ACTIVE', 'CLOSED');`);
    this.addSql(`create type "mk_landing_page_status" as enum ('DRAFT', 'PUBLISHED');`);
    this.addSql(`create table "form" ("id" uuid not null, "name" varchar(200) not null, "status" "mk_form_status" not null default 'ACTIVE', "fields" jsonb not null, "submit_label" varchar(60) not null default 'Send', "consent_text" varchar(1000) null, "consent_required" boolean not null default false, "thank_you_message" varchar(2000) not null, "redirect_url" varchar(2000) null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create table "form_submission" ("id" uuid not null, "form_id" uuid not null, "answers" jsonb not null, "email" varchar(254) not null, "contact_id" uuid not null, "consent_given" boolean not null default false, "consent_text" varchar(1000) null, "utm" jsonb not null, "landing_page_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "form_submission_form_id_created_at_index" on "form_submission" ("form_id", "created_at");`);
    this.addSql(`create index "form_submission_landing_page_id_index" on "form_submission" ("landing_page_id");`);
    this.addSql(`create table "landing_page" ("id" uuid not null, "name" varchar(200) not null, "slug" varchar(100) not null, "title" varchar(200) not null, "description" varchar(500) null, "og_image_url" varchar(2000) null, "status" "mk_landing_page_status" not null default 'DRAFT', "blocks" jsonb not null, "published_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    // A deleted page frees its slug.
    this.addSql(`create unique index "landing_page_slug_live_unique" on "landing_page" ("slug") where "deleted_at" is null;`);
    this.addSql(`create table "landing_page_visitor" ("id" uuid not null, "landing_page_id" uuid not null, "visitor_hash" varchar(64) not null, "utm" jsonb not null, "first_seen_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "landing_page_visitor" add constraint "landing_page_visitor_landing_page_id_visitor_hash_unique" unique ("landing_page_id", "visitor_hash");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "landing_page_visitor" cascade;`);
    this.addSql(`drop table if exists "landing_page" cascade;`);
    this.addSql(`drop table if exists "form_submission" cascade;`);
    this.addSql(`drop table if exists "form" cascade;`);

    this.addSql(`drop type "mk_landing_page_status";`);
    this.addSql(`drop type "mk_form_status";`);
  }

}
