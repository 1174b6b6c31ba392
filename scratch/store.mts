import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/store/db.ts';
import { usePublication } from '../src/store/publications.ts';
import { upsertSource, dueSources, recordSuccess } from '../src/store/sources.ts';
import { recordSightings } from '../src/store/candidates.ts';
import { readFeed } from '../src/sources/feed/read.ts';
import { generateFeeds } from '../bench/generate-feeds.ts';
import { GroupCommit } from '../src/store/group-commit.ts';

const dir = mkdtempSync(join(tmpdir(), 'st-'));
const gen = generateFeeds(join(dir, 'feeds'), 500);
const reads = gen.files.map((f) => { let b = readFileSync(join(dir, 'feeds', readdirSync(join(dir,'feeds')).find((n) => n.replace(/\.gz$/, '') === f)!)); if (b[0] === 0x1f) b = gunzipSync(b); return readFeed(b, f.endsWith('.json') ? 'application/feed+json' : 'application/xml', `https://x.example/${f}`); });
const pragmas = (process.env.PRAGMAS ?? '').split(';').filter(Boolean);
for (let round = 0; round < Number(process.env.ROUNDS ?? 3); round++) {
  const store = await openStore(`sqlite:${join(dir, `b${round}.db`)}`);
  for (const p of pragmas) store.sqlite!.pragma(p);
  const pub = await usePublication(store.db);
  await store.db.transaction().execute(async (tx) => { for (const f of gen.files) await upsertSource(tx, pub.id, { kind: 'feed', url: `https://x.example/${f}` }); });
  const sources = await dueSources(store.db, pub.id);
  const now = new Date();
  const writer = new GroupCommit(store.db);
  const t0 = performance.now();
  await Promise.all(sources.map((s, i) => writer.write(async (tx) => { const o = await recordSightings(tx, pub, s, reads[i]!.sightings, now, { sqlite: store.sqlite }); await recordSuccess(tx, s.id, now, {}); return o; })));
  console.log(`store ${(performance.now() - t0).toFixed(0)} ms`);
  await store.close();
}
rmSync(dir, { recursive: true, force: true });
