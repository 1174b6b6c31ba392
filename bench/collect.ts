// npm run bench:collect: 500 feeds served on loopback by a separate process; times Pressroom's
// first full collection and a second one where nothing changed, then a Python collector built
// the way the weekly's own script works (httpx AsyncClient + feedparser) on the same server;
// then Pressroom's daily case, the same feeds a day later with a new entry on top of each.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { generateFeeds } from './generate-feeds.ts';

// Pressroom as it ships: the compiled modules in dist/ (`npm run bench:collect` builds them first),
// so the reader threads load JavaScript, not TypeScript compiled on the fly.
const dist = <T>(path: string): Promise<T> => import(new URL(`../dist/${path}`, import.meta.url).href) as Promise<T>;
const { Fetcher } = await dist<typeof import('../src/http/client.ts')>('http/client.js');
const { collect } = await dist<typeof import('../src/app/collect.ts')>('app/collect.js');
const { openStore } = await dist<typeof import('../src/store/db.ts')>('store/db.js');
const { usePublication } = await dist<typeof import('../src/store/publications.ts')>('store/publications.js');
const { upsertSource } = await dist<typeof import('../src/store/sources.ts')>('store/sources.js');
const { platformsFromEnv } = await dist<typeof import('../src/sources/types.ts')>('sources/types.js');

const COUNT = Number(process.env.BENCH_FEEDS ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-collect-'));
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

// Generated in a process of their own: the generator's garbage is not the measured process's.
const generate = (to: string, fresh: number): ReturnType<typeof generateFeeds> => {
  const r = spawnSync(process.execPath, [...process.execArgv, join(import.meta.dirname, 'generate-feeds.ts'), to, String(COUNT), String(fresh)], { encoding: 'utf8', maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`the feed generator failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReturnType<typeof generateFeeds>;
};
const gen = generate(join(dir, 'feeds'), 0);
generate(join(dir, 'feeds-next'), 1);
console.log(`feeds: ${COUNT} (RSS, Atom, JSON Feed; a quarter gzipped, a fifth in Chinese), ${gen.entries} entries, ${(gen.bytes / 1e6).toFixed(1)} MB uncompressed`);

const server = spawn(process.execPath, [join(import.meta.dirname, 'feed-server.mjs'), join(dir, 'feeds'), join(dir, 'feeds-next')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((resolve) => createInterface({ input: server.stdout! }).once('line', resolve));
const urls = gen.files.map((f) => `http://127.0.0.1:${port}/${f}`);

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
try {
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  const pub = await usePublication(store.db);
  await store.db.transaction().execute(async (tx) => {
    for (const url of urls) await upsertSource(tx, pub.id, { kind: 'feed', url });
  });
  // Every feed is on one loopback host here; in real use they are 400 hosts, so the per-host
  // politeness limits are lifted to the global concurrency for the measurement.
  const fetcher = new Fetcher({ privateAddresses: 'loopback', concurrency: 64, perHost: 64, hostDelayMs: 0, retries: 0 });
  const before = process.memoryUsage().rss;
  let t0 = process.hrtime.bigint();
  const first = await collect(store, pub, { fetcher, platforms: platformsFromEnv(), force: true, concurrency: 64 });
  const firstS = seconds(t0);
  t0 = process.hrtime.bigint();
  const second = await collect(store, pub, { fetcher, platforms: platformsFromEnv(), force: true, concurrency: 64 });
  const secondS = seconds(t0);
  clearInterval(sampler);
  console.log(`pressroom (a) first collection:  ${firstS.toFixed(2)} s, ${first.progress.created} candidates stored, ${first.progress.errors} errors`);
  console.log(`pressroom (b) nothing changed:    ${secondS.toFixed(2)} s, ${second.progress.notModified} of ${COUNT} answered 304, ${second.progress.created} new`);
  console.log(`pressroom peak memory (RSS):      ${(peak / 2 ** 20).toFixed(0)} MB (${(before / 2 ** 20).toFixed(0)} MB before the first collection: the runtime and the store)`);

  let peer: number | undefined;
  const python = process.env.BENCH_PEER === '0' ? undefined : ['/usr/bin/python3', '/bin/python3'].find((p) => existsSync(p) && spawnSync(p, ['-c', 'import feedparser, httpx']).status === 0);
  if (process.env.BENCH_PEER === '0') console.log('peer skipped (BENCH_PEER=0)');
  else if (!python) {
    console.log('peer skipped: Debian python3 with python3-httpx and python3-feedparser is not installed (apt-get install python3-httpx python3-feedparser)');
  } else {
    const list = join(dir, 'urls.txt');
    writeFileSync(list, urls.join('\n'));
    const runPeer = () => {
      const r = spawnSync(python, [join(import.meta.dirname, 'peer_collect.py'), list], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`peer failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { seconds: number; entries: number; failed: number; maxrss_mb: number };
    };
    const a = runPeer();
    const b = runPeer();
    peer = a.seconds;
    console.log(`python  (a) httpx + feedparser:   ${a.seconds.toFixed(2)} s, ${a.entries} entries parsed, ${a.failed} failed, max RSS ${a.maxrss_mb.toFixed(0)} MB`);
    if (a.entries < gen.entries) console.log(`        (feedparser reads no JSON Feed: ${gen.entries - a.entries} of the ${gen.entries} entries are not parsed, and nothing is stored)`);
    console.log(`python  (b) same again:           ${b.seconds.toFixed(2)} s (it refetches and reparses everything)`);
    console.log(`ratio: pressroom is ${(a.seconds / firstS).toFixed(1)}x faster on (a) and ${(b.seconds / secondS).toFixed(1)}x faster on (b)`);
  }

  // The daily case: every feed changed overnight by one new entry, and comes back whole.
  const next = await fetch(`http://127.0.0.1:${port}/__next`, { method: 'POST' });
  if (next.status !== 204) throw new Error(`the feed server did not move to the next day's feeds: HTTP ${next.status}`);
  t0 = process.hrtime.bigint();
  const third = await collect(store, pub, { fetcher, platforms: platformsFromEnv(), force: true, concurrency: 64 });
  const thirdS = seconds(t0);
  const unchanged = third.outcomes.reduce((n, o) => n + (o.unchanged ?? 0), 0);
  const seen = third.outcomes.reduce((n, o) => n + o.seen, 0);
  console.log(
    `pressroom (c) a day later:         ${thirdS.toFixed(2)} s, every feed fetched whole for its one new entry: ${third.progress.created} new candidates, ${third.progress.notModified} answered 304, ` +
      `${unchanged} of ${seen} entries known from the day before and not parsed again` +
      (peer ? `: ${(peer / thirdS).toFixed(1)}x faster than the peer's (a), which it takes whatever changed` : ''),
  );
  await fetcher.close();
  await store.close();
} finally {
  clearInterval(sampler);
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
