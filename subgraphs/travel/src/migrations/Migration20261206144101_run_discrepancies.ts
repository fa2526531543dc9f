import { Migration } from '@mikro-orm/migrations';

export class Migration20261206144101_run_discrepancies extends Migration {

  override name = 'Migration20261206144101_run_discrepancies';

  override up(): void | Promise<void> {
    this.addSql(`alter table "commission_reconciliation_run" add "discrepancies" jsonb not null default '[]';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "commission_reconciliation_run" drop column "discrepancies";`);
  }

}
