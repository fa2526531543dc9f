import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080119_deposits_templates extends Migration {

  override name = 'Migration20261206080119_deposits_templates';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_deposit_schedule" as enum ('PENDING', 'CREATED', 'NOT_A_TRIP', 'FAILED');`);
    this.addSql(`create table "quote_template" ("id" uuid not null, "name" varchar(200) not null, "terms" text null, "cancellation_policy" text null, "deposit_percent" int not null default 0, "deposit_amount" bigint null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "quote_template" add constraint "quote_template_name_unique" unique ("name");`);

    this.addSql(`alter table "quote" add "deposit_amount" bigint null, add "template_id" uuid null, add "deposit_due" bigint null, add "deposit_schedule" "nx_deposit_schedule" null, add "deposit_schedule_id" varchar(100) null, add "deposit_schedule_attempts" int not null default 0, add "deposit_schedule_error" varchar(500) null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "quote_template" cascade;`);

    this.addSql(`alter table "quote" drop column "deposit_amount", drop column "template_id", drop column "deposit_due", drop column "deposit_schedule", drop column "deposit_schedule_id", drop column "deposit_schedule_attempts", drop column "deposit_schedule_error";`);

    this.addSql(`drop type "nx_deposit_schedule";`);
  }

}
