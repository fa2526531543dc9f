import { Migration } from '@mikro-orm/migrations';

export class Migration20261206060357_profile_preferences extends Migration {

  override name = 'Migration20261206060357_profile_preferences';

  override up(): void | Promise<void> {
    this.addSql(`alter table "app_user" add "time_zone" varchar(64) not null default 'UTC', add "muted_notification_types" text[] not null default '{}';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "app_user" drop column "time_zone", drop column "muted_notification_types";`);
  }

}
