import { Migration } from '@mikro-orm/migrations';

export class Migration20261206143000_send_lease extends Migration {

  override name = 'Migration20261206143000_send_lease';

  override up(): void | Promise<void> {
    this.addSql(`alter table "email_send" add column "lease_until" timestamptz null, add column "lease_token" uuid null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "email_send" drop column "lease_until", drop column "lease_token";`);
  }

}
