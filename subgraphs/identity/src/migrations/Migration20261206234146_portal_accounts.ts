import { Migration } from '@mikro-orm/migrations';

export class Migration20261206234146_portal_accounts extends Migration {

  override name = 'Migration20261206234146_portal_accounts';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_portal_access" as enum ('VIEW_OWN', 'PAY_FOR_PARTY', 'MANAGE_FAMILY');`);
    this.addSql(`create type "nx_portal_sign_in_kind" as enum ('LINK', 'CODE');`);

    this.addSql(`create table "portal_account" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "tt_client_id" varchar(64) not null, "tt_traveler_id" varchar(64) not null, "crm_contact_id" uuid null, "access" "nx_portal_access" not null, "password_hash" varchar(255) null, "active" boolean not null default true, "invited_by_id" uuid null, "invited_at" timestamptz not null, "activated_at" timestamptz null, "last_sign_in_at" timestamptz null, "notify_itinerary_published" boolean not null default false, "notify_payment_due" boolean not null default false, "notify_schedule_change" boolean not null default false, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "portal_account" add constraint "portal_account_email_unique" unique ("email");`);
    this.addSql(`alter table "portal_account" add constraint "portal_account_tt_traveler_id_unique" unique ("tt_traveler_id");`);
    this.addSql(`create index "portal_account_tt_client_id_index" on "portal_account" ("tt_client_id");`);
    this.addSql(`create index "portal_account_crm_contact_id_index" on "portal_account" ("crm_contact_id");`);

    this.addSql(`create table "portal_sign_in" ("id" uuid not null, "account_id" uuid not null, "kind" "nx_portal_sign_in_kind" not null, "secret_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "failed_attempts" int not null default 0, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "portal_sign_in_account_id_index" on "portal_sign_in" ("account_id");`);
    this.addSql(`create index "portal_sign_in_secret_hash_index" on "portal_sign_in" ("secret_hash");`);

    this.addSql(`create table "portal_refresh_token" ("id" uuid not null, "family_id" uuid not null, "account_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "portal_refresh_token_family_id_index" on "portal_refresh_token" ("family_id");`);
    this.addSql(`create index "portal_refresh_token_account_id_index" on "portal_refresh_token" ("account_id");`);

    this.addSql(`alter type "nx_actor_kind" add value if not exists 'CLIENT';`);
    this.addSql(`alter type "nx_audit_action" add value if not exists 'PORTAL_ACCOUNT_INVITED';`);
    this.addSql(`alter type "nx_audit_action" add value if not exists 'PORTAL_ACCOUNT_DISABLED';`);
    this.addSql(`alter type "nx_audit_action" add value if not exists 'PORTAL_ACCOUNT_ENABLED';`);
    this.addSql(`alter type "nx_audit_action" add value if not exists 'PORTAL_ACCESS_CHANGED';`);
  }

  override down(): void | Promise<void> {
    // Enum values added to nx_actor_kind and nx_audit_action stay (PostgreSQL cannot drop them); nothing uses them after this.
    this.addSql(`drop table if exists "portal_refresh_token" cascade;`);
    this.addSql(`drop table if exists "portal_sign_in" cascade;`);
    this.addSql(`drop table if exists "portal_account" cascade;`);
    this.addSql(`drop type if exists "nx_portal_sign_in_kind";`);
    this.addSql(`drop type if exists "nx_portal_access";`);
  }

}
