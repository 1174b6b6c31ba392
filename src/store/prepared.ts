// Statements the embedded store prepares once per connection, for the writes a collection makes
// thousands of times, where the query builder costs more than SQLite does (store/candidates.ts,
// store/sources.ts). Each runs on the connection the caller's transaction holds.

import type SQLite from 'better-sqlite3';

/** `make`'s statements, made the first time a connection asks and kept as long as it lives. */
export function perConnection<T>(make: (database: SQLite.Database) => T): (database: SQLite.Database) => T {
  const made = new WeakMap<SQLite.Database, T>();
  return (database) => {
    let statements = made.get(database);
    if (!statements) made.set(database, (statements = make(database)));
    return statements;
  };
}
