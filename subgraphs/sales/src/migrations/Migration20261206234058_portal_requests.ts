import { Migration } from '@mikro-orm/migrations';

/**
 * The client portal's side of sales: the projection of crm contacts linked to TT-API clients and
 * travelers (a party's proposals), and travellers' requests for changes to a proposal.
 */
export class Migration20261206234058_portal_requests extends Migration {

  override name = 'Migration20261206234058_portal_requests';

  override up(): void | Promise<void> {
    this.addSql(`create table "portal_contact" ("contact_id" uuid not null, "tt_client_id" uuid null, "tt_traveler_id" uuid null, "updated_at" timestamptz not null, primary key ("contact_id"));`);
    this.addSql(`create index "portal_contact_tt_client_id_index" on "portal_contact" ("tt_client_id");`);
    this.addSql(`create index "portal_contact_tt_traveler_id_index" on "portal_contact" ("tt_traveler_id");`);

    this.addSql(`create table "quote_change_request" ("id" uuid not null, "quote_id" uuid not null, "comment" text not null, "tt_client_id" uuid not null, "tt_traveler_id" uuid not null, "account_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "quote_change_request_quote_id_created_at_index" on "quote_change_request" ("quote_id", "created_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "quote_change_request" cascade;`);
    this.addSql(`drop table if exists "portal_contact" cascade;`);
  }

}
