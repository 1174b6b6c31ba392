// Script links never reach a reader. Items whose links and images are `javascript:` in every
// spelling a browser runs are planted in the database (as an archive stored before the link
// policy would hold them) and given to a static build; Chromium then opens every page a reader
// can reach, served and static, searches, clicks every link of those items and reads what the
// browser itself made of every href and src. No script may run and no address may be a script.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import type { Issue } from '../../src/core/model.ts';
import { buildSite } from '../../src/channels/site/build.ts';
import { testIssue, testPublication } from '../../src/app/test-fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { loadAllIssues, saveIssue } from '../../src/store/issues.ts';
import { updatePublication, usePublication } from '../../src/store/publications.ts';
import { setupOwner } from '../../src/server/test-session.ts';
import { browserSkip, launch } from './testing/browser.ts';

const skip = browserSkip();
const SCRIPTS = ['javascript:window.__ran=1', 'JaVaScRiPt:window.__ran=2', 'java\tscript:window.__ran=3', ' \u0001javascript:window.__ran=4', 'vbscript:x', 'data:text/html,<script>alert(5)</script>'];

/** Issue 3 with hostile items: a link and an image in each spelling, and a title that would be Markdown. */
function hostile(issue: Issue): Issue {
  const copy = structuredClone(issue);
  SCRIPTS.forEach((url, k) =>
    copy.items.push({ section: 'articles', position: 10 + k, url, image: url, meta: { tags: ['Hostile'] }, texts: { zh: { title: `恶意链接 ${k}`, blurb: '点我' }, en: { title: `Hostile link ${k}`, blurb: 'click me' } } }),
  );
  return copy;
}

describe('script links in Chromium', { skip }, () => {
  let store: Store;
  let app: FastifyInstance;
  let statics: FastifyInstance;
  let browser: Browser;
  let base: string;
  let staticBase: string;
  let out: string;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-links-'));

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const { id } = await usePublication(store.db);
    await updatePublication(store.db, id, { ...testPublication(), publishing: { siteUrl: 'http://127.0.0.1', editions: {} } });
    const issues = [1, 2, 3].map((n) => testIssue(n));
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, id, i);
    });
    // Planted below the store's own check, as rows written before it existed would be.
    // And a draft with the same, for the editor.
    await store.db.transaction().execute((tx) => saveIssue(tx, id, { ...testIssue(4), status: 'draft' }));
    const planted = hostile(issues[2]!).items.slice(-SCRIPTS.length);
    for (const number of [3, 4]) {
      const issueId = (await store.db.selectFrom('issues').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
      for (const item of planted) {
        const row = await store.db.insertInto('items').values({ issue_id: issueId, section: item.section, position: item.position, url: item.url, image: item.image ?? null, meta: JSON.stringify(item.meta) }).returning('id').executeTakeFirstOrThrow();
        for (const [lang, t] of Object.entries(item.texts)) await store.db.insertInto('item_texts').values({ item_id: row.id, lang, title: t.title, blurb: t.blurb, suffix: null, note: null, image_alt: null, layout: null }).execute();
      }
    }
    // The editor app too (built by npm test before the suite runs).
    app = await buildApp(store, { dataDir: dir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });

    out = join(dir, 'static');
    statics = Fastify();
    await statics.register(fastifyStatic, { root: out });
    staticBase = await statics.listen({ port: 0, host: '127.0.0.1' });
    await buildSite(testPublication(), [issues[0]!, issues[1]!, hostile(issues[2]!)], out, { siteUrl: staticBase });
    browser = await launch();
    mkdirSync('test-results', { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await statics?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a page, clicks every link of the hostile items, and returns what the browser made of each address. */
  async function visit(page: Page, url: string): Promise<{ bad: string[]; hostileLinks: number }> {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    const addresses = await page.evaluate(() => {
      const found: string[] = [];
      for (const el of Array.from(document.querySelectorAll('[href], [src], [action], meta[content]'))) {
        for (const attr of ['href', 'src', 'action', 'content']) {
          const v = el.getAttribute(attr);
          if (v === null) continue;
          // The address as the browser resolves it: its protocol is what a click would run.
          let protocol = '';
          try {
            protocol = new URL(v, document.baseURI).protocol;
          } catch {
            continue;
          }
          if (attr !== 'content' || /^\s*[a-z]+:/i.test(v)) found.push(`${protocol} ${el.tagName} ${attr}=${v}`);
        }
      }
      return found;
    });
    const bad = addresses.filter((a) => !/^(https?|mailto):/.test(a) && !/^\S+ META content=/.test(a.replace(/^(https?|mailto):/, '')));
    // Each hostile title is clicked where it is shown, as a link or as words.
    const shown = page.getByText(/Hostile link \d|恶意链接 \d/);
    const n = await shown.count();
    for (let i = 0; i < n; i++) await shown.nth(i).click({ noWaitAfter: true, timeout: 2000 });
    return { bad: bad.filter((a) => /^(javascript|vbscript|data):/.test(a)), hostileLinks: n };
  }

  test('the served site: no page writes a script address, and clicking the hostile items runs nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    const paths = ['/', '/issues/3/', '/en/issues/3/', '/archive/', '/sections/articles/', '/sections/articles/season-1/', '/en/sections/articles/', '/tags/hostile/', '/en/tags/hostile/season-1/', '/search/?q=%E6%81%B6%E6%84%8F', '/en/search/?q=Hostile'];
    let clicked = 0;
    for (const path of paths) {
      const { bad, hostileLinks } = await visit(page, base + path);
      assert.deepEqual(bad, [], `${path} writes a script address`);
      clicked += hostileLinks;
      assert.equal(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined, `a script ran on ${path}`);
    }
    assert.ok(clicked >= SCRIPTS.length * 4, `the hostile items are shown (as titles) on search, section and tag pages: ${clicked} clicked`);
    await page.goto(`${base}/en/search/?q=Hostile`);
    await page.screenshot({ path: 'test-results/links-served-search.png', fullPage: true });
    assert.deepEqual(dialogs, []);
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json', '/en/feed.json']) {
      const body = (await app.inject(feed)).body;
      assert.doesNotMatch(body, /(?:href=|"image":|"url":)\s*"\s*(?:java|vb)?script:|"image":"data:/i, feed);
    }
    await context.close();
  });

  test('the editor: the builder and its previews write no script address, and clicking the hostile items runs nothing', async () => {
    const owner = await setupOwner(app);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addCookies([{ name: 'pressroom_session', value: owner.cookie.split('=')[1]!, url: base }]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    await page.goto(`${base}/editor/#/issue`);
    await page.locator('.card', { hasText: '恶意链接 0' }).waitFor();
    const { bad, hostileLinks } = await visit(page, page.url());
    assert.deepEqual(bad, [], 'the builder writes a script address');
    assert.ok(hostileLinks >= SCRIPTS.length, `${hostileLinks} hostile titles clicked`);
    assert.equal(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined, 'a script ran in the editor');
    await page.screenshot({ path: 'test-results/links-editor.png', fullPage: true });
    // The rendered preview, as readers would get it.
    await page.getByRole('tab', { name: 'HTML', exact: true }).click();
    await page.getByTestId('preview').getByText('恶意链接 0').waitFor();
    const html = await page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="preview"] [href], [data-testid="preview"] [src]')).map((e) => (e as HTMLAnchorElement).href || (e as HTMLImageElement).src));
    assert.deepEqual(html.filter((u) => !/^(https?|mailto):/.test(u)), [], 'the HTML preview writes a script address');
    for (const el of await page.getByTestId('preview').getByText(/恶意链接 \d/).all()) await el.click({ noWaitAfter: true });
    assert.equal(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined);
    assert.deepEqual(dialogs, []);
    await context.close();
  });

  test('the static build: no file writes a script address, and its search in the browser runs nothing', async () => {
    const files = (function walk(d: string): string[] {
      return readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
    })(out);
    for (const f of files.filter((f) => f.endsWith('.json'))) {
      assert.doesNotMatch(readFileSync(f, 'utf8'), /"(?:\s|\\u000\d)*(?:java|vb)script:/i, relative(out, f));
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    const pages = files.filter((f) => f.endsWith('index.html')).map((f) => '/' + relative(out, f).replace(/index\.html$/, ''));
    let clicked = 0;
    for (const path of [...pages, '/search/?q=%E6%81%B6%E6%84%8F', '/en/search/?q=Hostile']) {
      const { bad, hostileLinks } = await visit(page, staticBase + path);
      assert.deepEqual(bad, [], `${path} writes a script address`);
      clicked += hostileLinks;
      assert.equal(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran), undefined, `a script ran on ${path}`);
    }
    await page.goto(`${staticBase}/en/search/?q=Hostile`);
    await page.locator('.results li').first().waitFor();
    assert.equal(await page.locator('.results li', { hasText: 'Hostile link' }).count(), SCRIPTS.length, 'the static search finds the hostile items, as titles');
    await page.screenshot({ path: 'test-results/links-static-search.png', fullPage: true });
    assert.ok(clicked >= SCRIPTS.length * 4, `${clicked} clicked`);
    assert.deepEqual(dialogs, []);
    await context.close();
  });
});
