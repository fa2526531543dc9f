import { Migration } from '@mikro-orm/migrations';

export class Migration20261121191447_initial extends Migration {

  override name = 'Migration20261121191447_initial';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_role" as enum ('ADMIN', 'MANAGER', 'ADVISOR', 'AGENT', 'VIEWER');`);
    this.addSql(`create type "nx_audit_action" as enum ('USER_CREATED', 'USER_ROLE_CHANGED', 'USER_DEACTIVATED', 'USER_REACTIVATED', 'USER_PASSWORD_RESET', 'API_KEY_CREATED', 'API_KEY_REVOKED');`);
    this.addSql(`create type "nx_notification_type" as enum ('TASK_ASSIGNED', 'DEAL_STAGE_CHANGED', 'TICKET_ASSIGNED', 'SLA_BREACH', 'PASSPORT_EXPIRING', 'CAMPAIGN_COMPLETED', 'JOB_FAILED', 'SYSTEM');`);
    this.addSql(`create table "api_key" ("id" uuid not null, "name" varchar(120) not null, "role" "nx_role" not null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "expires_at" timestamptz null, "last_used_at" timestamptz null, "revoked_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);

    this.addSql(`create table "audit_entry" ("id" uuid not null, "action" "nx_audit_action" not null, "actor_id" uuid null, "target_type" varchar(40) not null, "target_id" uuid not null, "details" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "audit_entry_actor_id_index" on "audit_entry" ("actor_id");`);
    this.addSql(`create index "audit_entry_target_id_index" on "audit_entry" ("target_id");`);
    this.addSql(`create index "audit_entry_created_at_index" on "audit_entry" ("created_at");`);

    this.addSql(`create table "notification" ("id" uuid not null, "user_id" uuid not null, "type" "nx_notification_type" not null, "title" varchar(200) not null, "body" text null, "link" varchar(500) null, "dedupe_key" varchar(200) null, "read_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "notification" add constraint "notification_dedupe_key_unique" unique ("dedupe_key");`);
    this.addSql(`create index "notification_user_id_created_at_index" on "notification" ("user_id", "created_at");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");`);

    this.addSql(`create table "refresh_token" ("id" uuid not null, "family_id" uuid not null, "user_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "revoked_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "refresh_token_family_id_index" on "refresh_token" ("family_id");`);
    this.addSql(`create index "refresh_token_user_id_index" on "refresh_token" ("user_id");`);

    this.addSql(`create table "app_user" ("id" uuid not null, "email" varchar(254) not null, "name" varchar(120) not null, "role" "nx_role" not null, "password_hash" varchar(255) not null, "active" boolean not null default true, "last_login_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "app_user" add constraint "app_user_email_unique" unique ("email");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "refresh_token" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);

    this.addSql(`drop type "nx_role";`);
    this.addSql(`drop type "nx_audit_action";`);
    this.addSql(`drop type "nx_notification_type";`);
  }

}
