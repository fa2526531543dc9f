import { Migration } from '@mikro-orm/migrations';

export class Migration20261206120500_external_calendars extends Migration {

  override name = 'Migration20261206120500_external_calendars';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_calendar_provider" as enum ('ICS_FEED', 'CALDAV', 'GOOGLE');`);
    this.addSql(`alter table "availability" add "calendar_provider" "nx_calendar_provider" null, add "calendar_address" varchar(2000) null;`);
    this.addSql(`update "availability" set "calendar_provider" = 'ICS_FEED', "calendar_address" = "ics_feed_url" where "ics_feed_url" is not null;`);
    this.addSql(`alter table "availability" drop column "ics_feed_url";`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "availability" add "ics_feed_url" varchar(2000) null;`);
    this.addSql(`update "availability" set "ics_feed_url" = "calendar_address" where "calendar_provider" = 'ICS_FEED';`);
    this.addSql(`alter table "availability" drop column "calendar_provider", drop column "calendar_address";`);
    this.addSql(`drop type if exists "nx_calendar_provider";`);
  }

}
