import { Migration } from '@mikro-orm/migrations';

export class Migration20261206110336_money_and_schedule_changes extends Migration {

  override name = 'Migration20261206110336_money_and_schedule_changes';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_schedule_change_source" as enum ('STAFF', 'FLIGHT_STATUS');`);
    this.addSql(`create type "nx_statement_line_result" as enum ('MATCHED', 'AMOUNT_MISMATCH', 'UNKNOWN_BOOKING', 'MISSING');`);
    this.addSql(`create table "schedule_change" ("id" uuid not null, "itinerary_id" uuid not null, "entry_id" uuid not null, "booking_id" uuid null, "entry_title" varchar(200) not null, "source" "nx_schedule_change_source" not null, "before" jsonb not null, "after" jsonb not null, "reason" varchar(500) null, "recorded_by_id" uuid null, "published_version" int null, "travelers_notified" int not null default 0, "advisor_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "schedule_change_itinerary_id_index" on "schedule_change" ("itinerary_id");`);

    this.addSql(`create table "supplier_payment" ("id" uuid not null, "booking_id" uuid not null, "vendor_id" uuid null, "description" varchar(120) not null, "amount_cents" bigint not null, "due_date" date not null, "paid_at" timestamptz null, "reference" varchar(100) null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_payment_booking_id_index" on "supplier_payment" ("booking_id");`);

    this.addSql(`create table "supplier_statement" ("id" uuid not null, "vendor_id" uuid not null, "file_name" varchar(200) not null, "statement_date" date null, "total_cents" bigint not null, "line_count" int not null, "matched" int not null, "amount_mismatches" int not null, "unknown_bookings" int not null, "missing_lines" int not null, "imported_by_id" uuid null, "imported_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "supplier_statement_vendor_id_index" on "supplier_statement" ("vendor_id");`);

    this.addSql(`create table "supplier_statement_line" ("id" uuid not null, "statement_id" uuid not null, "line_number" int null, "result" "nx_statement_line_result" not null, "booking_reference" varchar(60) null, "confirmation_number" varchar(60) null, "paid_cents" bigint not null, "booking_id" uuid null, "commission_entry_id" uuid null, "expected_cents" bigint null, "difference_cents" bigint null, primary key ("id"));`);
    this.addSql(`create index "supplier_statement_line_statement_id_index" on "supplier_statement_line" ("statement_id");`);
    this.addSql(`create index "supplier_statement_line_booking_id_index" on "supplier_statement_line" ("booking_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "schedule_change" cascade;`);
    this.addSql(`drop table if exists "supplier_payment" cascade;`);
    this.addSql(`drop table if exists "supplier_statement" cascade;`);
    this.addSql(`drop table if exists "supplier_statement_line" cascade;`);

    this.addSql(`drop type "nx_schedule_change_source";`);
    this.addSql(`drop type "nx_statement_line_result";`);
  }

}
