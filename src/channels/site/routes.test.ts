// The route table is the one list of the site's pages: every instance of every page route is a
// file of the static build and answers on the served site, the same page in both (same title,
// same language), and every file the build writes under a page's name is one of the table's.

import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testIssues, testPublication } from '../../app/test-fixtures.ts';
import { buildApp } from '../../server/app.ts';
import { openStore, type Store } from '../../store/db.ts';
import { saveIssue } from '../../store/issues.ts';
import { savePost } from '../../store/posts.ts';
import { updatePublication, usePublication } from '../../store/publications.ts';
import { buildSite, storeSource } from './build.ts';
import { Site } from './site.ts';
import { FEED_ROUTES, PAGE_ROUTES, pagePath, siteLanguages, type PageRoute } from './routes.ts';

const SITE = 'https://weekly.example.com';
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
const langOf = (html: string) => /<html lang="([^"]+)"/.exec(html)?.[1];

describe('one route table for the served and the static site', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-routes-'));
  const out = join(dir, 'site');
  let store: Store;
  let site: Site;
  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, { ...testPublication(), publishing: { siteUrl: SITE } });
    const issues = testIssues(33).map((i) => ({ ...i, status: 'published' as const }));
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    await savePost(store.db, stored.id, { slug: '2025-09-01-sweekly', lang: 'zh', kind: 'compilation', date: '2025-09-01', title: '第一季合集', body: '# 第一季合集\n\n正文\n' });
    const pub = (await usePublication(store.db)).pub;
    await buildSite(pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
    site = new Site(pub, issues, { siteUrl: SITE, served: false });
    site.posts = [{ slug: '2025-09-01-sweekly', lang: 'zh', kind: 'compilation', date: '2025-09-01', title: '第一季合集', body: '' }];
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every page of the table is built and served, the same page in both', async () => {
    const app = await buildApp(store, { webDir: null });
    try {
      let checked = 0;
      for (const [name, route] of Object.entries(PAGE_ROUTES) as [string, PageRoute][]) {
        for (const lang of siteLanguages(site)) {
          const instances = route.instances(site, lang);
          if (route.servedOnly) assert.equal(instances.length, 0, `${name} is the served site's only: a build has none of it`);
          else if (name !== 'post') assert.ok(instances.length > 0, `${name} has pages in ${lang}`);
          for (const params of instances) {
            const path = pagePath(site, route, lang, params);
            const file = join(out, path, 'index.html');
            assert.ok(existsSync(file), `${name}: the build wrote ${path}`);
            const built = readFileSync(file, 'utf8');
            const served = await app.inject(path);
            assert.equal(served.statusCode, 200, `${name}: ${path} is served`);
            assert.equal(titleOf(served.body), titleOf(built), `${path}: the same page`);
            assert.equal(langOf(served.body), langOf(built), `${path}: in the same language`);
            checked++;
          }
        }
      }
      assert.ok(checked > 100, `${checked} pages checked`);
      for (const f of FEED_ROUTES) {
        for (const prefix of ['', '/en']) {
          assert.ok(existsSync(join(out, prefix, f.name)), `${prefix}/${f.name} is built`);
          const r = await app.inject(`${prefix}/${f.name}`);
          assert.equal(r.statusCode, 200, `${prefix}/${f.name} is served`);
          assert.equal(r.headers['content-type'], f.type);
        }
      }
    } finally {
      await app.close();
    }
  });

  test('every page the build wrote is an instance of a route in the table', () => {
    const known = new Set<string>();
    for (const route of Object.values(PAGE_ROUTES) as PageRoute[]) for (const lang of siteLanguages(site)) for (const p of route.instances(site, lang)) known.add(`${pagePath(site, route, lang, p)}index.html`);
    const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    const pages = walk(out).map((f) => `/${relative(out, f)}`).filter((f) => f.endsWith('/index.html'));
    assert.ok(pages.length > 100, `${pages.length} pages`);
    assert.deepEqual(pages.filter((p) => !known.has(p)), [], 'pages written that no route names');
  });

  test('an incremental build with nothing changed renders no page; a changed post renews the archive and its page', async () => {
    const stored = await usePublication(store.db);
    const again = await buildSite(stored.pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
    assert.equal(again.full, false);
    assert.equal(again.written, 0);
    assert.ok(again.rendered <= 10, `${again.rendered} pages rendered for no change (only files every build writes, like the style sheet)`);
    await savePost(store.db, stored.id, { slug: '2025-09-01-sweekly', lang: 'zh', kind: 'compilation', date: '2025-09-01', title: '第一季合集（修订）', body: '# 第一季合集（修订）\n\n正文\n' });
    const after = await buildSite(stored.pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
    assert.equal(after.full, false);
    assert.match(readFileSync(join(out, 'archive/index.html'), 'utf8'), /第一季合集（修订）/);
    assert.match(readFileSync(join(out, 'posts/2025-09-01-sweekly/index.html'), 'utf8'), /第一季合集（修订）/);
  });
});

