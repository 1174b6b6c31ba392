// Opens the database a URL names: `sqlite:PATH` (the default, under ./data) or `postgres://…`.

import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider, type SqliteDatabase, type Transaction } from 'kysely';
import { Checkpointer } from './checkpoint.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export const DEFAULT_DB = 'sqlite:./data/pressroom.db';

/** The database, for the store's functions; the layers above pass it along and never query it. */
export type Db = Kysely<Database>;
/** A transaction on it: what store functions that must write together are given. */
export type Tx = Transaction<Database>;

/** Runs `work` in one transaction: all of its writes land, or none. */
export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

export interface Store {
  db: Kysely<Database>;
  kind: 'sqlite' | 'postgres';
  /** The URL without its password, for messages. */
  label: string;
  /** The embedded database's own connection, the one `db` runs on: for bulk writes inside a
   * transaction `db` holds, which need no query builder (store/candidates.ts). */
  sqlite?: SQLite.Database;
  /** The embedded database's checkpoint thread (checkpoint.ts), when it is a file. */
  checkpointer?: Checkpointer | undefined;
  close(): Promise<void>;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/** `--db`, else PRESSROOM_DB, else the embedded SQLite file. */
export function resolveDbUrl(flag?: string): string {
  return flag || process.env.PRESSROOM_DB || DEFAULT_DB;
}

/**
 * What is wrong with a database address, or undefined: it is sqlite:PATH (whose folder exists,
 * unless it is the default ./data, made on first start) or postgres://…. A mistyped address must
 * not quietly become a new, empty database somewhere.
 */
export function dbUrlProblem(url: string): string | undefined {
  if (/^postgres(?:ql)?:\/\/./.test(url)) return undefined;
  if (!url.startsWith('sqlite:')) return `"${url}" is not a database address: use sqlite:PATH or postgres://USER@HOST/DB`;
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (!path) return `"${url}" names no file: use sqlite:PATH`;
  if (path === ':memory:' || url === DEFAULT_DB) return undefined;
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) return `the folder ${dir} of "${url}" does not exist (create it first, or fix the path)`;
  return undefined;
}

/** Opens the store named by `url`, migrated unless told not to. `readOnly` (an embedded store
 * only): a connection that reads beside the writer's, in another thread, as WAL allows; it
 * neither migrates nor checkpoints. */
export async function openStore(url: string, opts: { migrate?: boolean; readOnly?: boolean } = {}): Promise<Store> {
  const problem = dbUrlProblem(url);
  if (problem) throw new StoreError(`store: ${problem}`);
  if (opts.readOnly) {
    if (!url.startsWith('sqlite:')) throw new StoreError(`store: a read-only connection is for an embedded store, not ${url}`);
    return openSqliteReader(url);
  }
  const store = url.startsWith('postgres://') || url.startsWith('postgresql://') ? await openPostgres(url) : openSqlite(url);
  if (opts.migrate !== false) {
    try {
      await migrate(store);
    } catch (e) {
      await store.close();
      throw new StoreError(`store: cannot prepare ${store.label}: ${(e as Error).message}`);
    }
  }
  return store;
}

function openSqlite(url: string): Store {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  let database: SQLite.Database;
  try {
    database = new SQLite(path);
  } catch (e) {
    throw new StoreError(`store: cannot open sqlite:${path}: ${(e as Error).message}`);
  }
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // WAL with NORMAL sync: a commit is durable against a crash of the process, and does not wait for an fsync.
  database.pragma('synchronous = NORMAL');
  // Checkpoints on a thread of their own (checkpoint.ts); an in-memory database has no log.
  const checkpointer = path === ':memory:' || path === '' ? undefined : new Checkpointer(database, resolve(path));
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database, 200, checkpointer) }) });
  return {
    db,
    kind: 'sqlite',
    label: `sqlite:${path}`,
    sqlite: database,
    checkpointer,
    close: async () => {
      await checkpointer?.close();
      await db.destroy();
    },
  };
}

function openSqliteReader(url: string): Store {
  const path = url.replace(/^sqlite:(\/\/)?/, '');
  let database: SQLite.Database;
  try {
    database = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new StoreError(`store: cannot open sqlite:${path} to read: ${(e as Error).message}`);
  }
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database, 200) }) });
  return { db, kind: 'sqlite', label: `sqlite:${path} (read-only)`, sqlite: database, close: () => db.destroy() };
}

/** Kysely prepares every query it runs; SQLite compiles each one again unless its statement is
 * kept. The same query text reuses its statement (one in the middle of an iteration is left alone). */
export function withStatementCache(database: SQLite.Database, size = 200, checkpointer?: Checkpointer): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql) {
      checkpointer?.statement(sql);
      const hit = cache.get(sql);
      if (hit && !hit.busy) {
        // Least recently used goes first: move the hit to the end.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      if (!hit) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement;
    },
  };
}

async function openPostgres(url: string): Promise<Store> {
  // Loaded only here: node-postgres costs every SQLite command 70 ms at start otherwise.
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server drops (a restart, a failover, an admin) is replaced on the
  // next query; without a listener node-postgres would take the whole process down.
  pool.on('error', (e) => console.error(`store: idle PostgreSQL connection lost: ${e.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const label = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return { db, kind: 'postgres', label, close: () => db.destroy() };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export async function migrate(store: Store): Promise<void> {
  const migrator = new Migrator({ db: store.db, provider, migrationTableName: 'pressroom_migrations', migrationLockTableName: 'pressroom_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(failed ? `migration ${failed.migrationName} failed: ${String((error as Error).message ?? error)}` : String((error as Error).message ?? error));
}

/** One cheap query: the database answers (the server's /health). */
export async function pingStore(store: Store): Promise<void> {
  await store.db.selectFrom('publications').select('id').limit(1).execute();
}

/** Runs `work` holding a PostgreSQL advisory lock on its own connection: one process at a time, on any host. */
export async function withAdvisoryLock<T>(url: string, key: number, work: () => Promise<T>): Promise<T> {
  const { default: pg } = await import('pg');
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [key]);
    return await work();
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [key]).catch(() => {});
    await lock.end();
  }
}
