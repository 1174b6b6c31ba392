import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import type { ServerResponse } from 'node:http';
import { startServer, type TestServer } from '../http/test-server.ts';
import { openStore, type Store } from '../store/db.ts';
import { usePublication } from '../store/publications.ts';
import { upsertSource } from '../store/sources.ts';
import { postgresDatabase } from '../store/test-databases.ts';

const root = join(import.meta.dirname, '..', '..');
const backend = await postgresDatabase();

const rss = (n: string) =>
  `<rss version="2.0"><channel><title>Feed ${n}</title><item><title>Post ${n}</title><link>https://w${n}.example.com/post</link></item></channel></rss>`;

interface Worker {
  proc: ChildProcess;
  lines: string[];
  ready: Promise<void>;
}

function startWorker(db: string, env: Record<string, string>): Worker {
  const proc = spawn(process.execPath, [join(root, 'bin', 'pressroom.js'), 'worker', '--db', db, '--concurrency', '1'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const errors: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      lines.push(l);
      if (l.includes(': working')) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${errors.join('')}`)));
    // A worker that cannot start fails the test instead of hanging it.
    setTimeout(() => reject(new Error(`worker did not start in 30 s: ${errors.join('')}`)), 30_000).unref();
  });
  proc.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  return { proc, lines, ready };
}

/** Polls a condition (not a timer guess): resolves as soon as it holds, fails after the deadline. */
async function until(what: string, check: () => Promise<boolean>, deadlineMs = 60_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('workers sharing collection through the PostgreSQL job queue', { skip: backend.skip }, () => {
  let srv: TestServer;
  let db: string;
  let store: Store;
  const workers: Worker[] = [];
  let env: Record<string, string>;

  before(async () => {
    srv = await startServer();
    db = await backend.create();
    store = await openStore(db);
    env = {
      PRESSROOM_FETCH_ALLOW_PRIVATE: 'loopback',
      PRESSROOM_CONFIG: join(import.meta.dirname, '..', 'app', 'testdata', 'fetch-config.json'),
      PRESSROOM_QUEUE_POLL_SECONDS: '1',
      PRESSROOM_JOB_EXPIRE_SECONDS: '3',
      PRESSROOM_QUEUE_MAINTENANCE_SECONDS: '1',
    };
  });
  after(async () => {
    for (const w of workers) w.proc.kill('SIGKILL');
    await store?.close();
    await srv?.close();
    await backend.cleanup();
  });

  test('two workers take the sources between them, each source fetched once', async () => {
    // Requests are held until two are in flight at once: with one job at a time per worker,
    // that can only happen when both workers are working.
    const held: (() => void)[] = [];
    let open = false;
    for (let i = 0; i < 12; i++) {
      srv.route(`/feed-${i}.rss`, (_q, res: ServerResponse) => {
        const answer = () => void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(String(i)));
        if (open) return answer();
        held.push(answer);
        if (held.length >= 2) {
          open = true;
          held.splice(0).forEach((a) => a());
        }
      });
    }
    const pub = await usePublication(store.db);
    for (let i = 0; i < 12; i++) await upsertSource(store.db, pub.id, { kind: 'feed', url: `${srv.url}/feed-${i}.rss` });
    workers.push(startWorker(db, env), startWorker(db, env));
    await Promise.all(workers.map((w) => w.ready));
    await until('every source is fetched', async () => {
      const rows = await store.db.selectFrom('sources').select('last_fetched_at').execute();
      return rows.every((r) => r.last_fetched_at !== null);
    }).catch((e: Error) => {
      throw new Error(`${e.message}; requests: ${srv.log.map((l) => l.path).join(' ')}; workers: ${workers.map((w) => w.lines.join(' / ')).join(' || ')}`);
    });
    for (let i = 0; i < 12; i++) assert.equal(srv.log.filter((l) => l.path === `/feed-${i}.rss`).length, 1, `feed ${i} fetched once`);
    for (const w of workers) assert.ok(w.lines.some((l) => /source #\d+ ok/.test(l)), `every worker did some: ${w.lines.join(' | ')}`);
    const candidates = await store.db.selectFrom('candidates').select('url').execute();
    assert.equal(candidates.length, 12);
  });

  test('a worker killed in the middle of a source loses nothing: another picks it up', async () => {
    let first = true;
    let reachedFirst: () => void = () => {};
    const reached = new Promise<void>((r) => (reachedFirst = r));
    srv.route('/hang.rss', (_q, res: ServerResponse) => {
      if (first) {
        first = false;
        reachedFirst();
        return; // never answers: the worker is stuck on it
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('hang'));
    });
    // Only one worker is alive while the hanging fetch starts.
    workers[1]!.proc.kill('SIGKILL');
    const pub = await usePublication(store.db);
    const { id } = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${srv.url}/hang.rss` });
    const restart = startWorker(db, env);
    workers.push(restart);
    await restart.ready;
    await reached;
    // Kill whichever worker holds the job, then bring a fresh one.
    for (const w of workers) w.proc.kill('SIGKILL');
    const fresh = startWorker(db, env);
    workers.push(fresh);
    await fresh.ready;
    await until('the hung source is fetched by another worker', async () => {
      const r = await store.db.selectFrom('sources').select('last_fetched_at').where('id', '=', id).executeTakeFirst();
      return !!r?.last_fetched_at;
    });
    assert.equal(srv.log.filter((l) => l.path === '/hang.rss').length, 2);
    const c = await store.db.selectFrom('candidates').select('url').where('url', '=', 'https://whang.example.com/post').executeTakeFirst();
    assert.ok(c, 'its candidate was stored');
  });
});
