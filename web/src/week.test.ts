// The week from the browser, in Chromium against a real server and a real SMTP server: an empty
// inbox points to the sources; a source added there is collected on the spot and shows its health
// (a broken one says why); a link whose page cannot be read asks for a title; the publish's
// preflight blocks an untitled issue, then passes with its warnings shown; a 500-recipient
// campaign runs with live progress that a reload mid-campaign still shows, to the end; a draft
// is scheduled; the issues page lists them all. Screenshots of each page, wide and narrow, light
// and dark, go to test-results/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startMailSink, type MailSink } from '../../src/channels/email/test-smtp.ts';
import { Fetcher } from '../../src/http/client.ts';
import type { TestServer } from '../../src/http/test-server.ts';
import { receiveMail } from '../../src/app/newsletters.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { saveIssue } from '../../src/store/issues.ts';
import { usePublication } from '../../src/store/publications.ts';
import { upsertSource } from '../../src/store/sources.ts';
import { importSubscribers } from '../../src/store/subscribers.ts';
import { browserSkip, launch, shootAll } from './testing/browser.ts';
import { rss, serveFeeds } from './testing/feeds.ts';
import { platformsAt } from '../../src/sources/types.ts';

const skip = browserSkip();
const SHOTS = 'test-results';
const RECIPIENTS = 500;

describe('the week from the browser', { skip }, () => {
  let store: Store;
  let app: FastifyInstance;
  let feeds: TestServer;
  let sink: MailSink;
  let fetcher: Fetcher;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-week-'));

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const pub = await usePublication(store.db);
    feeds = await serveFeeds({
      '/feed.xml': rss('A Python blog', [
        { title: 'Faster startup with lazy imports', link: 'https://blog.example/lazy', description: 'Import only what a command uses.', hoursAgo: 2 },
        { title: 'A tour of the new REPL', link: 'https://blog.example/repl', description: 'Colours, multi-line editing and history.', hoursAgo: 3 },
      ]),
    });
    sink = await startMailSink();
    await importSubscribers(store.db, pub.id, `email,lang\n${Array.from({ length: RECIPIENTS }, (_, i) => `reader${i}@example.com,zh`).join('\n')}\n`, new Date());
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
    const platforms = platformsAt(feeds.url);
    const site = 'https://weekly.example.com';
    app = await buildApp(store, { dataDir: dir, fetcher, platforms, webDir: undefined, publish: { publishing: { siteUrl: site }, siteUrl: site, secret: 'week-secret', smtp: { url: sink.url, pool: 2 } } });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await feeds?.close();
    await sink?.close();
    await fetcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const shoot = (name: string) => shootAll(page, SHOTS, `week-${name}`);

  test('an empty inbox points to the sources; a source added there is collected now and shows its health', async () => {
    await page.goto(`${base}/editor/`);
    await page.getByLabel('Your name').fill('Wei');
    await page.getByLabel('Email').fill('wei@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.getByText('The inbox fills from your sources').waitFor();
    await page.getByRole('link', { name: /Add a feed/ }).click();
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByText('No sources yet').waitFor();

    await page.getByLabel('Address').fill(`${feeds.url}/feed.xml`);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('status').filter({ hasText: 'Added' }).waitFor();
    const feedRow = page.locator('tr', { hasText: `${feeds.url}/feed.xml` });
    await feedRow.getByText('not fetched yet').waitFor();
    await feedRow.getByRole('button', { name: 'Collect now' }).click();
    await page.getByRole('status').filter({ hasText: '2 entries, 2 new candidates' }).waitFor();
    await feedRow.getByText('healthy').waitFor();
    // Adding it again, under another name, renames nothing: it says where to change it.
    await page.getByLabel('Address').fill(`${feeds.url}/feed.xml`);
    await page.getByLabel('Name', { exact: true }).fill('Another name');
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('status').filter({ hasText: `${feeds.url}/feed.xml was there already, as “A Python blog”; Edit in its row changes it.` }).waitFor();
    assert.equal(await page.locator('tr', { hasText: 'Another name' }).count(), 0);
    await page.getByLabel('Name', { exact: true }).fill('');

    await page.getByLabel('Address').fill(`${feeds.url}/gone.xml`);
    await page.getByRole('button', { name: 'Add source' }).click();
    const goneRow = page.locator('tr', { hasText: 'gone.xml' });
    await goneRow.getByRole('button', { name: 'Collect now' }).click();
    await goneRow.getByText('failing').waitFor();
    await goneRow.getByText(/1 failure: .*404/).waitFor();
    // A blog's own address: the feed its page names is what is added.
    feeds.route('/blog/', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><title>Blog</title><link rel="alternate" type="application/rss+xml" href="${feeds.url}/feed2.xml"></head><body>Hello</body></html>`));
    await page.getByLabel('Address').fill(`${feeds.url}/blog/`);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('status').filter({ hasText: `Found the feed ${feeds.url}/feed2.xml on ${feeds.url}/blog/` }).waitFor();
    // Another reader's OPML export, whole.
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body><outline text="One" type="rss" xmlUrl="${feeds.url}/one.xml"/><outline text="Two" type="rss" xmlUrl="${feeds.url}/two.xml"/></body></opml>`;
    await page.getByLabel('Import OPML').setInputFiles({ name: 'reader.opml', mimeType: 'text/x-opml', buffer: Buffer.from(opml) });
    await page.getByRole('status').filter({ hasText: 'reader.opml: 2 sources, 2 new' }).waitFor();
    await page.locator('tr', { hasText: '/one.xml' }).waitFor();
    // The same reader's file again, naming one of them otherwise: ours is kept, both sides shown, until we take theirs.
    const renamed = opml.replace('text="Two"', 'text="Their Two"');
    await page.getByLabel('Import OPML').setInputFiles({ name: 'reader.opml', mimeType: 'text/x-opml', buffer: Buffer.from(renamed) });
    const differs = page.getByRole('region', { name: 'Sources the file names otherwise' });
    await differs.getByText('title “Two” here, “Their Two” in the file').waitFor();
    assert.equal(await page.locator('tr', { hasText: '/two.xml' }).getByText('Their Two').count(), 0, 'not renamed by the import');
    await differs.getByRole('button', { name: 'Take the file’s settings for these' }).click();
    await page.getByRole('status').filter({ hasText: '(1 given the file’s settings)' }).waitFor();
    await page.locator('tr', { hasText: '/two.xml' }).getByText('Their Two').waitFor();
    // A source's weight, language, section and tags change in place.
    await feedRow.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: /Edit A Python blog/ });
    await form.getByLabel('Weight').fill('2.5');
    await form.getByLabel('Language').fill('en');
    await form.getByLabel('Section').selectOption({ index: 1 });
    await form.getByLabel('Tags').fill('python, startup');
    await form.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved A Python blog' }).waitFor();
    const saved = (await (await page.request.get(`${base}/api/sources`)).json()) as { url: string; weight: number; lang: string; section: string; tags: string[] }[];
    const blog = saved.find((s) => s.url === `${feeds.url}/feed.xml`)!;
    assert.deepEqual([blog.weight, blog.lang, typeof blog.section, blog.tags], [2.5, 'en', 'string', ['python', 'startup']]);
    await shoot('sources');

    await page.getByRole('link', { name: 'Inbox' }).click();
    // The second row highlighted, then a filter that leaves one: that one is highlighted, and is what `a` adds.
    await page.locator('.cand').nth(1).click();
    await page.getByLabel('Search titles and links').fill('lazy');
    const only = page.locator('.cand', { hasText: 'Faster startup with lazy imports' });
    await only.waitFor();
    assert.equal(await page.locator('.cand').count(), 1);
    assert.equal(await only.getAttribute('aria-selected'), 'true', 'the one row left is the highlighted one');
    await page.locator('.list').focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard' }).getByText('skip it').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'Keyboard' }).waitFor({ state: 'detached' });
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Added to #1' }).waitFor();
    // What was picked can be seen, and put back; then picked again.
    await page.getByLabel('Showing').selectOption('picked');
    await only.click();
    await page.getByRole('button', { name: 'Put back in the inbox' }).click();
    await page.getByRole('status').filter({ hasText: 'Back in the inbox: “Faster startup with lazy imports”' }).waitFor();
    await page.getByLabel('Showing').selectOption('new');
    await only.click();
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Added to #1' }).waitFor();
    // Undo outlives a reload of the page.
    await page.reload();
    await page.locator('.list').waitFor();
    await page.locator('.list').focus();
    await page.keyboard.press('u');
    await page.getByRole('status').filter({ hasText: 'Back in the inbox: “Faster startup with lazy imports”' }).waitFor();
    await page.locator('.cand', { hasText: 'Faster startup with lazy imports' }).click();
    await page.keyboard.press('a');
    await page.getByRole('status').filter({ hasText: 'Added to #1' }).waitFor();
  });

  test('a link whose page cannot be read asks for a title instead of adding a bare number', async () => {
    await page.getByRole('link', { name: 'Issue', exact: true }).click();
    await page.getByLabel('Add a link').fill(`${feeds.url}/no-such-page`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByLabel('Title for the link').fill('A page that would not open');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.locator('.card', { hasText: 'A page that would not open' }).waitFor();
  });

  test('the preflight blocks an untitled issue, then passes with its warnings; the campaign\'s progress survives a reload', async () => {
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Fix these first').waitFor();
    await dialog.getByText('the issue has no zh title').waitFor();
    assert.equal(await dialog.getByRole('button', { name: /Publish/ }).first().isDisabled(), true);
    await shoot('preflight-blocked');
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByLabel('Title (zh)').fill('更快的启动');
    await page.getByLabel('Title (zh)').blur();
    await page.getByText('All changes saved').waitFor();
    await page.getByRole('button', { name: 'Publish…' }).click();
    await dialog.getByText('Look at these').waitFor();
    await dialog.getByText(/no item has a title in en/).waitFor();
    assert.equal(await dialog.getByText('Fix these first').count(), 0);
    // Telegram, Git and webhooks are not set up here: shown, and not ticked.
    assert.equal(await dialog.getByLabel('telegram').isDisabled(), true);
    await dialog.getByLabel('feed').uncheck();
    sink.holdFrom(1);
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    await sink.waitForHeld(1);
    await dialog.getByText('Publishing…').waitFor();
    await shoot('publishing');

    // Reloaded mid-campaign, the issue's publish dialog shows where the campaign stands.
    await page.goto(`${base}/editor/#/issue/1`);
    await page.getByRole('button', { name: 'Re-publish…' }).click();
    await dialog.getByText(/remaining of 500/).waitFor();
    const sentBefore = Number(await dialog.getByTestId('sent').textContent());
    assert.ok(sentBefore < RECIPIENTS, `${sentBefore} sent before the release`);
    sink.release();
    await dialog.getByText('Published.').waitFor({ timeout: 60_000 });
    await dialog.locator('.campaign').getByText(/500 sent, 0 failed, 0 remaining of 500/).waitFor();
    assert.equal(sink.received.length, RECIPIENTS);
    await dialog.locator('li.ch.ok', { hasText: 'site' }).waitFor();
    await dialog.locator('li.ch.ok', { hasText: 'email' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('a ready draft is scheduled from the dialog, and the issues page lists every issue with its state', async () => {
    const stored = await usePublication(store.db);
    await store.db.transaction().execute((tx) =>
      saveIssue(tx, stored.id, {
        number: 2,
        date: '2031-01-10',
        status: 'draft',
        edition: 'full',
        // Titled in both languages: the issues page shows the publication's first one.
        editions: [{ lang: 'en', edition: 'full', title: 'The next issue' }, { lang: 'zh', edition: 'full', title: '下一期' }],
        items: [{ section: 'articles', position: 0, url: 'https://blog.example/repl', image: null, meta: {}, texts: { zh: { title: '新的 REPL', blurb: '多行编辑和历史。' } } }],
      }),
    );
    await page.goto(`${base}/editor/#/issue/2`);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Look at these').waitFor();
    await dialog.getByLabel('Publish at').fill('2031-01-10T08:00');
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await dialog.getByText(/Scheduled for/).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('link', { name: 'Issues', exact: true }).click();
    const one = page.locator('tr', { hasText: '更快的启动' });
    await one.getByText('published').waitFor();
    const two = page.locator('tr', { hasText: '下一期' });
    await two.getByText('scheduled').waitFor();
    await two.getByText(/site/).waitFor();
    await shoot('issues');
    await two.getByRole('link', { name: '下一期' }).click();
    await page.getByRole('heading', { name: /Issue #2/ }).waitFor();
  });

  test('subscribers: Mailchimp\'s export imports as it is, the list searches, the campaign\'s numbers show, the CSV comes back out', async () => {
    await page.getByRole('link', { name: 'Subscribers' }).click();
    await page.getByText(/500\s*active/).waitFor();
    await page.locator('tr', { hasText: '#1' }).getByText('500').first().waitFor();
    const mailchimp = 'Email Address,First Name,Last Name,MEMBER_RATING\r\nada@example.net,Ada,Lovelace,5\r\nnot-an-address,Bad,Row,1\r\ngrace@example.net,Grace,Hopper,4\r\n';
    await page.getByLabel('Import CSV').setInputFiles({ name: 'mailchimp-export.csv', mimeType: 'text/csv', buffer: Buffer.from(mailchimp) });
    await page.getByRole('status').filter({ hasText: 'mailchimp-export.csv: 2 added, 0 updated, 1 row left out (line 3' }).waitFor();
    await page.getByLabel('Search subscribers').fill('lovelace');
    await page.locator('tr', { hasText: 'ada@example.net' }).getByText('Ada Lovelace').waitFor();
    assert.equal(await page.locator('tbody tr', { hasText: '@example' }).first().textContent().then((t) => t?.includes('ada@example.net')), true);
    await shoot('subscribers');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    const { readFileSync } = await import('node:fs');
    const csv = readFileSync((await download.path())!, 'utf8');
    assert.match(csv, /^email,lang,status,member,name/);
    assert.match(csv, /grace@example\.net,zh,active,0,Grace Hopper/);
    assert.equal(csv.trim().split(/\r?\n/).length, 1 + RECIPIENTS + 2);
  });

  test('settings: a bad site address is refused by name; a title template changed shows at once and in the issue\'s preview once saved', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByLabel('Site address').fill('ftp://weekly');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'publishing.siteUrl' }).waitFor();
    await page.getByLabel('Site address').fill('https://weekly.example.com');
    const template = page.getByLabel('Title template').first();
    await template.fill('周刊第{number}期：{title}');
    await page.getByTestId('title-preview-zh').filter({ hasText: '周刊第42期：示例标题' }).waitFor();
    // A section's heading and older wordings, a glossary term, a webhook: a bad webhook address
    // is refused by name and nothing of the rest is stored until it is mended.
    const glossary = ((await (await page.request.get(`${base}/api/settings`)).json()) as { publication: { glossary?: unknown[] } }).publication.glossary?.length ?? 0;
    await page.getByLabel('Heading of articles (zh)').fill('文章与教程');
    await page.getByLabel('Older wordings of articles').fill('文章&教程, 文章');
    await page.getByRole('button', { name: 'Add a term' }).click();
    await page.getByLabel(`Term ${glossary + 1} (zh)`).fill('潮流周刊');
    await page.getByLabel(`Term ${glossary + 1} (en)`).fill('Trending Weekly');
    await page.getByRole('button', { name: 'Add a webhook' }).click();
    await page.getByLabel('Webhook 1 address').fill('hooks.example.com/x');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'publishing.webhooks[1].url' }).waitFor();
    const unsaved = (await (await page.request.get(`${base}/api/settings`)).json()) as { publication: { glossary?: unknown[] } };
    assert.equal(unsaved.publication.glossary?.length ?? 0, glossary, 'a refused save stores nothing');
    await page.getByLabel('Webhook 1 address').fill('https://hooks.example.com/x');
    await page.getByLabel('Webhook 1 kind').selectOption('slack');
    await shoot('settings');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    const saved = (await (await page.request.get(`${base}/api/settings`)).json()) as { publication: { glossary: Record<string, string>[]; sections: { key: string; titles: Record<string, string>; aliases?: string[] }[]; publishing: { webhooks: { url: string; kind: string }[] } } };
    assert.deepEqual(saved.publication.glossary[glossary], { zh: '潮流周刊', en: 'Trending Weekly' });
    const articles = saved.publication.sections.find((x) => x.key === 'articles')!;
    assert.equal(articles.titles.zh, '文章与教程');
    assert.deepEqual(articles.aliases, ['文章&教程', '文章']);
    assert.deepEqual(saved.publication.publishing.webhooks, [{ url: 'https://hooks.example.com/x', kind: 'slack' }]);
    await page.goto(`${base}/editor/#/issue/2`);
    await page.getByTestId('preview').filter({ hasText: '周刊第2期：下一期' }).waitFor();
    await page.getByTestId('preview').filter({ hasText: '文章与教程' }).waitFor();
  });

  test('on a phone the builder and its previews are tabs, each the whole width', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/editor/#/issue/2`);
    const edit = page.locator('.builder-edit');
    await edit.waitFor();
    const width = (await edit.boundingBox())!.width;
    assert.ok(width > 350, `the editing column is ${width} px wide`);
    assert.equal(await page.locator('.previews').isVisible(), false);
    await page.getByRole('tab', { name: 'Preview' }).click();
    await page.getByTestId('preview').waitFor();
    assert.ok((await page.locator('.previews').boundingBox())!.width > 350);
    assert.equal(await edit.isVisible(), false);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(SHOTS, `week-builder-preview-390-${scheme}.png`) });
    }
    await page.getByRole('tab', { name: 'Edit' }).click();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SHOTS, 'week-builder-edit-390-light.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('a published issue edited stays as readers had it until it is re-published, and the dialog says what will change', async () => {
    await page.goto(`${base}/editor/#/issue/1`);
    const title = page.getByLabel('Title (zh)');
    await title.fill('更快的启动（修订）');
    await title.blur();
    await page.getByTestId('unpublished').getByText('the zh title: “更快的启动” → “更快的启动（修订）”').waitFor();
    const before = await (await fetch(`${base}/issues/1/`)).text();
    assert.match(before, /更快的启动/);
    assert.doesNotMatch(before, /修订/, 'readers still have the published title');
    await page.getByTestId('unpublished').getByRole('button', { name: 'Re-publish…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Re-publish #1' }).waitFor();
    await dialog.getByText('What readers will get that they do not have').waitFor();
    await dialog.getByRole('button', { name: /Publish/ }).first().click();
    await dialog.getByText('Published.').waitFor();
    assert.match(await (await fetch(`${base}/issues/1/`)).text(), /更快的启动（修订）/);
    assert.equal(sink.received.length, RECIPIENTS + 0, 'no reader is mailed twice');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('unpublished').waitFor({ state: 'detached' });
  });

  test("the bookmarklet on a page being read: its own title (not the site's suffix), the selection, and a note go to the inbox", async () => {
    feeds.route('/articles/free-threading', (_q, r) =>
      void r
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><html><head><title>Free-threading, a status report | Some News Site</title><meta property="og:title" content="Free-threading, a status report"></head><body><p id="lead">The free-threaded build is supported from 3.14 on.</p><p>More text.</p></body></html>'),
    );
    await page.goto(`${base}/editor/#/sources`);
    const code = (await page.getByTestId('bookmarklet').getAttribute('href'))!;
    assert.match(code, /^javascript:/);
    const reading = await context.newPage();
    await reading.goto(`${feeds.url}/articles/free-threading`);
    await reading.evaluate(() => getSelection()!.selectAllChildren(document.getElementById('lead')!));
    // What clicking it in the bookmarks bar does: its script runs in the page being read.
    const [popup] = await Promise.all([context.waitForEvent('page'), reading.evaluate(code.slice('javascript:'.length))]);
    await popup.getByRole('heading', { name: 'Save to the inbox' }).waitFor();
    assert.equal(await popup.getByLabel('Title').inputValue(), 'Free-threading, a status report');
    assert.equal(await popup.getByLabel('Link').inputValue(), `${feeds.url}/articles/free-threading`);
    assert.match(await popup.getByLabel('Note').inputValue(), /The free-threaded build is supported from 3\.14 on\./);
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByText('Saved to the inbox').waitFor();
    await Promise.all([popup.close(), reading.close()]);
    await page.goto(`${base}/editor/#/inbox`);
    await page.locator('.cand', { hasText: 'Free-threading, a status report' }).waitFor();
  });

  test("held newsletters: the editor sees a stranger's links before allowing it, and a drop asks first", async () => {
    const pub = await usePublication(store.db);
    const mail = (from: string, subject: string, html: string) =>
      `From: ${from}\r\nTo: inbox@weekly.example.com\r\nSubject: ${subject}\r\nDate: Mon, 07 Dec 2026 08:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}\r\n`;
    await receiveMail(store.db, pub, mail('Typing Letters <hello@typing-letters.example>', 'Typing Letters #9', '<p><a href="https://click.typing-letters.example/t?url=https%3A%2F%2Fdocs.example.org%2Fprotocols">Protocols in practice</a>: structural typing, shown.</p><p><a href="https://typing-letters.example/unsubscribe">Unsubscribe</a></p>'));
    await receiveMail(store.db, pub, mail('Deals <deals@spam.example>', 'Buy now', '<p><a href="https://spam.example/deal">A deal</a></p>'));
    // The inbox, where the editor is every day, says they wait, and leads to them.
    await page.goto(`${base}/editor/#/inbox`);
    await page.reload();
    await page.getByRole('link', { name: '2 newsletters held from unknown senders' }).click();
    await page.getByRole('heading', { name: 'Newsletters held' }).waitFor();
    const letter = page.getByRole('listitem', { name: /hello@typing-letters\.example/ });
    await letter.getByRole('button', { name: 'Show its links' }).click();
    // The link as it would be a candidate: unwrapped from the tracker; the unsubscribe link is not there.
    await letter.getByText('https://docs.example.org/protocols').waitFor();
    assert.deepEqual(await letter.locator('.held-links li').allTextContents(), ['Protocols in practice https://docs.example.org/protocols']);
    await shootAll(page, SHOTS, 'week-held-mail', { fullPage: () => true });

    const spam = page.getByRole('listitem', { name: /deals@spam\.example/ });
    // The click returns once the question is answered; the handler answers it, and keeps what it asked.
    let asked: string | undefined;
    page.once('dialog', (d) => {
      asked = d.message();
      void d.dismiss();
    });
    await spam.getByRole('button', { name: 'Drop' }).click();
    assert.equal(asked, 'Drop this mail from deals@spam.example? It cannot be brought back.');
    assert.equal((await (await page.request.get(`${base}/api/inbound/held`)).json()).length, 2, 'dismissing the question keeps the mail');
    page.once('dialog', (d) => void d.accept());
    await spam.getByRole('button', { name: 'Drop' }).click();
    await spam.waitFor({ state: 'detached' });

    await letter.getByRole('button', { name: 'Allow the sender' }).click();
    await page.getByRole('status').filter({ hasText: 'hello@typing-letters.example is allowed: 1 held mails taken in, 1 new candidates.' }).waitFor();
    await page.locator('tr', { hasText: 'Typing Letters' }).waitFor();
  });

  test("mail files from the editor's own mailbox: a known sender's links come in in their own charset; a stranger's is held; a broken file is named", async () => {
    await page.goto(`${base}/editor/#/sources`);
    await page.getByRole('heading', { name: 'Newsletters held' }).waitFor();
    // Typing Letters is a newsletter source since the test before. Its Chinese edition, 8bit GBK, as mail programs save it.
    const gbk = Buffer.concat([
      Buffer.from('From: Typing Letters <hello@typing-letters.example>\r\nTo: editor@weekly.example.com\r\nSubject: zh\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p><a href="https://docs.example.org/zh/async">'),
      Buffer.from([0xd2, 0xec, 0xb2, 0xbd, 0xbd, 0xcc, 0xb3, 0xcc]), // 异步教程
      Buffer.from('</a></p>\r\n'),
    ]);
    const stranger = Buffer.from('From: Other Weekly <news@other-weekly.example>\r\nTo: editor@weekly.example.com\r\nSubject: Other Weekly #3\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p><a href="https://other.example.org/post">A post</a></p>\r\n');
    await page.getByLabel('Add mail files (.eml)').setInputFiles([
      { name: 'typing-zh.eml', mimeType: 'message/rfc822', buffer: gbk },
      { name: 'other.eml', mimeType: 'message/rfc822', buffer: stranger },
      { name: 'empty.eml', mimeType: 'message/rfc822', buffer: Buffer.alloc(0) },
    ]);
    const added = page.getByRole('list', { name: 'Mail files added' });
    await added.getByText('typing-zh.eml: from hello@typing-letters.example; links: 1, new candidates: 1').waitFor();
    await added.getByText('other.eml: from news@other-weekly.example, held below (the sender is not a newsletter source)').waitFor();
    await added.getByText(/^empty\.eml: /).waitFor();
    await page.getByRole('listitem', { name: /news@other-weekly\.example/ }).waitFor();
    await added.scrollIntoViewIfNeeded();
    await shootAll(page, SHOTS, 'week-mail-files');
    await page.goto(`${base}/editor/#/inbox`);
    await page.locator('.cand', { hasText: '异步教程' }).waitFor();
  });

  test('a podcast added on the Sources page: every episode in the inbox, each with its file, length and size', async () => {
    const episode = (n: number) =>
      `<item><title>Episode ${n}: packaging</title><link>${feeds.url}/show/</link><guid isPermaLink="false">ep-${n}</guid><pubDate>${new Date(Date.now() - n * 3_600_000).toUTCString()}</pubDate>` +
      `<enclosure url="https://cdn.example.org/audio/ep-${n}%20final.mp3" type="audio/mpeg" length="${30_000_000 + n}"/><itunes:duration>43:0${n}</itunes:duration></item>`;
    feeds.route('/pod.xml', (_q, r) =>
      void r
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(`<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Packaging Talk</title><link>${feeds.url}/show/</link>${[1, 2, 3].map(episode).join('')}</channel></rss>`),
    );
    await page.goto(`${base}/editor/#/sources`);
    await page.getByLabel('Address').fill(`${feeds.url}/pod.xml`);
    await page.getByRole('button', { name: 'Add source' }).click();
    await page.locator('tr', { hasText: '/pod.xml' }).getByRole('button', { name: 'Collect now' }).click();
    await page.getByRole('status').filter({ hasText: '3 entries, 3 new candidates' }).waitFor();
    await page.getByRole('link', { name: 'Inbox' }).click();
    for (const n of [1, 2, 3]) await page.locator('.cand', { hasText: `Episode ${n}: packaging` }).waitFor();
    await page.locator('.cand', { hasText: 'Episode 2: packaging' }).click();
    assert.equal(await page.getByTestId('episode').textContent(), '🎧 ep-2 final.mp3 (audio/mpeg) · 43 min · 28.6 MB');
    assert.equal(await page.getByTestId('episode').getByRole('link').getAttribute('href'), 'https://cdn.example.org/audio/ep-2%20final.mp3');
    assert.equal(await page.locator('.cand', { hasText: 'Episode 2: packaging' }).getByText(/similar|near-duplicate/).count(), 0, "one feed's episodes are not near-duplicates");
  });

  test('collect all now: the sources a collection holds say so, the page counts them down, then says what came of it', async () => {
    // One feed answers only when the test lets it: the collection is seen under way.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    feeds.route('/slow.xml', (_q, r) => void held.then(() => r.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('A slow blog', [{ title: 'Worth the wait', link: 'https://slow.example/wait', description: 'Slowly.', hoursAgo: 1 }]))));
    const pub = await usePublication(store.db);
    await upsertSource(store.db, pub.id, { kind: 'feed', url: `${feeds.url}/slow.xml`, title: 'A slow blog' });
    await page.goto(`${base}/editor/#/sources`);
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: 'Collect all now' }).click();
    const slow = page.locator('tr', { hasText: 'A slow blog' });
    await slow.getByText('◌ collecting…').waitFor();
    await page.locator('.collecting-now', { hasText: /Collecting: \d+ of \d+ sources done\./ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Collect all now' }).isDisabled(), true, 'not twice at once');
    await shoot('sources-collecting');
    release();
    await page.getByRole('status').filter({ hasText: /^Collected \d+ sources/ }).waitFor();
    await slow.getByText('● healthy').waitFor();
    assert.equal(await page.locator('.collecting-now').count(), 0);
    await page.goto(`${base}/editor/#/inbox`);
    await page.locator('.cand', { hasText: 'Worth the wait' }).waitFor();
  });

  test('the app in Chinese and English: the choice is kept with the account; every page at 1440 and 390 px, light and dark, in both', async () => {
    const pages: [string, string][] = [['inbox', '.inbox'], ['issue/2', '.builder'], ['issues', 'main h1'], ['sources', 'main h1'], ['subscribers', 'main h1'], ['team', 'main h1'], ['settings', 'main h1']];
    const chosen = page.getByLabel(/Language of the app|界面语言/);
    const everyPage = async (locale: string) => {
      for (const [hash, ready] of pages) {
        await page.goto(`${base}/editor/#/${hash}`);
        await page.locator(ready).first().waitFor();
        await page.locator('.center', { hasText: /Loading|加载中/ }).waitFor({ state: 'detached' });
        await shoot(`${hash.replace('/', '-')}-${locale}`);
      }
    };
    await page.goto(`${base}/editor/#/inbox`);
    await chosen.selectOption('zh');
    await page.getByRole('link', { name: '收件箱' }).waitFor();
    // Kept with the account, not the browser: a reload, and the server's own answer, say so.
    await page.reload();
    await page.getByRole('link', { name: '信息源' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
    const session = await page.evaluate(async () => (await (await fetch('/api/session')).json()) as { session: { user: { locale: string } } });
    assert.equal(session.session.user.locale, 'zh');
    // A candidate's sources are named with their kind in the editor's language.
    await page.goto(`${base}/editor/#/inbox`);
    await page.locator('.detail').getByText(/^来自 .+ \((订阅源|读者|邮件简报)\)/).first().waitFor();
    // The preflight's findings are said in the editor's language too.
    await page.goto(`${base}/editor/#/issue/2`);
    await page.getByRole('button', { name: '发布…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: '发布 #2' }).waitFor();
    await dialog.getByRole('status').filter({ hasText: '所有链接和图片均已检查' }).or(dialog.getByText('所有链接和图片均已检查')).first().waitFor();
    await shoot('publish-dialog-zh');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await everyPage('zh');
    await chosen.selectOption('en');
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
    await everyPage('en');
  });
});
