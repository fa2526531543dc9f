import { Migration } from '@mikro-orm/migrations';

/**
 * The client portal's side of the service desk: the projection of crm contacts linked to TT-API
 * clients and travelers, portal message threads (tickets a traveller opened), pre-trip
 * questionnaires and waivers with travellers' answers and the audit record of each acceptance.
 */
export class Migration20261206233810_portal_requests extends Migration {

  override name = 'Migration20261206233810_portal_requests';

  override up(): void | Promise<void> {
    this.addSql(`create type "sd_pre_trip_form_kind" as enum ('QUESTIONNAIRE', 'WAIVER');`);
    this.addSql(`create table "portal_contact" ("contact_id" uuid not null, "tt_client_id" uuid null, "tt_traveler_id" uuid null, "updated_at" timestamptz not null, primary key ("contact_id"));`);
    this.addSql(`create index "portal_contact_tt_client_id_index" on "portal_contact" ("tt_client_id");`);
    this.addSql(`create index "portal_contact_tt_traveler_id_index" on "portal_contact" ("tt_traveler_id");`);

    this.addSql(`create table "portal_thread" ("ticket_id" uuid not null, "tt_client_id" uuid not null, "tt_traveler_id" uuid not null, "account_id" uuid not null, "created_at" timestamptz not null, primary key ("ticket_id"));`);
    this.addSql(`create index "portal_thread_tt_client_id_created_at_ticket_id_index" on "portal_thread" ("tt_client_id", "created_at", "ticket_id");`);

    this.addSql(`create table "pre_trip_form" ("id" uuid not null, "kind" "sd_pre_trip_form_kind" not null, "title" varchar(200) not null, "trip_id" varchar(64) null, "tt_client_id" uuid null, "trip_name" varchar(300) null, "template_id" uuid null, "questions" jsonb not null default '[]', "versions" jsonb not null default '[]', "due_on" date null, "active" boolean not null default true, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "pre_trip_form_tt_client_id_index" on "pre_trip_form" ("tt_client_id");`);
    this.addSql(`create index "pre_trip_form_trip_id_index" on "pre_trip_form" ("trip_id");`);

    this.addSql(`create table "pre_trip_response" ("id" uuid not null, "form_id" uuid not null, "tt_client_id" uuid not null, "tt_traveler_id" uuid not null, "account_id" uuid not null, "answers" jsonb not null, "submitted_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "pre_trip_response" add constraint "pre_trip_response_form_id_tt_traveler_id_unique" unique ("form_id", "tt_traveler_id");`);
    this.addSql(`alter table "pre_trip_response" add constraint "pre_trip_response_form_id_foreign" foreign key ("form_id") references "pre_trip_form" ("id");`);

    this.addSql(`create table "waiver_acceptance" ("id" uuid not null, "form_id" uuid not null, "version" int not null, "text_sha256" varchar(64) not null, "tt_client_id" uuid not null, "tt_traveler_id" uuid not null, "account_id" uuid not null, "full_name" varchar(200) not null, "ip" varchar(100) not null, "user_agent" varchar(500) not null, "accepted_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "waiver_acceptance" add constraint "waiver_acceptance_form_id_tt_traveler_id_version_unique" unique ("form_id", "tt_traveler_id", "version");`);
    this.addSql(`alter table "waiver_acceptance" add constraint "waiver_acceptance_form_id_foreign" foreign key ("form_id") references "pre_trip_form" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "waiver_acceptance" cascade;`);
    this.addSql(`drop table if exists "pre_trip_response" cascade;`);
    this.addSql(`drop table if exists "pre_trip_form" cascade;`);
    this.addSql(`drop table if exists "portal_thread" cascade;`);
    this.addSql(`drop table if exists "portal_contact" cascade;`);
    this.addSql(`drop type if exists "sd_pre_trip_form_kind";`);
  }

}
