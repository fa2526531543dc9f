import { Migration } from '@mikro-orm/migrations';

export class Migration20261206234340_automation extends Migration {

  override name = 'Migration20261206234340_automation';

  override up(): void | Promise<void> {
    this.addSql(`alter type "mk_send_kind" add value if not exists 'AUTOMATION';`);
    this.addSql(`create type "mk_workflow_status" as enum ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');`);
    this.addSql(`create type "mk_reenrolment_rule" as enum ('NEVER', 'AFTER_EXIT', 'ALWAYS');`);
    this.addSql(`create type "mk_enrolment_status" as enum ('ACTIVE', 'COMPLETED', 'GOAL_MET', 'FAILED', 'PAUSED', 'REMOVED');`);
    this.addSql(`create type "mk_step_run_status" as enum ('SUCCEEDED', 'SKIPPED', 'WAITING', 'RETRYING', 'FAILED');`);
    this.addSql(`create type "mk_sequence_status" as enum ('DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED');`);
    this.addSql(`create type "mk_sequence_enrolment_status" as enum ('ACTIVE', 'COMPLETED', 'REPLIED', 'CONVERTED', 'REMOVED', 'UNSUBSCRIBED', 'BOUNCED', 'FAILED');`);
    this.addSql(`create table "workflow" ("id" uuid not null, "name" varchar(120) not null, "description" varchar(1000) null, "status" "mk_workflow_status" not null default 'DRAFT', "trigger" jsonb not null, "steps" jsonb not null default '[]', "goal" jsonb null, "reenrolment" "mk_reenrolment_rule" not null default 'NEVER', "version" int not null default 0, "owner_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "workflow_trigger_type_index" on "workflow" (("trigger"->>'type')) where "status" = 'ACTIVE';`);
    this.addSql(`create table "workflow_version" ("id" uuid not null, "workflow_id" uuid not null, "version" int not null, "trigger" jsonb not null, "steps" jsonb not null, "goal" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "workflow_version" add constraint "workflow_version_workflow_id_version_unique" unique ("workflow_id", "version");`);
    this.addSql(`create table "workflow_enrolment" ("id" uuid not null, "workflow_id" uuid not null, "version" int not null, "contact_id" uuid not null, "status" "mk_enrolment_status" not null default 'ACTIVE', "step_id" varchar(40) null, "seq" int not null default 0, "next_run_at" timestamptz null, "attempts" int not null default 0, "last_error" varchar(1000) null, "trigger_key" varchar(200) not null, "trigger_type" varchar(40) not null, "waiting_for" varchar(40) null, "lease_until" timestamptz null, "lease_token" uuid null, "finished_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "workflow_enrolment" add constraint "workflow_enrolment_trigger_unique" unique ("workflow_id", "trigger_key");`);
    this.addSql(`create index "workflow_enrolment_workflow_id_created_at_index" on "workflow_enrolment" ("workflow_id", "created_at");`);
    this.addSql(`create index "workflow_enrolment_contact_id_index" on "workflow_enrolment" ("contact_id");`);
    this.addSql(`create index "workflow_enrolment_due" on "workflow_enrolment" ("next_run_at") where "status" = 'ACTIVE';`);
    this.addSql(`create table "workflow_step_run" ("id" uuid not null, "enrolment_id" uuid not null, "workflow_id" uuid not null, "seq" int not null, "step_id" varchar(40) not null, "step_type" varchar(40) not null, "status" "mk_step_run_status" not null, "outcome" varchar(200) null, "error" varchar(1000) null, "attempts" int not null default 1, "started_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`alter table "workflow_step_run" add constraint "workflow_step_run_seq_unique" unique ("enrolment_id", "seq");`);
    this.addSql(`create index "workflow_step_run_workflow_id_step_id_status_index" on "workflow_step_run" ("workflow_id", "step_id", "status");`);
    this.addSql(`create table "sequence" ("id" uuid not null, "name" varchar(120) not null, "status" "mk_sequence_status" not null default 'DRAFT', "steps" jsonb not null default '[]', "window" jsonb not null, "exit_stages" text[] not null default '{}', "owner_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create table "sequence_enrolment" ("id" uuid not null, "sequence_id" uuid not null, "contact_id" uuid not null, "status" "mk_sequence_enrolment_status" not null default 'ACTIVE', "step_index" int not null default 0, "seq" int not null default 0, "next_run_at" timestamptz null, "reply_token" varchar(40) not null, "source" varchar(80) not null, "emails_sent" int not null default 0, "last_error" varchar(1000) null, "lease_until" timestamptz null, "lease_token" uuid null, "replied_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "sequence_enrolment" add constraint "sequence_enrolment_reply_token_unique" unique ("reply_token");`);
    this.addSql(`create index "sequence_enrolment_sequence_id_status_index" on "sequence_enrolment" ("sequence_id", "status");`);
    this.addSql(`create index "sequence_enrolment_contact_id_index" on "sequence_enrolment" ("contact_id");`);
    this.addSql(`create unique index "sequence_enrolment_one_active" on "sequence_enrolment" ("sequence_id", "contact_id") where "status" = 'ACTIVE';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sequence_enrolment" cascade;`);
    this.addSql(`drop table if exists "sequence" cascade;`);
    this.addSql(`drop table if exists "workflow_step_run" cascade;`);
    this.addSql(`drop table if exists "workflow_enrolment" cascade;`);
    this.addSql(`drop table if exists "workflow_version" cascade;`);
    this.addSql(`drop table if exists "workflow" cascade;`);
    this.addSql(`drop type "mk_sequence_enrolment_status";`);
    this.addSql(`drop type "mk_sequence_status";`);
    this.addSql(`drop type "mk_step_run_status";`);
    this.addSql(`drop type "mk_enrolment_status";`);
    this.addSql(`drop type "mk_reenrolment_rule";`);
    this.addSql(`drop type "mk_workflow_status";`);
    // PostgreSQL cannot drop one value of an enum: email sends of kind AUTOMATION become ONE_TO_ONE and the value stays.
    this.addSql(`update "email_send" set "kind" = 'ONE_TO_ONE' where "kind"::text = 'AUTOMATION';`);
  }

}
