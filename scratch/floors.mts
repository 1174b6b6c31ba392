import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Fetcher } from '../src/fetch/client.ts';
import { readFeed } from '../src/sources/feed/read.ts';
import { openStore } from '../src/store/db.ts';
import { usePublication } from '../src/store/publications.ts';
import { upsertSource, dueSources } from '../src/store/sources.ts';
import { canonicalUrl } from '../src/rank/canonical-url.ts';
import { generateFeeds } from '../bench/generate-feeds.ts';

const dir = mkdtempSync(join(tmpdir(), 'fl-'));
const gen = generateFeeds(join(dir, 'feeds'), 500);
const server = spawn(process.execPath, [join(import.meta.dirname, '../bench/feed-server.mjs'), join(dir, 'feeds')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => createInterface({ input: server.stdout! }).once('line', r));
const urls = gen.files.map((f) => `http://127.0.0.1:${port}/${f}`);
const fetcher = new Fetcher({ privateAddresses: 'loopback', concurrency: 64, perHost: 64, hostDelayMs: 0, retries: 0 });
let t = performance.now();
const res = await Promise.all(urls.map((u) => fetcher.get(u, {}, '*/*')));
const tFetch = performance.now() - t;
t = performance.now();
const reads = res.map((r) => readFeed(r.body, r.headers['content-type'], r.url));
const tRead = performance.now() - t;
const store = await openStore(`sqlite:${join(dir, 'b.db')}`);
const pub = await usePublication(store.db);
await store.db.transaction().execute(async (tx) => { for (const u of urls) await upsertSource(tx, pub.id, { kind: 'feed', url: u }); });
const sources = await dueSources(store.db, pub.id);
const db = store.sqlite!;
const ins = db.prepare('insert into candidates (publication_id, url, title, summary, author, published_at, lang, image, kind, section, tags, stars, star_gain, first_seen_at, updated_at) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) on conflict do nothing returning id');
const sg = db.prepare('insert into sightings (candidate_id, source_id, link, engagement, comments, seen_at) values (?,?,?,?,?,?)');
const stamp = new Date().toISOString();
const oldest = new Date(Date.now() - 30 * 86400000).toISOString();
t = performance.now();
let n = 0;
db.transaction(() => {
  reads.forEach((r, i) => {
    for (const s of r.sightings) {
      if (s.published && s.published < oldest) continue;
      const row = ins.get(pub.id, canonicalUrl(s.url), s.title, s.summary, s.author ?? null, s.published ?? null, s.lang ?? null, s.image ?? null, 'article', 'Articles', JSON.stringify(s.tags), null, null, stamp, stamp) as { id: number } | undefined;
      if (row) { sg.run(row.id, sources[i]!.id, s.url, 0, 0, stamp); n++; }
    }
  });
})();
const tSql = performance.now() - t;
await fetcher.close(); await store.close(); server.kill();
const list = join(dir, 'urls.txt');
const server2 = spawn(process.execPath, [join(import.meta.dirname, '../bench/feed-server.mjs'), join(dir, 'feeds')], { stdio: ['ignore', 'pipe', 'inherit'] });
const port2 = await new Promise<string>((r) => createInterface({ input: server2.stdout! }).once('line', r));
writeFileSync(list, gen.files.map((f) => `http://127.0.0.1:${port2}/${f}`).join('\n'));
const peer = JSON.parse(spawnSync('/usr/bin/python3', [join(import.meta.dirname, '../bench/peer_collect.py'), list], { encoding: 'utf8' }).stdout);
server2.kill();
const sum = tFetch + tRead + tSql;
console.log(`fetch ${tFetch.toFixed(0)} ms, read (cold) ${tRead.toFixed(0)} ms, raw sqlite ${tSql.toFixed(0)} ms (${n} rows): sum ${sum.toFixed(0)} ms; peer ${(peer.seconds * 1000).toFixed(0)} ms; 10x needs ${(peer.seconds * 100).toFixed(0)} ms; floors give ${(peer.seconds * 1000 / sum).toFixed(1)}x`);
rmSync(dir, { recursive: true, force: true });
