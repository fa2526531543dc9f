import { Migration } from '@mikro-orm/migrations';

/**
 * Escalation levels, editable and deactivatable calendars, attachments, saved views, trip-aware
 * tickets (destination, supplier, travel-alert incidents) and surveys sent when a trip ends.
 */
export class Migration20261206110000_desk_escalation_attachments extends Migration {

  override name = 'Migration20261206110000_desk_escalation_attachments';

  override up(): void | Promise<void> {
    this.addSql(`alter table "ticket" add column "escalation_level" int not null default 0, add column "escalated_at" timestamptz null, add column "trip_destination" varchar(200) null, add column "trip_supplier" varchar(200) null, add column "travel_alert_id" varchar(64) null, add column "incident_message" text null;`);
    this.addSql(`alter table "ticket" add constraint "ticket_travel_alert_id_unique" unique ("travel_alert_id");`);
    this.addSql(`alter table "sla_calendar" add column "active" boolean not null default true;`);
    this.addSql(`alter table "sla_policy" add column "escalate_after_minutes" int not null default 60;`);
    this.addSql(`alter table "survey" add column "send_after_trip" boolean not null default false;`);
    this.addSql(`alter table "survey_invitation" add column "trip_id" varchar(64) null;`);
    this.addSql(`alter table "survey_invitation" add constraint "survey_invitation_trip_id_unique" unique ("trip_id");`);

    this.addSql(`create table "ticket_attachment" ("id" uuid not null, "ticket_id" uuid not null, "filename" varchar(255) not null, "content_type" varchar(120) not null, "size" int not null, "storage_key" varchar(300) not null, "sha256" varchar(64) not null, "uploaded_by" varchar(120) not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "ticket_attachment_ticket_id_created_at_id_index" on "ticket_attachment" ("ticket_id", "created_at", "id");`);
    this.addSql(`alter table "ticket_attachment" add constraint "ticket_attachment_ticket_id_foreign" foreign key ("ticket_id") references "ticket" ("id");`);

    this.addSql(`create table "ticket_saved_view" ("id" uuid not null, "owner_id" uuid not null, "name" varchar(80) not null, "filter" jsonb not null default '{}', "order_by" jsonb null, "team" varchar(80) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "ticket_saved_view" add constraint "ticket_saved_view_owner_id_name_unique" unique ("owner_id", "name");`);
    this.addSql(`create index "ticket_saved_view_team_index" on "ticket_saved_view" ("team");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "ticket_saved_view" cascade;`);
    this.addSql(`drop table if exists "ticket_attachment" cascade;`);
    this.addSql(`alter table "survey_invitation" drop constraint if exists "survey_invitation_trip_id_unique";`);
    this.addSql(`alter table "survey_invitation" drop column if exists "trip_id";`);
    this.addSql(`alter table "survey" drop column if exists "send_after_trip";`);
    this.addSql(`alter table "sla_policy" drop column if exists "escalate_after_minutes";`);
    this.addSql(`alter table "sla_calendar" drop column if exists "active";`);
    this.addSql(`alter table "ticket" drop constraint if exists "ticket_travel_alert_id_unique";`);
    this.addSql(`alter table "ticket" drop column if exists "escalation_level", drop column if exists "escalated_at", drop column if exists "trip_destination", drop column if exists "trip_supplier", drop column if exists "travel_alert_id", drop column if exists "incident_message";`);
  }

}
