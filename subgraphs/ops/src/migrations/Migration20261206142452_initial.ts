import { Migration } from '@mikro-orm/migrations';

export class Migration20261206142452_initial extends Migration {

  override name = 'Migration20261206142452_initial';

  override up(): void | Promise<void> {
    this.addSql(`create type "ops_delivery_direction" as enum ('IN', 'OUT');`);
    this.addSql(`create type "ops_delivery_channel" as enum ('SLACK_EVENT', 'SLACK_COMMAND', 'SLACK_INTERACTION', 'SLACK_POST', 'N8N', 'TT_API_HOOK', 'GROUPS_HOOK', 'WEBHOOK');`);
    this.addSql(`create type "ops_delivery_outcome" as enum ('PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED');`);
    this.addSql(`create type "ops_audit_action" as enum ('DELIVERY_REPLAYED', 'QUEUE_JOB_RETRIED', 'QUEUE_JOB_REMOVED', 'QUEUE_PAUSED', 'QUEUE_RESUMED', 'AUTOMATION_RUN_RETRIED', 'INTEGRATION_SETTING_CHANGED');`);
    this.addSql(`create table "delivery" ("id" uuid not null, "direction" "ops_delivery_direction" not null, "channel" "ops_delivery_channel" not null, "idempotency_key" varchar(300) not null, "action" varchar(100) null, "request_summary" varchar(500) not null, "request_hash" varchar(64) null, "request_body" text null, "attempts" int not null default 1, "first_attempt_at" timestamptz not null, "last_attempt_at" timestamptz not null, "outcome" "ops_delivery_outcome" not null default 'PENDING', "completed_at" timestamptz null, "response_status" int null, "response_body" text null, "effect" varchar(500) null, "effect_refs" jsonb not null default '[]', "error" text null, "replay_count" int not null default 0, "last_replayed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "delivery_first_attempt_at_id_index" on "delivery" ("first_attempt_at", "id");`);
    this.addSql(`create index "delivery_channel_first_attempt_at_index" on "delivery" ("channel", "first_attempt_at");`);
    this.addSql(`create index "delivery_outcome_first_attempt_at_index" on "delivery" ("outcome", "first_attempt_at");`);
    this.addSql(`alter table "delivery" add constraint "delivery_channel_idempotency_key_unique" unique ("channel", "idempotency_key");`);

    this.addSql(`create table "ops_audit_entry" ("id" uuid not null, "action" "ops_audit_action" not null, "actor" varchar(200) not null, "target_type" varchar(60) not null, "target_id" varchar(300) not null, "details" jsonb null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ops_audit_entry_created_at_id_index" on "ops_audit_entry" ("created_at", "id");`);

    this.addSql(`create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "delivery" cascade;`);
    this.addSql(`drop table if exists "ops_audit_entry" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);

    this.addSql(`drop type "ops_delivery_direction";`);
    this.addSql(`drop type "ops_delivery_channel";`);
    this.addSql(`drop type "ops_delivery_outcome";`);
    this.addSql(`drop type "ops_audit_action";`);
  }

}
