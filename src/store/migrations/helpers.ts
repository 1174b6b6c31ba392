import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** An auto-numbered integer key on either backend. */
export function idColumn(db: Kysely<any>): 'serial' | 'integer' {
  return isPostgres(db) ? 'serial' : 'integer';
}

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** CHECK (column IN (...)) */
export function checkIn(column: string, values: string[]): RawBuilder<unknown> {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}
