// How many of the entries Python's feedparser reads in a folder of feeds become candidates here:
// every entry feedparser gives a title, looked for by that title among the sightings readFeed
// makes of the same file. An entry with no address at all (no link, no web guid or rdf:about,
// no enclosure) cannot be a candidate, and is counted apart. The rest that are missing are listed
// by file, with what this reader made of the file. Titles are compared as text (tags dropped,
// entities decoded), since feedparser keeps the markup of a title it takes for HTML. Run it on any folder of real feeds:
//   npm run conformance:titles [DIR]   (default: feedparser's own test feeds in ../shared)
// It needs Debian's python3 with python3-feedparser; it reports and never fails a build.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { decodeHTML } from 'entities';
import { readFeed } from '../src/sources/feed/read.ts';

const root = resolve(process.argv[2] ?? process.env.PRESSROOM_FEEDPARSER_TESTS ?? join(import.meta.dirname, '..', '..', 'shared', 'conformance', 'feedparser', 'tests'));
if (!existsSync(root)) {
  console.log(`conformance:titles skipped: no folder ${root}`);
  process.exit(0);
}
const python = ['/usr/bin/python3', '/bin/python3'].find((p) => existsSync(p) && spawnSync(p, ['-c', 'import feedparser']).status === 0);
if (!python) {
  console.log('conformance:titles skipped: Debian python3 with python3-feedparser is not installed (apt-get install python3-feedparser)');
  process.exit(0);
}

const FEEDISH = new Set(['.xml', '.rss', '.atom', '.rdf', '.feed', '']);
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : FEEDISH.has(extname(p).toLowerCase()) ? [p] : [];
  });
}
const list = files(root);

// feedparser's reading of each file, as JSON lines: the entries' titles and every address they have.
const PEER = `
import feedparser, json, sys
for p in sys.stdin.read().split('\\n'):
    if not p: continue
    try:
        d = feedparser.parse(p)
        out = [{'title': e.get('title') or '', 'link': e.get('link') or '', 'id': e.get('id') or '', 'enc': [x.get('href') or '' for x in e.get('enclosures', [])]} for e in d.entries]
    except Exception as x:
        out = []
    print(json.dumps({'file': p, 'entries': out}))
`;
const peer = spawnSync(python, ['-c', PEER], { input: list.join('\n'), encoding: 'utf8', maxBuffer: 1 << 28 });
if (peer.status !== 0) throw new Error(`feedparser failed: ${peer.stderr}`);

const web = (u: string) => /^https?:\/\//i.test(u.trim());
// feedparser keeps the markup of a title it takes for HTML ("Why <code>Vec&lt;T&gt;</code>"); its text is what counts.
const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
const peerText = (t: string) => norm(decodeHTML(t.replace(/<\/?[a-z][^>]*>/gi, '')));
let titled = 0;
let addressless = 0;
const missing: string[] = [];
for (const line of peer.stdout.split('\n').filter(Boolean)) {
  const { file, entries } = JSON.parse(line) as { file: string; entries: { title: string; link: string; id: string; enc: string[] }[] };
  const withTitle = entries.filter((e) => peerText(e.title));
  if (!withTitle.length) continue;
  let ours: string[] = [];
  let why = '';
  try {
    ours = readFeed(readFileSync(file), undefined, `https://feeds.example.org/${relative(root, file)}`).sightings.map((s) => norm(s.title));
  } catch (e) {
    why = ` (${(e as Error).message})`;
  }
  for (const e of withTitle) {
    titled++;
    if (ours.includes(peerText(e.title))) continue;
    if (!web(e.link) && !web(e.id) && !e.enc.some(web)) {
      addressless++;
      continue;
    }
    missing.push(`  ${relative(root, file)}: ${JSON.stringify(peerText(e.title).slice(0, 80))}${why || ` (read here: ${ours.length ? ours.slice(0, 3).map((t) => JSON.stringify(t.slice(0, 40))).join(', ') : 'no entries'})`}`);
  }
}
const counted = titled - addressless;
console.log(`${list.length} files; feedparser gives ${titled} entries a title, ${addressless} of them with no address (no candidate can come of those)`);
console.log(`of the other ${counted}: ${counted - missing.length} are candidates here, ${missing.length} missing (${counted ? ((100 * missing.length) / counted).toFixed(1) : '0.0'}%)`);
if (missing.length) console.log(missing.join('\n'));
