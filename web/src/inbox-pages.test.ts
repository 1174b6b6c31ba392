// An inbox larger than a page, as a first collection of a few hundred feeds leaves it: the best-
// ranked candidates load first and the count says how many there are in all; a filter reaches
// candidates that were not loaded (the server filters while the inbox is not all loaded); the
// rest comes a page at a time; triage keeps the count true.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { INBOX_PAGE } from '../../src/api/schemas.ts';
import { recordSightings } from '../../src/app/candidates.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { usePublication } from '../../src/store/publications.ts';
import { getSource, upsertSource } from '../../src/store/sources.ts';
import { browserSkip, launch, shootAll } from './testing/browser.ts';

const skip = browserSkip();
const SHOTS = 'test-results';
const FAR = 50;

describe('an inbox larger than a page, in Chromium', { skip }, () => {
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-inbox-pages-'));
  const now = new Date();

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const pub = await usePublication(store.db);
    // INBOX_PAGE recent posts from 20 blogs, and a source whose 50 posts are three weeks old:
    // ranked last, so none of them is in the first page.
    const add = async (url: string, title: string, posts: { url: string; title: string; hoursAgo: number }[]) => {
      const source = (await getSource(store.db, (await upsertSource(store.db, pub.id, { kind: 'feed', url, title })).id))!;
      await store.db.transaction().execute((tx) =>
        recordSightings(tx, pub, source, posts.map((p) => ({ url: p.url, title: p.title, summary: `About ${p.title}.`, points: 0, comments: 0, tags: [], published: new Date(now.getTime() - p.hoursAgo * 3_600_000).toISOString() })), now),
      );
    };
    const per = INBOX_PAGE / 20;
    for (let b = 0; b < 20; b++) {
      await add(`https://blog${b}.example/feed.xml`, `Blog ${b}`, Array.from({ length: per }, (_, i) => ({ url: `https://blog${b}.example/${i}`, title: `Blog ${b} post ${i}: notes on release ${b}.${i}`, hoursAgo: 1 + (i % 48) })));
    }
    await add('https://far.example/feed.xml', 'Far away', Array.from({ length: FAR }, (_, i) => ({ url: `https://far.example/${i}`, title: `Far post ${i}: an old find, version ${i}`, hoursAgo: 500 + i })));
    app = await buildApp(store, { dataDir: dir });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${base}/editor/`);
    await page.getByLabel('Your name').fill('Olivia');
    await page.getByLabel('Email').fill('olivia@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const countIs = (text: string) => page.locator('.count', { hasText: text }).waitFor();

  test('the best-ranked page first, the count of all, a filter that reaches the rest, the next page on asking', async () => {
    await page.goto(`${base}/editor/#/inbox`);
    await countIs(`2,000 of 2,050 · the best-ranked first`);
    await page.getByRole('button', { name: 'Show the next 50' }).waitFor({ state: 'attached' });
    assert.equal(await page.locator('.cand', { hasText: 'Far post' }).count(), 0, 'the old finds are past the first page');

    // A source whose candidates were not loaded: the server finds them.
    await page.getByLabel('Source').selectOption({ label: 'Far away' });
    await countIs('50 of 50');
    await page.locator('.cand', { hasText: 'Far post 0: an old find' }).waitFor();
    // Another view and back: the filter still set is asked of the server again.
    await page.getByLabel('Showing').selectOption('skipped');
    await page.getByLabel('Showing').selectOption('new');
    await countIs('50 of 50');
    await page.locator('.cand', { hasText: 'Far post 0: an old find' }).waitFor();
    // Words typed search the whole inbox too, after a pause in typing.
    await page.getByLabel('Source').selectOption({ label: 'All sources' });
    await countIs('2,000 of 2,050');
    await page.getByLabel('Search titles and links').fill('an old FIND');
    await countIs('50 of 50');
    await page.getByLabel('Search titles and links').fill('');
    await countIs('2,000 of 2,050 · the best-ranked first');

    // Triage keeps the count of all true.
    await page.locator('.cand').first().click();
    await page.keyboard.press('x');
    await countIs('1,999 of 2,049');
    await page.keyboard.press('u');
    await countIs('2,000 of 2,050');

    await page.locator('.list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await shootAll(page, SHOTS, 'inbox-next-page');
    // j past the last row loaded brings the next page, as the button would.
    await page.locator('.cand').last().click();
    await page.keyboard.press('j');
    await countIs('2,050 of 2,050');
    assert.equal(await page.getByRole('button', { name: /Show the next/ }).count(), 0, 'nothing more to load');
    // All loaded: a filter is a pass in memory now, and finds the old posts among the rest.
    await page.getByLabel('Search titles and links').fill('old find');
    await countIs('50 of 2,050');
  });

  test('candidates stored while the inbox is open are counted, and shown when the editor asks', async () => {
    await page.getByLabel('Search titles and links').fill('');
    await countIs('2,050 of 2,050');
    const pub = await usePublication(store.db);
    const source = (await getSource(store.db, (await upsertSource(store.db, pub.id, { kind: 'feed', url: 'https://late.example/feed.xml', title: 'Late' })).id))!;
    await store.db.transaction().execute((tx) => recordSightings(tx, pub, source, [{ url: 'https://late.example/1', title: 'Just in: a late post', summary: '', points: 0, comments: 0, tags: [], published: new Date().toISOString() }], new Date()));
    // Counted when the editor comes back to the tab (and every 30 s); the rows stay as they are.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const news = page.getByRole('button', { name: '1 new candidate since you opened the inbox: show it' });
    await news.waitFor();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: join(SHOTS, 'inbox-news.png') });
    await news.click();
    await countIs('2,051 of 2,051');
    await page.locator('.cand', { hasText: 'Just in: a late post' }).waitFor();
    assert.equal(await page.getByRole('button', { name: /since you opened the inbox/ }).count(), 0);
  });
});
