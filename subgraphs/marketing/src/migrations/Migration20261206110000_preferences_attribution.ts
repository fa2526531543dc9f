import { Migration } from '@mikro-orm/migrations';

export class Migration20261206110000_preferences_attribution extends Migration {

  override name = 'Migration20261206110000_preferences_attribution';

  override up(): void | Promise<void> {
    this.addSql(`alter type "mk_suppression_reason" add value if not exists 'ERASED';`);
    this.addSql(`create type "mk_subscription_type" as enum ('NEWSLETTER', 'OFFERS', 'TRIP_IDEAS', 'EVENTS');`);
    this.addSql(`create type "mk_email_frequency" as enum ('NORMAL', 'WEEKLY', 'MONTHLY');`);
    this.addSql(`alter table "campaign" add column "subscription_type" "mk_subscription_type" not null default 'NEWSLETTER';`);
    this.addSql(`alter table "audience_member" add column "erased_at" timestamptz null;`);
    this.addSql(`create table "email_preference" ("email" varchar(254) not null, "left_types" text[] not null default '{}', "frequency" "mk_email_frequency" not null default 'NORMAL', "paused_until" timestamptz null, "updated_at" timestamptz not null, primary key ("email"));`);
    this.addSql(`create table "attribution" ("id" uuid not null, "contact_id" uuid not null, "campaign_id" uuid null, "send_id" uuid null, "value_cents" bigint not null, "occurred_at" timestamptz not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "attribution_campaign_id_index" on "attribution" ("campaign_id");`);
    this.addSql(`create index "email_event_contact_id_type_created_at_index" on "email_event" ("contact_id", "type", "created_at");`);
    this.addSql(`create index "email_send_to_address_sent_at_index" on "email_send" ("to_address", "sent_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "email_send_to_address_sent_at_index";`);
    this.addSql(`drop index if exists "email_event_contact_id_type_created_at_index";`);
    this.addSql(`drop table if exists "attribution" cascade;`);
    this.addSql(`drop table if exists "email_preference" cascade;`);
    this.addSql(`alter table "audience_member" drop column "erased_at";`);
    this.addSql(`alter table "campaign" drop column "subscription_type";`);
    this.addSql(`drop type "mk_email_frequency";`);
    this.addSql(`drop type "mk_subscription_type";`);
  }

}
