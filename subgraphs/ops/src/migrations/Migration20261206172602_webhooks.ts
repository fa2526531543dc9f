import { Migration } from '@mikro-orm/migrations';

export class Migration20261206172602_webhooks extends Migration {

  override name = 'Migration20261206172602_webhooks';

  override up(): void | Promise<void> {
    this.addSql(`create type "ops_webhook_disabled_reason" as enum ('MANUAL', 'GONE', 'FAILING');`);
    this.addSql(`create type "ops_webhook_delivery_status" as enum ('PENDING', 'SUCCEEDED', 'FAILED');`);
    this.addSql(`create table "webhook_endpoint" ("id" uuid not null, "url" varchar(2000) not null, "description" varchar(500) null, "event_types" text[] not null default '{}', "role" varchar(20) not null, "rank" int not null, "secret" varchar(100) not null, "previous_secret" varchar(100) null, "previous_secret_expires_at" timestamptz null, "enabled" boolean not null default true, "disabled_reason" "ops_webhook_disabled_reason" null, "disabled_at" timestamptz null, "consecutive_failed_events" int not null default 0, "failing_since" timestamptz null, "created_by" varchar(200) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "webhook_endpoint_created_at_id_index" on "webhook_endpoint" ("created_at", "id");`);

    this.addSql(`create table "webhook_delivery" ("id" uuid not null, "endpoint_id" uuid not null, "event_id" varchar(60) not null, "event_type" varchar(60) not null, "body" text not null, "status" "ops_webhook_delivery_status" not null default 'PENDING', "attempts" int not null default 0, "next_attempt_at" timestamptz null, "last_response_status" int null, "occurred_at" timestamptz not null, "delivered_at" timestamptz null, "ledger_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "webhook_delivery_endpoint_id_created_at_id_index" on "webhook_delivery" ("endpoint_id", "created_at", "id");`);
    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_event_id_unique" unique ("endpoint_id", "event_id");`);

    this.addSql(`create table "webhook_attempt" ("id" uuid not null, "delivery_id" uuid not null, "number" int not null, "attempted_at" timestamptz not null, "latency_ms" int not null, "succeeded" boolean not null, "response_status" int null, "response_excerpt" varchar(1024) null, "error" varchar(500) null, "next_attempt_at" timestamptz null, "manual" boolean not null default false, primary key ("id"));`);
    this.addSql(`create index "webhook_attempt_delivery_id_number_index" on "webhook_attempt" ("delivery_id", "number");`);

    this.addSql(`alter table "webhook_delivery" add constraint "webhook_delivery_endpoint_id_foreign" foreign key ("endpoint_id") references "webhook_endpoint" ("id");`);

    this.addSql(`alter table "webhook_attempt" add constraint "webhook_attempt_delivery_id_foreign" foreign key ("delivery_id") references "webhook_delivery" ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "webhook_delivery" drop constraint "webhook_delivery_endpoint_id_foreign";`);
    this.addSql(`alter table "webhook_attempt" drop constraint "webhook_attempt_delivery_id_foreign";`);

    this.addSql(`drop table if exists "webhook_endpoint" cascade;`);
    this.addSql(`drop table if exists "webhook_delivery" cascade;`);
    this.addSql(`drop table if exists "webhook_attempt" cascade;`);

    this.addSql(`drop type "ops_webhook_disabled_reason";`);
    this.addSql(`drop type "ops_webhook_delivery_status";`);
  }

}
