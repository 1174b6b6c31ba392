// The readers' website in Chromium: pages, language switch and search with JavaScript off (the
// served site needs none), subscribing with double opt-in through the mail a local SMTP server
// received, a member signing in by an emailed link and reading the full edition, and search on
// the static export, which runs in the browser.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SmtpPool } from '../../src/channels/email/smtp.ts';
import { partOf, startMailSink, type MailSink } from '../../src/channels/email/test-smtp.ts';
import { buildSite } from '../../src/channels/site/build.ts';
import { testIssues, testPublication } from '../../src/app/test-fixtures.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { loadAllIssues, saveIssue } from '../../src/store/issues.ts';
import { updatePublication, usePublication } from '../../src/store/publications.ts';
import { importSubscribers, subscriberByEmail } from '../../src/store/subscribers.ts';
import { browserSkip, launch } from './testing/browser.ts';

const skip = browserSkip();
const SHOTS = 'test-results';

describe('the readers’ website in Chromium', { skip }, () => {
  let store: Store;
  let app: FastifyInstance;
  let statics: FastifyInstance;
  let sink: MailSink;
  let pool: SmtpPool;
  let browser: Browser;
  let page: Page;
  let base: string;
  let staticBase: string;
  let pubId: number;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-site-browser-'));

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    pubId = (await usePublication(store.db)).id;
    // The site's address is the one it is served at: links in mail must come back here.
    await updatePublication(store.db, pubId, { ...testPublication(), publishing: { editions: { site: 'teaser', email: 'teaser', feed: 'teaser' } } });
    await store.db.transaction().execute(async (tx) => {
      for (const issue of testIssues(12)) await saveIssue(tx, pubId, issue);
    });
    await importSubscribers(store.db, pubId, 'email,lang,member\npaid@example.com,zh,yes\n', new Date());
    sink = await startMailSink();
    pool = new SmtpPool({ url: sink.url, pool: 1 });
    // No site address is configured: mailed links use the address the server listens at, as `serve` does.
    app = await buildApp(store, { webDir: null, mail: { pool, from: 'Weekly <weekly@example.com>' }, listenUrl: () => base });
    base = await app.listen({ port: 0, host: '127.0.0.1' });

    const out = join(dir, 'static');
    statics = Fastify();
    await statics.register(fastifyStatic, { root: out });
    staticBase = await statics.listen({ port: 0, host: '127.0.0.1' });
    buildSite((await usePublication(store.db)).pub, await loadAllIssues(store.db, pubId), out, { siteUrl: staticBase });

    browser = await launch();
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await statics?.close();
    await pool?.close();
    await sink?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // Each test starts in a fresh browser context (no cookies), closing the last one.
  let context: BrowserContext | undefined;
  const open = async (options: Parameters<Browser['newContext']>[0] = {}) => {
    await context?.close();
    context = await browser.newContext(options);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  };
  const noScript = () => open({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const lastMailTo = async (address: string, count: number) => {
    await sink.waitFor(count);
    const m = sink.to(address).at(-1);
    assert.ok(m, `a mail to ${address}`);
    return partOf(m.raw, 'text/plain');
  };

  test('home, an issue, the language switch and the archive work on a phone with JavaScript off', async () => {
    await noScript();
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: /Python 潮流周刊#12/ }).waitFor();
    assert.equal(await page.locator('main').count(), 1);
    await page.getByRole('link', { name: /Python 潮流周刊#11/ }).click();
    await page.waitForURL(/\/issues\/11\/$/);
    assert.equal(await page.locator('article[data-edition="teaser"]').count(), 1, 'readers who are not members see the teaser');
    await page.getByRole('link', { name: 'EN' }).click();
    await page.waitForURL(/\/en\/issues\/11\/$/);
    await page.getByRole('heading', { level: 1, name: /Python Trending Weekly #11/ }).waitFor();
    await page.getByRole('navigation', { name: 'Python Trending Weekly' }).getByRole('link', { name: 'Archive' }).click();
    await page.getByRole('heading', { name: /Season 1/ }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling on a phone (${width}px)`);
    await page.screenshot({ path: join(SHOTS, 'site-archive-phone.png'), fullPage: true });
  });

  test('search finds Chinese and English, ranked, with the words marked, without JavaScript', async () => {
    await noScript();
    await page.goto(`${base}/search/`);
    await page.getByLabel('搜索往期内容').fill('类型检查');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.getByRole('status').filter({ hasText: '类型检查' }).waitFor();
    const first = page.locator('.results li').first();
    assert.match(await first.locator('h3').innerText(), /类型检查/);
    assert.equal(await first.locator('mark').first().innerText(), '类型检查');
    await page.goto(`${base}/en/search/?q=${encodeURIComponent('Database indexes')}`);
    const titles = await page.locator('.results h3').allInnerTexts();
    assert.ok(titles.length >= 3, titles.join(' | '));
    assert.ok(titles.every((t) => /database indexes/i.test(t)), 'title matches rank first');
    assert.equal((await page.locator('.results mark').first().innerText()).toLowerCase(), 'database');
    await page.screenshot({ path: join(SHOTS, 'site-search.png'), fullPage: true });
  });

  test('subscribing takes a confirmation through the mail, then a welcome', async () => {
    await noScript();
    await page.goto(`${base}/subscribe/`);
    await page.getByLabel('邮箱地址').fill('New.Reader@Example.com');
    await page.getByRole('button', { name: '订阅' }).click();
    await page.getByRole('status').filter({ hasText: '确认邮件已发出' }).waitFor();
    assert.equal((await subscriberByEmail(store.db, pubId, 'new.reader@example.com'))!.status, 'pending');
    const text = await lastMailTo('new.reader@example.com', 1);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/subscribe\/confirm\?t=\S+)/.exec(text)?.[1];
    assert.ok(link, text);
    await page.goto(link);
    assert.equal((await subscriberByEmail(store.db, pubId, 'new.reader@example.com'))!.status, 'pending', 'opening the link alone confirms nothing');
    await page.getByRole('button', { name: '确认订阅' }).click();
    await page.getByRole('status').filter({ hasText: '订阅已确认' }).waitFor();
    assert.equal((await subscriberByEmail(store.db, pubId, 'new.reader@example.com'))!.status, 'active');
    assert.match(await lastMailTo('new.reader@example.com', 2), /订阅已确认/);
  });

  test('a member signs in by the emailed link and reads the full edition', async () => {
    await open();
    await page.goto(`${base}/members/`);
    await page.getByLabel('邮箱地址').fill('paid@example.com');
    await page.getByRole('button', { name: '发送登录链接' }).click();
    await page.getByRole('status').waitFor();
    const text = await lastMailTo('paid@example.com', 3);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/members\/verify\?t=\S+)/.exec(text)?.[1];
    assert.ok(link, text);
    await page.goto(link);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/`);
    await page.goto(`${base}/issues/5/`);
    await page.locator('article[data-edition="full"]').waitFor();
    await page.getByText(/一篇讲.+的长文/).first().waitFor();
    // The link works once: a second browser holding the same mail gets a refusal, not a session.
    const other = await browser.newContext();
    const thief = await other.newPage();
    await thief.goto(link);
    await thief.getByRole('button', { name: '登录' }).click();
    await thief.getByRole('status').filter({ hasText: '这个登录链接已经用过了' }).waitFor();
    await thief.goto(`${base}/issues/5/`);
    await thief.locator('article[data-edition="teaser"]').waitFor();
    await other.close();
    const cookie = (await context!.cookies()).find((c) => c.name === 'pressroom_member')!;
    await page.getByRole('link', { name: '会员' }).click();
    await page.getByText('你已作为会员登录').waitFor();
    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.goto(`${base}/issues/5/`);
    await page.locator('article[data-edition="teaser"]').waitFor();
    // Signing out revokes the session where it is kept: the old cookie, replayed, is nobody's.
    const replay = await app.inject({ url: '/issues/5/', headers: { cookie: `pressroom_member=${cookie.value}` } });
    assert.match(replay.body, /data-edition="teaser"/);
  });

  test('the static copy searches in the browser', async () => {
    await open();
    await page.goto(`${staticBase}/en/search/?q=profiling`);
    await page.locator('#results mark').first().waitFor();
    assert.equal((await page.locator('#results mark').first().innerText()).toLowerCase(), 'profiling');
    await page.getByLabel('Search every issue').fill('packaging tool');
    await page.locator('#results h3', { hasText: /packaging tool/ }).first().waitFor();
    assert.match(page.url(), /\?q=packaging%20tool$/);
  });
});
