// Who sees what: an anonymous reader walks every public route of the served site (following every
// link from the home page, plus search, feeds, the sitemap and the JSON API) and every file of a
// static build, with the full edition public, with the teaser for everyone (set in the
// configuration file, as an operator would), and with a delayed unlock. Each issue's blurbs, notes
// and links carry a marker of their issue; a marker of an issue the reader gets the teaser of
// must appear nowhere.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Config } from '../app/config.ts';
import type { Issue, Publishing } from '../core/model.ts';
import { buildSite } from '../channels/site/build.ts';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { savePost } from '../store/posts.ts';
import { updatePublication, usePublication } from '../store/publications.ts';
import { buildApp } from './app.ts';

const COUNT = 5;

/** Issue n with members-only words: every blurb, note and link carries "members-<n>-only". */
function marked(n: number): Issue {
  const issue = testIssue(n);
  for (const item of issue.items) {
    item.url = `https://blog.example.org/members-${n}-only/${item.section}`;
    for (const t of Object.values(item.texts)) {
      t.blurb = `${t.blurb} members-${n}-only`;
      t.note = `members-${n}-only note`;
    }
  }
  return issue;
}

const TEASER: Publishing['editions'] = { site: 'teaser', feed: 'teaser', email: 'teaser', telegram: 'teaser', git: 'full' };
const SETTINGS: { name: string; config: Config; hidden: number[] }[] = [
  { name: 'the full edition public', config: {}, hidden: [] },
  { name: 'the teaser for everyone, set in the configuration file', config: { publishing: { editions: TEASER } }, hidden: [1, 2, 3, 4, 5, 9] },
  { name: 'the teaser, unlocked two issues later', config: { publishing: { editions: TEASER, unlock: { afterIssues: 2 } } }, hidden: [4, 5, 9] },
  { name: 'the teaser, unlocked 22 days after an issue', config: { publishing: { editions: TEASER, unlock: { afterDays: 22 } } }, hidden: [3, 4, 5, 9] },
];
// Issue n is dated 2025-01-04 + 7(n-1) days; the served site's clock says 2025-02-08 (issue 5's
// date + 7): issue 3 is 21 days old, so 22 days unlocks issues 1 and 2 only.
const TODAY = new Date('2025-02-08T12:00:00Z');

function leaks(text: string, hidden: number[]): string[] {
  return hidden.filter((n) => text.includes(`members-${n}-only`)).map((n) => `members-${n}-only`);
}

describe('members-only text never reaches a reader who is not a member', () => {
  let store: Store;
  let slug: string;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-editions-'));
  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const stored = await usePublication(store.db);
    // The database says "full everywhere": the configuration file is what changes it.
    await updatePublication(store.db, stored.id, { ...testPublication(), publishing: { siteUrl: 'https://weekly.example.com' } });
    slug = stored.pub.slug;
    await store.db.transaction().execute(async (tx) => {
      for (let n = 1; n <= COUNT; n++) await saveIssue(tx, stored.id, marked(n));
    });
    // A season compilation holds its issues' full text; a digest only their titles.
    await savePost(store.db, stored.id, { slug: '2025-02-08-sweekly', lang: 'zh', kind: 'compilation', date: '2025-02-08', title: '第一季合集', body: "---\ntitle: '第一季合集'\n---\n\n## 第1期\n\n全文 members-9-only\n" });
    await savePost(store.db, stored.id, { slug: '2025-02-09-iweekly', lang: 'zh', kind: 'digest', date: '2025-02-09', title: '第一季的链接', body: '# 第一季的链接\n\n- [标题 digest-public](https://x.example.com/)\n' });
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const setting of SETTINGS) {
    test(`the served site, every route, with ${setting.name}`, async () => {
      const app = await buildApp(store, { webDir: null, config: setting.config, now: () => TODAY });
      try {
        const seen = new Map<string, string>();
        const queue = ['/', '/en/', '/sitemap.xml', '/feed.xml', '/atom.xml', '/feed.json', '/en/feed.xml', '/en/feed.json', '/search/?q=members', '/en/search/?q=members', '/search/?q=指南', '/en/search/?q=guide', '/api/publications', `/api/publications/${slug}/issues`];
        for (let n = 1; n <= COUNT; n++) queue.push(`/api/publications/${slug}/issues/${n}`, `/api/publications/${slug}/issues/${n}/items`);
        while (queue.length) {
          const path = queue.shift()!;
          if (seen.has(path)) continue;
          const r = await app.inject(path);
          assert.ok(r.statusCode < 400, `${path}: ${r.statusCode}`);
          seen.set(path, r.body);
          // Follow every link on the site itself, as a crawler would.
          for (const [, href] of r.body.matchAll(/(?:href|<loc>)(?:=")?(?:https:\/\/weekly\.example\.com)?(\/[^"<#?]*)/g)) {
            if (!seen.has(href!) && !/\.(?:css|js)$|^\/(?:members|subscribe)\//.test(href!)) queue.push(href!);
          }
        }
        assert.ok(seen.size > 40, `${seen.size} routes walked`);
        for (const [path, body] of seen) assert.deepEqual(leaks(body, setting.hidden), [], `${path} shows members-only text`);
        // The walk can see what is public: each issue that is not hidden shows its words somewhere.
        const all = [...seen.values()].join('\n');
        for (let n = 1; n <= COUNT; n++) if (!setting.hidden.includes(n)) assert.ok(all.includes(`members-${n}-only`), `issue ${n} is public and shown`);
        assert.ok(all.includes('digest-public'), 'the digest is everyone\'s');
        assert.equal(all.includes('members-9-only'), !setting.hidden.includes(9), 'the compilation follows the site\'s edition');
        assert.ok(seen.has('/posts/2025-02-08-sweekly/'), 'the archive links the posts');
        // Posts are found by search, and the result links the post.
        const found = (await app.inject('/search/?q=digest')).body;
        assert.match(found, /href="\/posts\/2025-02-09-iweekly\/"/);
        // A signed-in member is the one reader who sees it all.
      } finally {
        await app.close();
      }
    });

    test(`the static build, every file, with ${setting.name}`, async () => {
      const out = mkdtempSync(join(tmpdir(), 'pressroom-editions-static-'));
      try {
        const pub = { ...testPublication(), publishing: { siteUrl: 'https://weekly.example.com', ...setting.config.publishing } };
        await buildSite(pub, Array.from({ length: COUNT }, (_, i) => marked(i + 1)), out, { siteUrl: 'https://weekly.example.com', today: TODAY.toISOString().slice(0, 10) });
        const files = (function walk(d: string): string[] {
          return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
        })(out);
        assert.ok(files.length > 40, `${files.length} files`);
        for (const f of files) assert.deepEqual(leaks(readFileSync(f, 'utf8'), setting.hidden), [], `${relative(out, f)} shows members-only text`);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  }
});
