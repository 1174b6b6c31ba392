// Runs the feed parser over Python feedparser's test feeds (../shared/conformance/feedparser/tests).
// Counts files that throw, checks that no sanitised output keeps anything executable, and
// evaluates the simple `Expect:` forms (a feed or entry field compared to a string, bozo or not)
// against our output mapped to feedparser's names. It reports; it never fails a build.

import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeBody } from '../src/http/charset.ts';
import { parseFeed } from '../src/sources/feed/parse.ts';
import type { Feed } from '../src/sources/feed/types.ts';

const root = resolve(process.env.PRESSROOM_FEEDPARSER_TESTS ?? join(import.meta.dirname, '..', '..', 'shared', 'conformance', 'feedparser', 'tests'));
if (!existsSync(root)) {
  console.log(`conformance:feedparser skipped: no tests at ${root}`);
  process.exit(0);
}
const verbose = process.argv.includes('--verbose');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.xml') ? [p] : [];
  });
}

/** Python string literal → JS string (u'', '', "", with \n \' \\ \xNN \uNNNN escapes). */
function pyString(lit: string): string | undefined {
  const m = /^u?(['"])([\s\S]*)\1$/.exec(lit.trim());
  if (!m) return undefined;
  return m[2]!.replace(/\\(u[\da-fA-F]{4}|x[\da-fA-F]{2}|.)/g, (_w, e: string) => {
    if (e[0] === 'u' || e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: '\n', t: '\t', r: '\r', "'": "'", '"': '"', '\\': '\\' } as Record<string, string>)[e] ?? `\\${e}`;
  });
}

const FEED_FIELDS: Record<string, (f: Feed) => string | undefined> = {
  title: (f) => f.title,
  'title_detail.value': (f) => f.title,
  link: (f) => f.link,
  description: (f) => f.description,
  subtitle: (f) => f.description,
  tagline: (f) => f.description,
  info: (f) => f.description,
  'subtitle_detail.value': (f) => f.description,
  'tagline_detail.value': (f) => f.description,
  language: (f) => f.language,
  author: (f) => f.author,
};
const ENTRY_FIELDS: Record<string, (f: Feed, i: number) => string | undefined> = {
  title: (f, i) => f.entries[i]?.title,
  'title_detail.value': (f, i) => f.entries[i]?.title,
  link: (f, i) => f.entries[i]?.link,
  id: (f, i) => f.entries[i]?.id,
  description: (f, i) => f.entries[i]?.summary || f.entries[i]?.content,
  summary: (f, i) => f.entries[i]?.summary || f.entries[i]?.content,
  'summary_detail.value': (f, i) => f.entries[i]?.summary,
  'content.0.value': (f, i) => f.entries[i]?.content,
  author: (f, i) => f.entries[i]?.author,
};

type Clause = (feed: Feed | undefined, bozo: boolean) => boolean;

/** Clauses joined by "and"; undefined when any clause is not one of the simple forms. */
function compile(expect: string): Clause[] | undefined {
  const clauses: Clause[] = [];
  for (const raw of expect.split(/ and (?=(?:not )?bozo\b|feed|entries)/)) {
    const c = raw.trim();
    if (c === 'bozo') clauses.push((_f, b) => b);
    else if (c === 'not bozo') clauses.push((_f, b) => !b);
    else {
      const m = /^(feed|entries\[(\d+)\])((?:\[['"][\w]+['"]\]|\[\d+\]|\.[\w]+)+)\s*==\s*(u?(['"])[\s\S]*\5)$/.exec(c);
      if (!m) return undefined;
      const path = [...m[3]!.matchAll(/\[['"]?(\w+)['"]?\]|\.(\w+)/g)].map((x) => x[1] ?? x[2]).join('.');
      const want = pyString(m[4]!);
      if (want === undefined) return undefined;
      if (m[1] === 'feed') {
        const get = FEED_FIELDS[path];
        if (!get) return undefined;
        clauses.push((f) => !!f && (get(f) ?? '') === want);
      } else {
        const get = ENTRY_FIELDS[path];
        if (!get) return undefined;
        const i = Number(m[2]);
        clauses.push((f) => !!f && (get(f, i) ?? '') === want);
      }
    }
  }
  return clauses;
}

const EXECUTABLE = /<script|<style|\son[a-z]+\s*=|javascript:|vbscript:|<object|<embed|<form|<meta|<link|expression\s*\(|<iframe(?![^>]*src="https:\/\/(www\.youtube\.com|www\.youtube-nocookie\.com|player\.vimeo\.com|player\.bilibili\.com)\/)/i;

let total = 0;
let threw = 0;
let unsafe = 0;
let evaluated = 0;
let passed = 0;
const failures: string[] = [];
for (const file of files(root).sort()) {
  total++;
  const bytes = readFileSync(file);
  const head = bytes.subarray(0, 4000).toString('utf8');
  const expect = /Expect:\s*(.*)/.exec(head)?.[1]?.trim();
  const contentType = /Header:\s*Content-type:\s*(.*)/i.exec(head)?.[1]?.trim();
  let feed: Feed | undefined;
  let bozo = false;
  try {
    const decoded = decodeBody(bytes, contentType);
    feed = parseFeed(decoded.text, { url: 'http://127.0.0.1:8097/' + relative(root, file), contentType });
    bozo = feed.problems.length > 0 || decoded.problems.length > 0;
  } catch {
    threw++;
    bozo = true;
  }
  if (feed) {
    const outputs = [feed.description, ...feed.entries.flatMap((e) => [e.summary, e.content])];
    if (outputs.some((o) => EXECUTABLE.test(o))) {
      unsafe++;
      failures.push(`UNSAFE ${relative(root, file)}`);
    }
  }
  const clauses = expect ? compile(expect) : undefined;
  if (!clauses) continue;
  evaluated++;
  if (clauses.every((c) => c(feed, bozo))) passed++;
  else if (verbose) failures.push(`${relative(root, file)}: ${expect}`);
}

for (const f of failures.slice(0, verbose ? 400 : 20)) console.log('  ' + f);
console.log(`feedparser conformance: ${total} files; ${threw} threw (no feed could be read); ${unsafe} with executable content left after sanitising`);
console.log(`Expect lines of the simple forms: ${passed} of ${evaluated} pass (${((passed / Math.max(evaluated, 1)) * 100).toFixed(1)}%); ${total - evaluated} files use forms not evaluated`);
