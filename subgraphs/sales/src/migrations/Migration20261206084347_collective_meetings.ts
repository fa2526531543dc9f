import { Migration } from '@mikro-orm/migrations';

export class Migration20261206084347_collective_meetings extends Migration {

  override name = 'Migration20261206084347_collective_meetings';

  override up(): void | Promise<void> {
    this.addSql(`alter table "meeting" add "co_host_ids" jsonb not null default '[]';`);

    this.addSql(`alter type "nx_meeting_kind" add value if not exists 'COLLECTIVE' after 'ROUND_ROBIN';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "meeting" drop column "co_host_ids";`);
  }

}
