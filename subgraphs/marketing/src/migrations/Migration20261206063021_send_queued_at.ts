import { Migration } from '@mikro-orm/migrations';

export class Migration20261206063021_send_queued_at extends Migration {

  override name = 'Migration20261206063021_send_queued_at';

  override up(): void | Promise<void> {
    this.addSql(`alter table "email_send" add "queued_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "email_send" drop column "queued_at";`);
  }

}
