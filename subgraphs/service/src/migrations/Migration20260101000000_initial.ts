import { Migration } from '@mikro-orm/migrations';

export class Migration20260101000000_initial extends Migration {
  override name = 'Migration20260101000000_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "note" ("id" uuid not null, "title" varchar(200) not null, "created_at" timestamptz not null, primary key ("id"));`,
    );
    this.addSql(
      `create table "outbox_message" ("id" uuid not null, "queue" varchar(255) not null, "job_name" varchar(255) not null, "payload" jsonb not null, "job_id" varchar(255) null, "delay_ms" int not null default 0, "created_at" timestamptz not null, "relayed_at" timestamptz null, primary key ("id"));`,
    );
    this.addSql(`create index "outbox_message_relayed_at_index" on "outbox_message" ("relayed_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "note" cascade;`);
  }
}
