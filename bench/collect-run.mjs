// The measured side of bench:collect: Pressroom's collections in a plain `node` process over the
// compiled modules (dist/), as `pressroom collect` and `serve` run them, with no TypeScript loader
// in the process. Given a database path and a file of feed URLs, it runs (a) the first collection
// and (b) the same again, prints them as a JSON line, then waits for a line on standard input
// (bench/collect.ts runs the peer and moves the server to the next day meanwhile) and runs (c),
// the daily case, printed as another JSON line.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const dist = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const [{ Fetcher }, { collect }, { openStore }, { usePublication }, { upsertSource }, { platformsFromEnv }] = await Promise.all(
  ['http/client.js', 'app/collect.js', 'store/db.js', 'store/publications.js', 'store/sources.js', 'sources/types.js'].map(dist),
);
const [dbPath, urlsFile] = process.argv.slice(2);
const urls = readFileSync(urlsFile, 'utf8').split('\n').filter(Boolean);
const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const store = await openStore(`sqlite:${dbPath}`);
const pub = await usePublication(store.db);
await store.db.transaction().execute(async (tx) => {
  for (const url of urls) await upsertSource(tx, pub.id, { kind: 'feed', url });
});
// Every feed is on one loopback host here; in real use they are 400 hosts, so the per-host
// politeness limits are lifted to the global concurrency for the measurement.
const fetcher = new Fetcher({ privateAddresses: 'loopback', concurrency: 64, perHost: 64, hostDelayMs: 0, retries: 0 });
const run = async () => {
  const t0 = process.hrtime.bigint();
  const r = await collect(store, pub, { fetcher, platforms: platformsFromEnv(), force: true, concurrency: 64 });
  return {
    seconds: seconds(t0),
    created: r.progress.created,
    errors: r.progress.errors,
    notModified: r.progress.notModified,
    threads: r.threads,
    unchanged: r.outcomes.reduce((n, o) => n + (o.unchanged ?? 0), 0),
    seen: r.outcomes.reduce((n, o) => n + o.seen, 0),
  };
};
const before = process.memoryUsage().rss;
const a = await run();
const b = await run();
clearInterval(sampler);
console.log(JSON.stringify({ a, b, before, peak }));
const input = createInterface({ input: process.stdin });
await new Promise((resolve) => input.once('line', resolve));
input.close();
console.log(JSON.stringify({ c: await run() }));
await fetcher.close();
await store.close();
