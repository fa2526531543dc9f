import { Migration } from '@mikro-orm/migrations';

export class Migration20261206123000_quote_commission_attribution extends Migration {

  override name = 'Migration20261206123000_quote_commission_attribution';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audience_member" add column "commission_cents" bigint not null default 0;`);
    this.addSql(`alter table "attribution" add column "commission_cents" bigint not null default 0;`);
    this.addSql(`create table "quote_attribution" ("quote_id" uuid not null, "contact_id" uuid not null, "campaign_id" uuid null, "send_id" uuid null, "total_cents" bigint not null, "accepted_at" timestamptz not null, "created_at" timestamptz not null, primary key ("quote_id"));`);
    this.addSql(`create index "quote_attribution_campaign_id_index" on "quote_attribution" ("campaign_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "quote_attribution" cascade;`);
    this.addSql(`alter table "attribution" drop column "commission_cents";`);
    this.addSql(`alter table "audience_member" drop column "commission_cents";`);
  }

}
