import { Migration } from '@mikro-orm/migrations';

export class Migration20261206081140_send_policy extends Migration {

  override name = 'Migration20261206081140_send_policy';

  override up(): void | Promise<void> {
    this.addSql(`create table "marketing_settings" ("id" serial primary key, "frequency_cap_count" int null, "frequency_cap_days" int not null default 7, "quiet_hours_start" int null, "quiet_hours_end" int null, "default_timezone" varchar(64) not null default 'UTC', "warmup_start_rate" int null, "warmup_started_on" date null, "warmup_daily_increase_percent" int not null default 50, "updated_at" timestamptz not null);`);

    this.addSql(`alter table "campaign" add "send_local_time" varchar(5) null, add "utm_enabled" boolean not null default true, add "utm_source" varchar(100) not null default 'nexus', add "utm_medium" varchar(100) not null default 'email', add "utm_campaign" varchar(100) null;`);

    this.addSql(`alter table "email_send" add "not_before" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "marketing_settings" cascade;`);

    this.addSql(`alter table "campaign" drop column "send_local_time", drop column "utm_enabled", drop column "utm_source", drop column "utm_medium", drop column "utm_campaign";`);

    this.addSql(`alter table "email_send" drop column "not_before";`);
  }

}
