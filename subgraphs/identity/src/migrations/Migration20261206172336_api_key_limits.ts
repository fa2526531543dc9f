import { Migration } from '@mikro-orm/migrations';

export class Migration20261206172336_api_key_limits extends Migration {

  override name = 'Migration20261206172336_api_key_limits';

  override up(): void | Promise<void> {
    this.addSql(`create table "api_key_usage" ("api_key_id" uuid not null, "day" date not null, "requests" int not null default 0, "cost" bigint not null default '0', "errors" int not null default 0, primary key ("api_key_id", "day"));`);

    this.addSql(`alter type "nx_audit_action" add value if not exists 'API_KEY_LIMITS_CHANGED' after 'SERVICE_WRITE';`);

    this.addSql(`alter table "api_key" add "cost_budget_per_hour" int null, add "persisted_only" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_key_usage" cascade;`);

    this.addSql(`alter table "api_key" drop column "cost_budget_per_hour", drop column "persisted_only";`);
  }

}
