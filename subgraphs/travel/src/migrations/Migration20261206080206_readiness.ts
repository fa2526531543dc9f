import { Migration } from '@mikro-orm/migrations';

export class Migration20261206080206_readiness extends Migration {

  override name = 'Migration20261206080206_readiness';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_travel_readiness_item" as enum ('FORMS_SIGNED', 'DOCUMENTS_DELIVERED');`);
    this.addSql(`create table "readiness_check" ("id" uuid not null, "client_trip_id" uuid not null, "traveler_id" uuid not null, "item" "nx_travel_readiness_item" not null, "completed_by_id" uuid null, "completed_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "readiness_check_client_trip_id_index" on "readiness_check" ("client_trip_id");`);
    this.addSql(`alter table "readiness_check" add constraint "readiness_check_client_trip_id_traveler_id_item_unique" unique ("client_trip_id", "traveler_id", "item");`);

    this.addSql(`alter table "passport_alert" add "client_trip_id" uuid null, add "needed_until" date null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "readiness_check" cascade;`);

    this.addSql(`alter table "passport_alert" drop column "client_trip_id", drop column "needed_until";`);

    this.addSql(`drop type "nx_travel_readiness_item";`);
  }

}
