// How close a generated season compilation comes to the weekly's own: imports the samples (the
// issues of season 1 there are, and the weekly's compilation), generates the compilation of
// season 1 from the stored issues, and compares, for each issue in both, the lines of its part
// (from its "## [第N期…]" heading to the separator). It reports; it never fails a build.
//   npx tsx scripts/compare-season.ts [--show N]   (N: print the differing lines of issue N)

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importFiles } from '../src/app/import-archive.ts';
import { generateSeasonPost } from '../src/app/season.ts';
import { openStore } from '../src/store/db.ts';
import { usePublication } from '../src/store/publications.ts';

const root = resolve(process.env.PRESSROOM_SAMPLES ?? join(import.meta.dirname, '..', '..', 'shared', 'samples'), 'python-trending-weekly');
const special = join(root, 'special');
const theirs = existsSync(special) ? readdirSync(special).find((f) => f.endsWith('-sweekly.md')) : undefined;
if (!theirs) {
  console.log(`compare-season skipped: no season compilation under ${special}`);
  process.exit(0);
}
const show = process.argv.includes('--show') ? Number(process.argv[process.argv.indexOf('--show') + 1]) : undefined;

/** Each issue's part of a compilation: its number → its lines, heading line left out (the links differ by site). */
function parts(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const chunks = text.split(/^(?=## \[第\d+期)/m).slice(1);
  for (const c of chunks) {
    const n = Number(/^## \[第(\d+)期/.exec(c)![1]);
    const body = c.split(/^-{10,}\s*$/m)[0]!;
    out.set(n, body.split('\n').slice(1).map((l) => l.trimEnd()).filter((l) => l !== ''));
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'pressroom-season-'));
const store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
try {
  const stored = await usePublication(store.db);
  await importFiles(store, stored, [join(root, 'zh')]);
  const ours = await generateSeasonPost(store.db, await usePublication(store.db), { season: 1, kind: 'compilation', siteUrl: 'https://example.invalid' });
  const a = parts(ours.body);
  const b = parts(readFileSync(join(special, theirs), 'utf8'));
  let same = 0;
  let total = 0;
  console.log(`season 1: the samples hold issues ${[...a.keys()].join(', ')} of it; the weekly's compilation ${theirs} holds ${b.size} issues`);
  for (const [n, lines] of a) {
    const want = b.get(n);
    if (!want) continue;
    const have = new Set(lines);
    const matched = want.filter((l) => have.has(l)).length;
    const extra = lines.filter((l) => !new Set(want).has(l));
    same += matched;
    total += want.length;
    console.log(`  #${n}: ${matched} of ${want.length} lines of the weekly's part are in ours (${((matched / want.length) * 100).toFixed(1)}%); ours has ${extra.length} lines theirs has not`);
    if (show === n) {
      for (const l of want.filter((x) => !have.has(x))) console.log(`    - ${l.slice(0, 150)}`);
      for (const l of extra) console.log(`    + ${l.slice(0, 150)}`);
    }
  }
  console.log(`in all: ${same} of ${total} lines (${total ? ((same / total) * 100).toFixed(1) : 0}%)`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
