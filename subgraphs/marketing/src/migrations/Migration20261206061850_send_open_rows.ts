import { Migration } from '@mikro-orm/migrations';

export class Migration20261206061850_send_open_rows extends Migration {

  override name = 'Migration20261206061850_send_open_rows';

  override up(): void | Promise<void> {
    this.addSql(`create index "email_send_open_rows" on "email_send" ("campaign_id") where "status" in ('QUEUED', 'HELD');`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "email_send_open_rows";`);
  }

}
