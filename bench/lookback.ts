// npm run bench:lookback: a generated archive of 500 issues (about 30 items each, Chinese and
// English; seasons of 30), imported once; then, each timed and set against a floor run in the
// same process:
//   compile and digest of a season  vs rendering the season's 30 issues in house style
//   the season's EPUB               vs zipping the same files with fflate alone
//   the season's PDF                vs Chromium printing a one-page document
//   the stats page (archive, season) vs loading the issues it reads
//   the word cloud's layout, 2,000 words
// Usage: tsx bench/lookback.ts [--issues 500] [--season 3]

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { importFiles } from '../src/app/import-archive.ts';
import { makeEbook } from '../src/app/ebook.ts';
import { generateSeasonPost } from '../src/app/season.ts';
import { lookBack } from '../src/app/stats.ts';
import { seasonBook } from '../src/lookback/ebook/book.ts';
import { launchChromium } from '../src/lookback/chromium.ts';
import { layoutCloud } from '../src/lookback/wordcloud.ts';
import { seasonNumbers, seasonRange } from '../src/core/model.ts';
import { renderEdition } from '../src/markdown/render.ts';
import { openStore } from '../src/store/db.ts';
import { liveIssues } from '../src/store/issues.ts';
import { usePublication } from '../src/store/publications.ts';
import { generateArchive } from './generate-archive.ts';

const { values } = parseArgs({ options: { issues: { type: 'string', default: '500' }, season: { type: 'string', default: '3' } } });
const issues = Number(values.issues);
const season = Number(values.season);
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-lookback-'));
const time = async <T>(f: () => Promise<T> | T): Promise<[number, T]> => {
  const t0 = process.hrtime.bigint();
  const r = await f();
  return [Number(process.hrtime.bigint() - t0) / 1e9, r];
};
/** The best of three runs: what the machine can do, not what else it was doing. */
const best = async <T>(f: () => Promise<T> | T): Promise<[number, T]> => {
  let out: [number, T] | undefined;
  for (let i = 0; i < 3; i++) {
    const r = await time(f);
    if (!out || r[0] < out[0]) out = r;
  }
  return out!;
};
const ms = (s: number) => `${(s * 1000).toFixed(0)} ms`;
const row = (what: string, s: number, floor: number, floorName: string) => console.log(`${what.padEnd(34)} ${ms(s).padStart(9)}   ${floorName}: ${ms(floor)}  (${(s / floor).toFixed(1)}x the floor)`);

try {
  generateArchive(join(dir, 'archive'), issues);
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  let stored = await usePublication(store.db);
  const [importS] = await time(() => importFiles(store, stored, [join(dir, 'archive')]));
  stored = await usePublication(store.db);
  console.log(`archive: ${issues} issues imported in ${importS.toFixed(2)} s; season ${season} is issues ${seasonRange(season).first}-${seasonRange(season).last}`);

  const { first, last } = seasonRange(season);
  const numbers = seasonNumbers(season);
  const [renderS] = await best(async () => {
    const list = await liveIssues(store.db, stored.id, numbers);
    let n = 0;
    for (const i of list) n += renderEdition(i, stored.pub, 'zh', 'full').length;
    return n;
  });
  const siteUrl = 'https://weekly.example.com';
  const [compileS, compiled] = await best(() => generateSeasonPost(store.db, stored, { season, kind: 'compilation', siteUrl, date: '2030-01-01', replace: true }));
  row(`compile (${compiled.issues.length} issues, ${(compiled.body.length / 1024).toFixed(0)} KB)`, compileS, renderS, 'render the 30 issues');
  const [digestS, digest] = await best(() => generateSeasonPost(store.db, stored, { season, kind: 'digest', siteUrl, date: '2030-01-01', replace: true }));
  row(`digest (${digest.links} links)`, digestS, renderS, 'render the 30 issues');

  const ebooks = join(dir, 'ebooks');
  const [epubS, epub] = await best(() => makeEbook(store.db, stored, { season, format: 'epub', dir: ebooks }));
  // The floor: the same book's files, zipped with nothing else done.
  const book = seasonBook(await liveIssues(store.db, stored.id, numbers), stored.pub, { season, lang: 'zh', images: false });
  const files = Object.fromEntries(book.chapters.map((c) => [`${c.id}.xhtml`, strToU8(c.sections.map((s) => s.items.map((i) => i.html).join('')).join(''))]));
  const [zipS] = await best(() => zipSync(files, { level: 9 }));
  row(`EPUB (${(epub.bytes / 1024).toFixed(0)} KB, ${epub.items} items)`, epubS, zipS, 'zip its text alone');

  const [pdfS, pdf] = await time(() => makeEbook(store.db, stored, { season, format: 'pdf', dir: ebooks }));
  const [blankS] = await time(async () => {
    const b = await launchChromium();
    const p = await b.newPage();
    await p.setContent('<p>one page</p>');
    await p.pdf({ format: 'A5' });
    await b.close();
  });
  row(`PDF (${(pdf.bytes / 1024).toFixed(0)} KB)`, pdfS, blankS, 'Chromium prints one page');

  const [loadAllS] = await best(() => liveIssues(store.db, stored.id));
  const [statsS, report] = await best(() => lookBack(store.db, stored));
  row(`stats page, archive (${report.issues} issues)`, statsS, loadAllS, 'load the issues');
  const [loadSeasonS] = await best(() => liveIssues(store.db, stored.id, numbers));
  const [seasonStatsS, sr] = await best(() => lookBack(store.db, stored, { season }));
  row(`stats page, season (${sr.cloud.words} words in the cloud)`, seasonStatsS, loadSeasonS, 'load the issues');

  const words = Array.from({ length: 2000 }, (_, i) => ({ text: `${i % 3 ? '词' : 'word'}${i}`, weight: Math.max(1, Math.round(2000 / (i + 1))) }));
  const [cloudS, cloud] = await best(() => layoutCloud(words, { width: 900, height: 460 }));
  console.log(`${'word cloud layout, 2,000 words'.padEnd(34)} ${ms(cloudS).padStart(9)}   ${cloud.placed.length} placed, ${cloud.dropped} found no room`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
