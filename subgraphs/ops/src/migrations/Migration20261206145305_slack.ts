import { Migration } from '@mikro-orm/migrations';

export class Migration20261206145305_slack extends Migration {

  override name = 'Migration20261206145305_slack';

  override up(): void | Promise<void> {
    this.addSql(`create type "ops_slack_purpose" as enum ('SUPPORT', 'SALES', 'MARKETING', 'MONITORING');`);
    this.addSql(`create table "slack_channel_activity" ("channel_id" varchar(40) not null, "messages" int not null default 0, "mentions" int not null default 0, "reactions" int not null default 0, "last_event_at" timestamptz null, primary key ("channel_id"));`);

    this.addSql(`create table "slack_channel_mapping" ("purpose" "ops_slack_purpose" not null, "channel" varchar(80) not null, "updated_at" timestamptz not null, "updated_by" varchar(200) not null, primary key ("purpose"));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "slack_channel_activity" cascade;`);
    this.addSql(`drop table if exists "slack_channel_mapping" cascade;`);

    this.addSql(`drop type "ops_slack_purpose";`);
  }

}
