// The kind of a source becomes plain text: the CHECK that listed the kinds goes, so that adding a
// kind (src/sources/kinds.ts) needs no migration. The store checks the kind on every write.
// SQLite cannot drop a constraint, so its table is rebuilt from its own DDL, minus the CHECK, with
// foreign keys off for the rebuild (dropping the old table would otherwise delete every sighting).

import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    const rows = await sql<{ conname: string }>`select conname from pg_constraint where conrelid = 'sources'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%kind%'`.execute(db);
    for (const r of rows.rows) await sql`alter table sources drop constraint ${sql.id(r.conname)}`.execute(db);
    return;
  }
  const table = await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'sources'`.execute(db);
  const ddl = table.rows[0]?.sql;
  if (!ddl) throw new Error('migration 0009: the sources table is missing');
  const check = /\s+check\s*\(\s*"kind"\s+in\s*\([^)]*\)\s*\)/i;
  if (!check.test(ddl)) return;
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master where type = 'index' and tbl_name = 'sources' and sql is not null`.execute(db);
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (tx) => {
      await sql.raw(ddl.replace(check, '').replace(/^create table\s+"?sources"?/i, 'create table "sources_rebuilt"')).execute(tx);
      await sql`insert into sources_rebuilt select * from sources`.execute(tx);
      await sql`drop table sources`.execute(tx);
      await sql`alter table sources_rebuilt rename to sources`.execute(tx);
      for (const i of indexes.rows) await sql.raw(i.sql).execute(tx);
      const broken = await sql<{ table: string }>`pragma foreign_key_check`.execute(tx);
      if (broken.rows.length) throw new Error(`migration 0009: ${broken.rows.length} rows would lose their source; nothing was changed`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

export async function down(): Promise<void> {
  // The CHECK is not put back: a kind added since would make it fail.
}
