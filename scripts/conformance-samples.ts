// Imports every issue under ../shared/samples/ into a fresh database, renders each edition back
// from the database and compares it with the file byte for byte. It reports; it never fails a build.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { importFiles, markdownFiles, readSource, compare, type CheckResult } from '../src/app/import-archive.ts';
import { parseEdition } from '../src/markdown/parse.ts';
import { renderEdition } from '../src/markdown/render.ts';
import { openStore } from '../src/store/db.ts';
import { loadIssue } from '../src/store/issues.ts';
import { usePublication } from '../src/store/publications.ts';
import { getPost } from '../src/store/posts.ts';

const root = resolve(process.env.PRESSROOM_SAMPLES ?? join(import.meta.dirname, '..', '..', 'shared', 'samples'));
if (!existsSync(root)) {
  console.log(`conformance:samples skipped: no samples at ${root} (set PRESSROOM_SAMPLES to point elsewhere)`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'pressroom-samples-'));
const store = await openStore(`sqlite:${join(dir, 'samples.db')}`);
try {
  const stored = await usePublication(store.db);
  const outcomes = await importFiles(store, stored, [root]);
  const failed = outcomes.flatMap((o) => (o.status === 'failed' ? [o] : []));
  const skipped = outcomes.flatMap((o) => (o.status === 'skipped' ? [o] : []));
  const results: (CheckResult & { edition: string })[] = [];
  const textItems: string[] = [];
  for (const file of await markdownFiles([root])) {
    const o = outcomes.find((x) => x.file === file);
    if (!o || o.status === 'failed' || o.status === 'skipped') continue;
    const { text } = await readSource(file);
    if ('post' in o) {
      const post = (await getPost(store.db, stored.id, o.post, o.lang))!;
      results.push({ ...compare(file, text, post.body), edition: `post (${o.kind})` });
      continue;
    }
    const ed = parseEdition(text, stored.pub, { file });
    for (const t of ed.textItems) textItems.push(`${relative(root, file)}:${t.line}: ${t.text.slice(0, 70)}`);
    const issue = (await loadIssue(store.db, stored.id, ed.number))!;
    results.push({ ...compare(file, text, renderEdition(issue, stored.pub, ed.lang, ed.edition)), edition: ed.edition });
  }
  const ok = results.filter((r) => r.ok);
  const full = results.filter((r) => r.edition === 'full');
  const posts = results.filter((r) => r.edition.startsWith('post'));
  console.log(`samples: ${outcomes.length} files under ${root}`);
  for (const s of skipped) console.log(`  skipped ${relative(root, s.file)}: ${s.reason}`);
  for (const f of failed) console.log(`  failed  ${f.error}`);
  for (const r of results.filter((x) => !x.ok)) {
    console.log(`  differs ${relative(root, r.file)}:${r.line}\n    file:     ${JSON.stringify(r.expected)}\n    rendered: ${JSON.stringify(r.actual)}`);
  }
  for (const t of textItems) console.log(`  as text ${t}`);
  const issues = new Set(outcomes.flatMap((o) => ('number' in o ? [o.number] : [])));
  console.log(
    `round trip through the database: ${ok.length} of ${results.length} editions byte for byte ` +
      `(full editions ${full.filter((r) => r.ok).length} of ${full.length}, teasers ${results.filter((r) => r.ok && r.edition === 'teaser').length} of ${results.filter((r) => r.edition === 'teaser').length}, posts ${posts.filter((r) => r.ok).length} of ${posts.length}); ` +
      `${issues.size} issues joined from ${results.length} files; ${failed.length} failed to import`,
  );
  console.log(`numbered lines kept as text, not items: ${textItems.length} (in ${new Set(textItems.map((t) => t.split(':')[0])).size} files)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
