// Writes from many concurrent tasks, committed together. A collection finishes sources faster than
// one transaction each can be committed: SQLite has one writer, and every commit writes out again
// the index pages it touched. Writes that arrive while a transaction runs wait and share the next
// one. If any of them fails, the batch is rolled back and each write is tried again in its own
// transaction, so one bad write fails alone and the others land.

import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

interface Pending {
  write: (tx: Transaction<Database>) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  readonly #db: Kysely<Database>;
  readonly #maxBatch: number;
  #queue: Pending[] = [];
  #draining = false;
  /** Transactions committed, for the curious (tests, benchmarks). */
  commits = 0;

  constructor(db: Kysely<Database>, opts: { maxBatch?: number } = {}) {
    this.#db = db;
    this.#maxBatch = opts.maxBatch ?? 25;
  }

  /** Runs `write` in a transaction shared with other writes; settles once that transaction is committed. */
  write<T>(write: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        // After the I/O callbacks already due: the writes they bring join the first batch.
        setImmediate(() => void this.#drain());
      }
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#queue.length) {
        const batch = this.#queue.splice(0, this.#maxBatch);
        let results: unknown[];
        try {
          results = await this.#transaction(async (tx) => {
            const out: unknown[] = [];
            for (const p of batch) out.push(await p.write(tx));
            return out;
          });
        } catch (e) {
          if (batch.length === 1) batch[0]!.reject(e);
          else for (const p of batch) await this.#transaction(p.write).then(p.resolve, p.reject);
          continue;
        }
        batch.forEach((p, i) => p.resolve(results[i]));
      }
    } finally {
      this.#draining = false;
    }
  }

  async #transaction<T>(fn: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
    const out = await this.#db.transaction().execute(fn);
    this.commits++;
    return out;
  }
}
