// The databases a store test runs on: a fresh SQLite file always, and a fresh PostgreSQL
// database when a server answers (PRESSROOM_TEST_PG, default postgres://postgres@127.0.0.1:5432/postgres).
// With PRESSROOM_REQUIRE_PG=1 (as CI sets) a missing server fails the run instead of skipping.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { openStore, type Store } from './db.ts';
import { usePublication, type StoredPublication } from './publications.ts';

export interface TestDatabase {
  kind: 'sqlite' | 'postgres';
  /** Why this backend is skipped, if it is. */
  skip?: string;
  /** A URL for a new, empty database. */
  create(): Promise<string>;
  /** Drops everything create() made. */
  cleanup(): Promise<void>;
}

const PG_URL = process.env.PRESSROOM_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function sqliteDatabase(): TestDatabase {
  const dirs: string[] = [];
  return {
    kind: 'sqlite',
    create: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pressroom-test-'));
      dirs.push(dir);
      return `sqlite:${join(dir, 'test.db')}`;
    },
    cleanup: async () => {
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

let pgProbe: Promise<string | undefined> | undefined;

/** undefined when the server answers, else the reason it does not. */
function probePostgres(): Promise<string | undefined> {
  pgProbe ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (e) {
      return (e as Error).message || String(e);
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgProbe;
}

export async function postgresDatabase(): Promise<TestDatabase> {
  const problem = await probePostgres();
  const made: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  if (problem && process.env.PRESSROOM_REQUIRE_PG === '1') {
    throw new Error(`PostgreSQL is required (PRESSROOM_REQUIRE_PG=1) but ${PG_URL} does not answer: ${problem}`);
  }
  return {
    kind: 'postgres',
    ...(problem ? { skip: `PostgreSQL tests skipped: no server at ${PG_URL} (${problem})` } : {}),
    create: async () => {
      const name = `pressroom_test_${process.pid}_${made.length}_${Math.random().toString(36).slice(2, 8)}`;
      await admin((c) => c.query(`create database ${name}`));
      made.push(name);
      const url = new URL(PG_URL);
      url.pathname = `/${name}`;
      return url.toString();
    },
    cleanup: async () => {
      if (made.length) await admin(async (c) => {
        for (const name of made) await c.query(`drop database if exists ${name} with (force)`);
      });
    },
  };
}

/** SQLite and PostgreSQL, for `for (const db of await testDatabases()) describe(…, { skip: db.skip }, …)`. */
export async function testDatabases(): Promise<TestDatabase[]> {
  return [sqliteDatabase(), await postgresDatabase()];
}

/** For a describe block: a fresh store with the default publication, opened before its tests and
 * closed and dropped after them. Read `store` and `pub` from the returned object inside tests. */
export function freshStore(backend: TestDatabase): { store: Store; pub: StoredPublication } {
  const box = {} as { store: Store; pub: StoredPublication };
  before(async () => {
    box.store = await openStore(await backend.create());
    box.pub = await usePublication(box.store.db);
  });
  after(async () => {
    await box.store?.close();
    await backend.cleanup();
  });
  return box;
}
