// npm run bench: import and render of a 500-issue archive (about 30 items an issue, Chinese and
// English), against markdown-it parsing and rendering the same files in the same process.
// Usage: tsx bench/archive.ts [--issues 500] [--db sqlite:PATH|postgres://…]

import { countWords, plainText } from '../src/text/word-count.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import MarkdownIt from 'markdown-it';
import { importFiles, markdownFiles } from '../src/app/import-archive.ts';
import { renderEdition } from '../src/markdown/render.ts';
import { openStore } from '../src/store/db.ts';
import { loadAllIssues } from '../src/store/issues.ts';
import { usePublication } from '../src/store/publications.ts';
import { generateArchive } from './generate-archive.ts';

const { values } = parseArgs({ options: { issues: { type: 'string', default: '500' }, db: { type: 'string' } } });
const issues = Number(values.issues);
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-'));
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

try {
  const gen = generateArchive(join(dir, 'archive'), issues);
  console.log(`archive: ${issues} issues, ${gen.files} files, ${(gen.bytes / 1e6).toFixed(1)} MB`);
  const store = await openStore(values.db ?? `sqlite:${join(dir, 'bench.db')}`);
  const stored = await usePublication(store.db);

  let t0 = process.hrtime.bigint();
  const outcomes = await importFiles(store, stored, [join(dir, 'archive')]);
  const importS = seconds(t0);
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length) throw new Error(`bench: ${failed.length} files failed to import`);

  t0 = process.hrtime.bigint();
  const all = await loadAllIssues(store.db, stored.id);
  let rendered = 0;
  for (const issue of all) for (const lang of ['zh', 'en']) rendered += renderEdition(issue, stored.pub, lang, 'full').length;
  const renderS = seconds(t0);
  await store.close();

  // The peer: markdown-it reading (tokens) and rendering (HTML) the same files.
  const texts = (await markdownFiles([join(dir, 'archive')])).map((f) => readFileSync(f, 'utf8'));
  const md = new MarkdownIt();
  t0 = process.hrtime.bigint();
  for (const t of texts) md.parse(t, {});
  const peerParseS = seconds(t0);
  t0 = process.hrtime.bigint();
  for (const t of texts) md.render(t);
  const peerRenderS = seconds(t0);

  const rate = (s: number) => (issues / s).toFixed(0);
  console.log(`import  (read, parse, join zh+en, store in ${store.kind}): ${importS.toFixed(2)} s, ${rate(importS)} issues/s`);
  console.log(`render  (load all, house-style Markdown zh+en):          ${renderS.toFixed(2)} s, ${rate(renderS)} issues/s (${(rendered / 1e6).toFixed(1)} MB)`);
  console.log(`peer    markdown-it parse of the same files:              ${peerParseS.toFixed(2)} s, ${rate(peerParseS)} issues/s`);
  console.log(`peer    markdown-it render to HTML:                       ${peerRenderS.toFixed(2)} s, ${rate(peerRenderS)} issues/s`);
  console.log(`ratio   import vs markdown-it parse: ${(importS / peerParseS).toFixed(2)}x the time; render vs markdown-it render: ${(renderS / peerRenderS).toFixed(2)}x the time`);

  // Word counts of one long post (a season compilation is about 150,000 characters): the time
  // per 100k characters must stay flat as the text grows. The floor is reading the same text
  // once, character by character, in the same run.
  const issueText = texts.join('\n');
  const perHundredK: number[] = [];
  for (const size of [25_000, 100_000, 200_000]) {
    const text = issueText.slice(0, size);
    t0 = process.hrtime.bigint();
    const words = countWords(plainText(text));
    const s = seconds(t0);
    t0 = process.hrtime.bigint();
    let letters = 0;
    for (const ch of text) if (/\p{L}/u.test(ch)) letters++;
    const floor = seconds(t0);
    perHundredK.push((s / size) * 100_000);
    console.log(`words   ${size.toLocaleString('en')} characters: ${words} words in ${(s * 1000).toFixed(1)} ms, ${((s / size) * 1e8).toFixed(1)} ms per 100k (${(s / floor).toFixed(1)}x a letter-by-letter scan, ${letters} letters)`);
  }
  console.log(`growth  per-100k time at 200k vs at 25k: ${(perHundredK[2]! / perHundredK[0]!).toFixed(2)}x (1.00 is linear)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
