import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080208_travel_feed extends Migration {

  override name = 'Migration20261206080208_travel_feed';

  override up(): void | Promise<void> {
    this.addSql(`alter table "audience_member" add "travel_updated_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "audience_member" drop column "travel_updated_at";`);
  }

}
