/// <reference lib="dom" />
// npm run bench:inbox: the editor app with 10,000 candidates in the inbox and a 60-item issue, in
// Debian's Chromium. Times the inbox API (its first page, and all), the inbox's first render, a
// filter keystroke, a search of the whole inbox and the builder's first render; in the same
// browser it times the peer a plain page would be (the rows the app shows first, rendered as
// server HTML, filtered by hiding rows) and prints the ratios.
// Usage: tsx bench/inbox.ts [--candidates 10000] [--items 60]

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Issue, Item } from '../src/core/model.ts';
import { buildApp } from '../src/server/app.ts';
import { inboxRow } from '../src/server/editor.ts';
import { INBOX_PAGE } from '../src/api/schemas.ts';
import { setupOwner } from '../src/server/test-session.ts';
import { rankedCandidates, recordSightings } from '../src/app/candidates.ts';
import { openStore } from '../src/store/db.ts';
import { saveIssue } from '../src/store/issues.ts';
import { usePublication } from '../src/store/publications.ts';
import { getSource, upsertSource } from '../src/store/sources.ts';
import { browserSkip, launch } from '../web/src/testing/browser.ts';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '10000' }, items: { type: 'string', default: '60' } } });
const N = Number(values.candidates);
const ITEMS = Number(values.items);
const skip = browserSkip();
if (skip) {
  console.log(`bench:inbox: ${skip}`);
  process.exit(0);
}

// A fixed pseudo-random sequence, the same on every run.
const rand = (i: number, k: number) => (((i + 1) * 2654435761 + (k + 1) * 40503) >>> 0) % 1_000_003;
// A vocabulary the size of a real inbox's (4,000 words), drawn with a Zipf-like skew: a few words
// ("python", "async") are everywhere, most are rare.
const SYLLABLES = 'py thon a sync ty ping rust num das jan go flask fast test pack age ruff po lars duck llm gent pro fil mem gil thread wasm cli par ser com pile base cache queue sched web graph orm cov bug note book plot vis ion au dio sec cryp auth log trac met ric dock er lamb da kaf ka re dis post gres lite search dex vec tor'.split(' ');
const WORDS = Array.from({ length: 4000 }, (_, w) => SYLLABLES[w % SYLLABLES.length]! + SYLLABLES[Math.floor(w / SYLLABLES.length) % SYLLABLES.length]! + (w >= SYLLABLES.length ** 2 ? SYLLABLES[w % 7]! : ''));
const pick = (i: number, k: number) => WORDS[Math.floor(WORDS.length * (rand(i, k) / 1_000_003) ** 1.5)]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-inbox-'));
const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
try {
  const pub = await usePublication(store.db);
  const now = new Date();
  const t0 = performance.now();
  for (let s = 0; s < 50; s++) {
    const { id } = await upsertSource(store.db, pub.id, { kind: 'feed', url: `https://blog${s}.example/feed.xml`, title: `Blog ${s}` });
    const source = (await getSource(store.db, id))!;
    const per = Math.ceil(N / 50);
    const sightings = Array.from({ length: Math.min(per, N - s * per) }, (_, k) => {
      const i = s * per + k;
      return {
        url: i % 10 === 0 ? `https://github.com/org${i}/${pick(i, 1)}-${i}` : `https://blog${s}.example/${pick(i, 2)}/${i}`,
        title: `${pick(i, 3)} ${['and', 'meets', 'without', 'for', 'vs'][rand(i, 9) % 5]} ${pick(i, 4)}: ${['notes on', 'a guide to', 'lessons from', 'why', 'building'][rand(i, 10) % 5]} ${pick(i, 5)} ${pick(i, 11)}`,
        summary: `<p>An article about ${pick(i, 6)} and ${pick(i, 7)}, with examples and measurements. ${'More text. '.repeat(8)}</p>`,
        published: new Date(now.getTime() - (i % 600) * 3_600_000).toISOString(),
        points: i % 7,
        comments: i % 3,
        tags: [pick(i, 8)],
      };
    });
    await store.db.transaction().execute((tx) => recordSightings(tx, pub, source, sightings, now));
  }
  const issue: Issue = {
    number: 1,
    date: now.toISOString().slice(0, 10),
    status: 'draft',
    edition: 'full',
    editions: [
      { lang: 'zh', edition: 'full', title: '基准测试' },
      { lang: 'en', edition: 'full', title: 'Benchmark' },
    ],
    items: Array.from({ length: ITEMS }, (_, i): Item => ({
      section: ['articles', 'projects', 'media', 'discussions'][i % 4]!,
      position: Math.floor(i / 4),
      url: `https://example.org/item/${i}`,
      image: null,
      meta: {},
      texts: {
        zh: { title: `第 ${i} 篇：关于 ${pick(i, 1)} 的文章`, blurb: `这是一段介绍 ${pick(i, 2)} 的文字，说明它为什么值得一读。`.repeat(3) },
        en: { title: `Item ${i}: on ${pick(i, 1)}`, blurb: `A paragraph on ${pick(i, 2)} and why it is worth reading. `.repeat(3) },
      },
    })),
  };
  await store.db.transaction().execute((tx) => saveIssue(tx, pub.id, issue));
  console.log(`seeded ${N} candidates from 50 sources and a ${ITEMS}-item issue in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const app = await buildApp(store, { dataDir: dir });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const editor = await setupOwner(app);

  // The inbox asks for its first page (the best-ranked INBOX_PAGE); all of them, for comparison.
  const timeApi = async (url: string) => {
    const times: number[] = [];
    let bytes = 0;
    for (let r = 0; r < 3; r++) {
      const a = performance.now();
      const res = await editor.get(url);
      times.push(performance.now() - a);
      bytes = res.rawPayload.length;
    }
    return { times, bytes };
  };
  const api = await timeApi('/api/inbox');
  const apiAll = await timeApi(`/api/inbox?limit=${N}`);
  console.log(`inbox API: ${api.times.map((t) => t.toFixed(0)).join(', ')} ms (the first ${INBOX_PAGE}); ${apiAll.times.map((t) => t.toFixed(0)).join(', ')} ms (all ${N})`);
  // The peer: the same rows as the app shows first, as one server-rendered HTML page, filtered by hiding rows.
  const rows = (await rankedCandidates(store.db, pub.id, { limit: INBOX_PAGE }, now)).map(inboxRow);
  const plain = `<!doctype html><meta charset="utf-8"><input id="q"><table>${rows
    .map((r) => `<tr><td>${r.score}</td><td><a href="${esc(r.url)}">${esc(r.title)}</a><br>${esc(r.sources.map((s) => s.title).join(', '))} · ${esc(r.section)} · ${esc(r.tags.join(' '))}<br>${esc(r.explanation)}</td></tr>`)
    .join('')}</table><script>document.getElementById('q').addEventListener('input',e=>{const q=e.target.value.toLowerCase();for(const tr of document.querySelectorAll('tr'))tr.hidden=!tr.textContent.toLowerCase().includes(q)})</script>`;
  const peer = createServer((_q, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(plain));
  await new Promise<void>((r) => peer.listen(0, '127.0.0.1', r));
  const peerUrl = `http://127.0.0.1:${(peer.address() as AddressInfo).port}/`;

  const browser = await launch();
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const [name, value] = editor.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: base }]);
  const page = await context.newPage();

  /** Milliseconds from a keystroke in the search box to the next painted frame. */
  const typeAndTime = (selector: string, text: string) =>
    page.evaluate(
      ([sel, q]) =>
        new Promise<number>((resolve) => {
          const input = document.querySelector(sel) as HTMLInputElement;
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
          const t = performance.now();
          setter.call(input, q);
          input.dispatchEvent(new Event('input', { bubbles: true }));
          requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
        }),
      [selector, text] as const,
    );

  const first: number[] = [];
  const filter: number[] = [];
  const whole: number[] = [];
  const builder: number[] = [];
  const peerFirst: number[] = [];
  const peerFilter: number[] = [];
  for (let r = 0; r < 3; r++) {
    await page.goto(`${base}/editor/#/inbox`);
    await page.waitForFunction(() => (window as unknown as { __inboxReady?: number }).__inboxReady !== undefined && document.querySelector('.cand'));
    first.push(await page.evaluate(() => performance.now()));
    filter.push(await typeAndTime('input[aria-label="Search titles and links"]', 'pandas'));
    filter.push(await typeAndTime('input[aria-label="Search titles and links"]', ''));
    // The inbox holds more than it loaded: a search also asks the server, after a pause in typing.
    if (N > INBOX_PAGE) {
      const w = performance.now();
      await Promise.all([page.waitForResponse((res) => res.url().includes('q=pandas')), page.getByLabel('Search titles and links').fill('pandas')]);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      whole.push(performance.now() - w);
      await page.getByLabel('Search titles and links').fill('');
    }

    await page.goto('about:blank');
    await page.goto(`${base}/editor/#/issue`);
    await page.waitForFunction((n) => document.querySelectorAll('.card').length === n, ITEMS);
    builder.push(await page.evaluate(() => performance.now()));

    await page.goto(peerUrl, { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    peerFirst.push(await page.evaluate(() => performance.now()));
    peerFilter.push(await typeAndTime('#q', 'pandas'));
    peerFilter.push(await typeAndTime('#q', ''));
  }
  await browser.close();
  await app.close();
  peer.close();

  const ms = (x: number) => `${x.toFixed(0)} ms`;
  const ratio = (ours: number, theirs: number) => (ours <= theirs ? `${(theirs / ours).toFixed(1)}x faster than the peer` : `${(ours / theirs).toFixed(1)}x slower than the peer`);
  console.log(`inbox API: ${ms(median(api.times))} for the best-ranked ${rows.length} of ${N} candidates (${(api.bytes / 1e6).toFixed(1)} MB of JSON); ${ms(median(apiAll.times))} for all (${(apiAll.bytes / 1e6).toFixed(1)} MB)`);
  console.log(`inbox first render (navigation to rows painted, API included): ${ms(median(first))}; plain HTML page of the same rows: ${ms(median(peerFirst))}: ${ratio(median(first), median(peerFirst))}`);
  console.log(`filter keystroke to painted frame: ${ms(median(filter))}; plain page hiding rows: ${ms(median(peerFilter))}: ${ratio(median(filter), median(peerFilter))}`);
  if (whole.length) console.log(`search of the whole inbox (typing, a 300 ms pause, the server's rows painted): ${ms(median(whole))}`);
  console.log(`issue builder first render (${ITEMS} items, previews and counts): ${ms(median(builder))}`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
