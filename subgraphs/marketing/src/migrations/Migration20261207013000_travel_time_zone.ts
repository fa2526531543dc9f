import { Migration } from '@mikro-orm/migrations';

export class Migration20261207013000_travel_time_zone extends Migration {

  override name = 'Migration20261207013000_travel_time_zone';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audience_member" add column "travel_time_zone" varchar(64) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audience_member" drop column "travel_time_zone";`);
  }

}
