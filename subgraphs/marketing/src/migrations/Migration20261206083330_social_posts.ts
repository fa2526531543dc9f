import { Migration } from '@mikro-orm/migrations';

export class Migration20261206083330_social_posts extends Migration {

  override name = 'Migration20261206083330_social_posts';

  override up(): void | Promise<void> {
    this.addSql(`create type "mk_social_platform" as enum ('LINKEDIN', 'INSTAGRAM', 'FACEBOOK', 'X');`);
    this.addSql(`create type "mk_social_post_status" as enum ('DRAFT', 'SCHEDULED', 'PUBLISHED', 'LOGGED', 'FAILED');`);
    this.addSql(`create table "social_post" ("id" uuid not null, "platform" "mk_social_platform" not null, "body" text not null, "status" "mk_social_post_status" not null default 'DRAFT', "scheduled_for" timestamptz null, "published_at" timestamptz null, "publish_note" varchar(500) null, "campaign_id" uuid null, "owner_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "deleted_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "social_post_status_scheduled_for_index" on "social_post" ("status", "scheduled_for");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "social_post" cascade;`);

    this.addSql(`drop type "mk_social_platform";`);
    this.addSql(`drop type "mk_social_post_status";`);
  }

}
