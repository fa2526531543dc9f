import { Migration } from '@mikro-orm/migrations';

export class Migration20261206061226_itineraries extends Migration {

  override name = 'Migration20261206061226_itineraries';

  override up(): void | Promise<void> {
    this.addSql(`create table "itinerary" ("id" uuid not null, "client_trip_id" uuid not null, "title" varchar(200) not null, "token" varchar(64) not null, "entries" jsonb not null, "published_version" int not null default 0, "published_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "itinerary" add constraint "itinerary_client_trip_id_unique" unique ("client_trip_id");`);
    this.addSql(`alter table "itinerary" add constraint "itinerary_token_unique" unique ("token");`);

    this.addSql(`create table "itinerary_version" ("id" uuid not null, "itinerary_id" uuid not null, "version" int not null, "title" varchar(200) not null, "client_name" varchar(200) not null, "traveler_names" jsonb not null, "start_date" date null, "entries" jsonb not null, "published_by_id" uuid null, "published_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "itinerary_version" add constraint "itinerary_version_itinerary_id_version_unique" unique ("itinerary_id", "version");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "itinerary" cascade;`);
    this.addSql(`drop table if exists "itinerary_version" cascade;`);
  }

}
