// SQLite copies its write-ahead log back into the database file (a checkpoint, with an fsync of
// each) on the thread of whichever connection commits past 1,000 pages of log: in a collection,
// the event loop, stopped for the disk a few times a second, and half the time of storing 25,000
// links on a slow disk. The embedded store turns automatic checkpoints off and has a thread of
// its own run them on its own connection, PASSIVE (it never waits for the writer, nor makes it
// wait), as SQLite's documentation suggests for applications that must not stall
// (https://www.sqlite.org/wal.html, "Application-Initiated Checkpoints"). The thread starts when
// the log first outgrows the threshold; a process that writes little never starts it. If it
// cannot run, the connection checkpoints for itself again, as SQLite does by default.

import { EventEmitter } from 'node:events';
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/** The log size past which a checkpoint is asked for: SQLite's own default, 1,000 pages of 4 KB. */
const THRESHOLD = 1000 * 4096;

/** What SQLite says of a checkpoint: frames in the log, and how many of them are in the database now. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/** Emits 'checkpoint' (a CheckpointResult) after each checkpoint its thread ran. */
export class Checkpointer extends EventEmitter {
  readonly #database: SQLite.Database;
  readonly #path: string;
  #worker: Worker | undefined;
  #pending = false;
  #failed = false;
  #statements = 0;
  /** Checkpoints the thread ran, for tests and benchmarks. */
  done = 0;

  constructor(database: SQLite.Database, path: string) {
    super();
    this.#database = database;
    this.#path = path;
    database.pragma('wal_autocheckpoint = 0');
    // After a checkpoint has emptied it, the log is written from its start again; this keeps the
    // file from staying at the size of the largest collection.
    database.pragma('journal_size_limit = 67108864');
  }

  /** Called as the connection runs SQL: a commit, or now and then a write outside a transaction, looks at the log's size. */
  statement(sql: string): void {
    if (this.#failed) return;
    if (sql === 'commit' || ++this.#statements % 64 === 0) this.#check();
  }

  #check(): void {
    if (this.#pending) return;
    let size = 0;
    try {
      size = statSync(`${this.#path}-wal`).size;
    } catch {
      return;
    }
    if (size < THRESHOLD) return;
    const w = this.#start();
    if (!w) return;
    this.#pending = true;
    // A checkpoint under way keeps the process up until it is done; an idle thread does not.
    w.ref();
    w.postMessage('checkpoint');
  }

  #start(): Worker | undefined {
    if (this.#worker) return this.#worker;
    try {
      const w = new Worker(new URL('./checkpoint-thread.js', import.meta.url), { workerData: { path: this.#path } });
      w.unref();
      w.on('message', (m: { ok: true } & CheckpointResult | { ok: false; error: string }) => {
        this.#pending = false;
        // Unless close() is waiting for the thread to end.
        if (this.#worker === w) w.unref();
        if (!m.ok) return this.#fallBack();
        this.done++;
        this.emit('checkpoint', { busy: m.busy, log: m.log, checkpointed: m.checkpointed });
      });
      w.on('error', () => this.#fallBack());
      w.on('exit', () => {
        if (this.#worker === w) this.#fallBack();
      });
      this.#worker = w;
      return w;
    } catch {
      this.#fallBack();
      return undefined;
    }
  }

  /** The thread failed: the connection checkpoints for itself, as by default. */
  #fallBack(): void {
    if (this.#failed) return;
    this.#failed = true;
    void this.#worker?.terminate();
    this.#worker = undefined;
    this.#pending = false;
    try {
      this.#database.pragma('wal_autocheckpoint = 1000');
    } catch {
      // The connection is closed already.
    }
  }

  /** Stops the thread, its connection closed before the store's own (which checkpoints what is left). */
  async close(): Promise<void> {
    const w = this.#worker;
    this.#failed = true;
    this.#worker = undefined;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.ref();
    w.postMessage('close');
    await exited;
  }
}
