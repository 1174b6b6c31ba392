// npm run bench:collect: 500 feeds served on loopback by a separate process; times Pressroom's
// first full collection and a second one where nothing changed, then a Python collector built
// the way the weekly's own script works (httpx AsyncClient + feedparser) on the same server;
// then Pressroom's daily case, the same feeds a day later with a new entry on top of each.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { generateFeeds } from './generate-feeds.ts';

const COUNT = Number(process.env.BENCH_FEEDS ?? 500);
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-collect-'));

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

// The feed server shares the two cores with whoever is measured, and its own code warms up as it
// serves. The peer runs after Pressroom's (a) and (b), against a server those warmed: so that (a)
// meets the same server, every feed is fetched once before anything is measured.
for (let i = 0; i < urls.length; i += 16) {
  await Promise.all(urls.slice(i, i + 16).map(async (u) => {
    const r = await fetch(u);
    if (!r.ok) throw new Error(`warming the feed server: ${u}: HTTP ${r.status}`);
    await r.arrayBuffer();
  }));
}

// Pressroom runs in a plain `node` process over the compiled modules (collect-run.mjs), as it
// ships: not in this one, which has TypeScript's loader and the peer's orchestration.
const list = join(dir, 'urls.txt');
writeFileSync(list, urls.join('\n'));
const child = spawn(process.execPath, [join(import.meta.dirname, 'collect-run.mjs'), join(dir, 'bench.db'), list], { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
const next = async <T>(): Promise<T> => {
  const { value, done } = await lines.next();
  if (done) throw new Error('the measured process ended early (see above)');
  return JSON.parse(value as string) as T;
};
interface Run { seconds: number; created: number; errors: number; notModified: number; threads: number; unchanged: number; seen: number }
try {
  const { a: first, b: second, before, peak } = await next<{ a: Run; b: Run; before: number; peak: number }>();
  const firstS = first.seconds;
  const secondS = second.seconds;
  console.log(`pressroom (a) first collection:  ${firstS.toFixed(2)} s, ${first.created} candidates stored, ${first.errors} errors, read on ${first.threads ? `${first.threads} thread${first.threads > 1 ? 's' : ''} of its own` : 'its own thread'}`);
  console.log(`pressroom (b) nothing changed:    ${secondS.toFixed(2)} s, ${second.notModified} of ${COUNT} answered 304, ${second.created} new`);
  console.log(`pressroom peak memory (RSS):      ${(peak / 2 ** 20).toFixed(0)} MB (${(before / 2 ** 20).toFixed(0)} MB before the first collection: the runtime and the store)`);

  let peer: number | undefined;
  const python = process.env.BENCH_PEER === '0' ? undefined : ['/usr/bin/python3', '/bin/python3'].find((p) => existsSync(p) && spawnSync(p, ['-c', 'import feedparser, httpx']).status === 0);
  if (process.env.BENCH_PEER === '0') console.log('peer skipped (BENCH_PEER=0)');
  else if (!python) {
    console.log('peer skipped: Debian python3 with python3-httpx and python3-feedparser is not installed (apt-get install python3-httpx python3-feedparser)');
  } else {
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
  // On a connection of its own: the peer ran under spawnSync, so this process's event loop slept
  // past the server's keep-alive timeout, and fetch() could take a pooled socket the server had
  // just closed ("other side closed").
  const moved = await new Promise<number>((resolve, reject) =>
    request(`http://127.0.0.1:${port}/__next`, { method: 'POST', agent: false }, (r) => resolve(r.resume().statusCode!)).on('error', reject).end(),
  );
  if (moved !== 204) throw new Error(`the feed server did not move to the next day's feeds: HTTP ${moved}`);
  child.stdin!.end('c\n');
  const { c: third } = await next<{ c: Run }>();
  const thirdS = third.seconds;
  console.log(
    `pressroom (c) a day later:         ${thirdS.toFixed(2)} s, every feed fetched whole for its one new entry: ${third.created} new candidates, ${third.notModified} answered 304, ` +
      `${third.unchanged} of ${third.seen} entries known from the day before and not parsed again` +
      (peer ? `: ${(peer / thirdS).toFixed(1)}x faster than the peer's (a), which it takes whatever changed` : ''),
  );
  await new Promise((resolve) => child.once('exit', resolve));
} finally {
  child.kill();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
