import { Migration } from '@mikro-orm/migrations';

export class Migration20261206050538_cents_bigint extends Migration {

  override name = 'Migration20261206050538_cents_bigint';

  override up(): void | Promise<void> {
    this.addSql(`alter table "company" alter column "annual_travel_budget_cents" type bigint using ("annual_travel_budget_cents"::bigint);`);

    this.addSql(`alter table "deal" alter column "amount_cents" type bigint using ("amount_cents"::bigint);`);
    this.addSql(`alter table "deal" alter column "amount_cents" set default '0';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "company" alter column "annual_travel_budget_cents" type int4 using ("annual_travel_budget_cents"::int4);`);

    this.addSql(`alter table "deal" alter column "amount_cents" type int4 using ("amount_cents"::int4);`);
    this.addSql(`alter table "deal" alter column "amount_cents" set default 0;`);
  }

}
