// npm run bench: import and render of a 500-issue archive (about 30 items an issue, Chinese and
// English), against markdown-it parsing and rendering the same files in the same process.
// Usage: tsx bench/archive.ts [--issues 500] [--db sqlite:PATH|postgres://…]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import MarkdownIt from 'markdown-it';
import { importFiles, markdownFiles } from '../src/markdown/import.ts';
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
} finally {
  rmSync(dir, { recursive: true, force: true });
}
