import { Migration } from '@mikro-orm/migrations';

export class Migration20261206051945_audit_actors extends Migration {

  override name = 'Migration20261206051945_audit_actors';

  override up(): void | Promise<void> {
    this.addSql(`create type "nx_actor_kind" as enum ('USER', 'API_KEY', 'SERVICE', 'ANONYMOUS');`);
    this.addSql(`alter type "nx_audit_action" add value if not exists 'SERVICE_WRITE' after 'API_KEY_REVOKED';`);
    // Entries recorded before actors had a kind were all made by signed-in staff (or nobody).
    this.addSql(`alter table "audit_entry" add "actor_kind" "nx_actor_kind" null, add "actor_name" varchar(120) null;`);
    this.addSql(`update "audit_entry" set "actor_kind" = case when "actor_id" is null then 'ANONYMOUS'::"nx_actor_kind" else 'USER'::"nx_actor_kind" end, "actor_name" = coalesce('user:' || "actor_id"::text, 'anonymous');`);
    this.addSql(`alter table "audit_entry" alter column "actor_kind" set not null, alter column "actor_name" set not null;`);
    this.addSql(`alter table "audit_entry" alter column "target_id" drop not null;`);
    this.addSql(`create index "audit_entry_actor_name_index" on "audit_entry" ("actor_name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "audit_entry_actor_name_index";`);
    this.addSql(`alter table "audit_entry" drop column "actor_kind", drop column "actor_name";`);
    this.addSql(`alter table "audit_entry" alter column "target_id" set not null;`);

    this.addSql(`drop type "nx_actor_kind";`);
  }

}
