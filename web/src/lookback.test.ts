// Looking back from the browser, in Chromium: the stats page of a season draws its charts and
// word cloud as SVG that parse as XML, with titles and descriptions for screen readers, and no
// two words of the cloud overlap as the browser sets them; the season's compilation is made and
// published from the page, and so is its EPUB, which the editor downloads. Screenshots at 1440
// and 390 px, light and dark, in zh and en, go to test-results/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { testIssues, testPublication } from '../../src/app/test-fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import { setupOwner } from '../../src/server/test-session.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { saveIssue } from '../../src/store/issues.ts';
import { updatePublication, usePublication } from '../../src/store/publications.ts';
import { browserSkip, launch, shootAll } from './testing/browser.ts';
import { Fetcher } from '../../src/http/client.ts';
import { startServer, type TestServer } from '../../src/http/test-server.ts';

const skip = browserSkip();
const SHOTS = 'test-results';

describe('looking back from the browser', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-lookback-'));
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  let web: TestServer;
  let fetcher: Fetcher;
  let date40 = '';
  before(async () => {
    // The items' links on a local server: the articles and projects are there, the discussions are gone.
    web = await startServer();
    const issues = testIssues(40);
    for (const i of issues) {
      for (const it of i.items) {
        it.url = `${web.url}/${i.number}/${it.section}`;
        it.image = null;
        if (it.section !== 'discussions') web.route(`/${i.number}/${it.section}`, (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<p>here</p>'));
      }
    }
    date40 = issues[39]!.date;
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0, perHost: 4 });
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, testPublication());
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    app = await buildApp(store, { dataDir: dir, fetcher });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    const owner = await setupOwner(app);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addCookies([{ name: 'pressroom_session', value: owner.cookie.split('=')[1]!, url: base }]);
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    mkdirSync(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await fetcher?.close();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shoot = (name: string) => shootAll(page, SHOTS, `lookback-${name}`, { fullPage: (w) => w === 1440 });

  test('a season\'s charts and word cloud: valid SVG, described, and no two words overlapping as set', async () => {
    await page.goto(`${base}/editor/#/lookback`);
    await page.getByRole('heading', { name: 'Look back' }).waitFor();
    // The newest season first: issues 31-40.
    await page.getByText('10 issues, 30 items').waitFor();
    const charts = await page.locator('figure.chart').evaluateAll((figs) =>
      figs.map((f) => {
        const svg = f.querySelector('svg')!;
        const parsed = new DOMParser().parseFromString(svg.outerHTML, 'image/svg+xml');
        return { id: (f as HTMLElement).dataset.chart!, valid: !parsed.querySelector('parsererror'), role: svg.getAttribute('role'), title: svg.querySelector('title')?.textContent ?? '', desc: svg.querySelector('desc')?.textContent ?? '' };
      }),
    );
    assert.deepEqual(charts.map((c) => c.id), ['per-section', 'words', 'languages', 'domains', 'stars', 'cloud']);
    for (const c of charts) {
      assert.ok(c.valid, `${c.id} parses as XML`);
      assert.equal(c.role, 'img');
      assert.match(c.title, /· season 2$/, 'the chart\'s title in the editor\'s language');
      assert.match(c.desc, /\d/, `${c.id} says its numbers in words: ${c.desc}`);
    }
    assert.match(charts.find((c) => c.id === 'per-section')!.desc, /10 issues \(#31–#40\)/);
    // The cloud as Chromium sets it: every word's box, none overlapping another.
    const boxes = await page.locator('figure.cloud svg text').evaluateAll((texts) => texts.map((t) => {
      const b = (t as SVGTextElement).getBBox();
      return { text: t.textContent!, x: b.x, y: b.y, w: b.width, h: b.height };
    }));
    assert.ok(boxes.length >= 20, `${boxes.length} words in the cloud`);
    const hits: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!, b = boxes[j]!;
        // Glyph boxes include the font's line gap: words touching by less than 2 px are apart.
        if (a.x + 2 < b.x + b.w && b.x + 2 < a.x + a.w && a.y + a.h * 0.25 < b.y + b.h * 0.75 && b.y + b.h * 0.25 < a.y + a.h * 0.75) hits.push(`${a.text} / ${b.text}`);
      }
    assert.deepEqual(hits, [], 'words of the cloud overlap');
    await shoot('season-en');
  });

  test('the season\'s compilation is made and published from the page, and its EPUB downloaded', async () => {
    await page.getByRole('button', { name: 'Make the compilation' }).click();
    await page.getByRole('status').filter({ hasText: 'Made the draft' }).waitFor();
    const row = page.locator('tr', { hasText: '第 2 季合集' });
    await row.getByText('draft').waitFor();
    assert.equal((await app.inject('/archive/')).body.includes('第 2 季合集'), false, 'readers do not have a draft');
    // Made again, it is refused, naming both; Replace writes over it.
    await page.getByRole('button', { name: 'Make the compilation' }).click();
    await page.getByRole('alert').filter({ hasText: 'exists already' }).waitFor();
    await page.getByRole('button', { name: 'Replace it' }).click();
    await page.getByRole('status').filter({ hasText: 'Made the draft' }).waitFor();
    await row.getByRole('button', { name: 'Publish' }).click();
    await row.getByText('published').waitFor();
    assert.match((await app.inject('/archive/')).body, /第 2 季合集/);
    await page.getByRole('button', { name: 'Make the EPUB' }).click();
    await page.getByRole('status').filter({ hasText: 'season-2.zh.epub' }).waitFor();
    // The list of e-books is read again after the status says the book is made.
    await page.locator('.ebook-list a').first().waitFor();
    const download = await page.evaluate(async () => {
      const a = document.querySelector<HTMLAnchorElement>('.ebook-list a')!;
      const r = await fetch(a.href);
      const b = new Uint8Array(await r.arrayBuffer());
      return { type: r.headers.get('content-type'), head: String.fromCharCode(...b.subarray(30, 58)) };
    });
    assert.deepEqual(download, { type: 'application/epub+zip', head: 'mimetypeapplication/epub+zip' });
    // What became of the links: a sweep from the page, its progress, then the dead ones by issue.
    await page.getByRole('button', { name: 'Check every link' }).click();
    await page.getByTestId('sweep').filter({ hasText: '120 of 120 links checked, 40 dead' }).waitFor();
    await page.getByText('Issue #40 · 1 links to look at').click();
    await page.locator('.dead-links a', { hasText: 'archived copy' }).first().waitFor();
    const archived = await page.locator('.dead-links a', { hasText: 'archived copy' }).first().getAttribute('href');
    assert.equal(archived, `https://web.archive.org/web/${date40.replace(/-/g, '')}000000/${web.url}/40/discussions`, 'the copy as of the issue\'s date');
    await page.getByLabel('Language of the app').selectOption('zh');
    await page.getByRole('heading', { name: '回顾' }).waitFor();
    await page.getByText('10 期，30 个条目').waitFor();
    await shoot('season-zh');
  });
});
