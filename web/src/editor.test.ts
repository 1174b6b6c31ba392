// The editor app in a real Chromium against a real server: sign in, triage an inbox collected
// from a local feed server, build an issue, reorder it, write and draft blurbs, accept a
// translation, watch the previews, reload and find it all saved. Screenshots go to test-results/.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { Fetcher } from '../../src/http/client.ts';
import type { TestServer } from '../../src/http/test-server.ts';
import { collect } from '../../src/app/collect.ts';
import { ChatClient, type ChatMessage } from '../../src/llm/client.ts';
import { startLlmStub, type LlmStub } from '../../src/llm/test-server.ts';
import { buildApp } from '../../src/server/app.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { loadIssue } from '../../src/store/issues.ts';
import { usePublication } from '../../src/store/publications.ts';
import { upsertSource } from '../../src/store/sources.ts';
import { browserSkip, launch } from './testing/browser.ts';
import { rss, serveFeeds } from './testing/feeds.ts';
import { platformsAt } from '../../src/sources/types.ts';

const skip = browserSkip();
const SHOTS = 'test-results';

const PHRASES: [string, string][] = [
  ['一份讲清楚', 'A long read that explains'],
  [' 的来龙去脉的长文。', ', start to finish.'],
];

/** The stand-in model: blurbs are fixed, "translation" swaps known phrases and keeps the rest. */
function model(messages: ChatMessage[]): string {
  if (messages[0]!.content.includes('short blurbs')) return 'Structural pattern matching, shown on real code.';
  let out = messages.at(-1)!.content;
  for (const [zh, en] of PHRASES) out = out.replaceAll(zh, en);
  return out;
}

describe('the editor app in Chromium', { skip }, () => {
  let store: Store;
  let app: FastifyInstance;
  let feeds: TestServer;
  let llm: LlmStub;
  let fetcher: Fetcher;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-browser-'));

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const pub = await usePublication(store.db);
    feeds = await serveFeeds({
      '/feed.xml': rss('Local Python blog', [
        { title: 'Understanding the GIL', link: 'https://blog.example/gil', description: 'How the global interpreter lock works, and what free-threading changes.', hoursAgo: 2 },
        { title: 'Pattern matching on list[int] and Vec<T>', link: 'https://blog.example/match', description: 'Structural pattern matching on real code: parsers, visitors and config files.', hoursAgo: 3 },
        { title: 'Profiling with py-spy', link: 'https://blog.example/py-spy', description: 'Finding where a slow program spends its time without changing it.', hoursAgo: 4 },
        { title: 'Ten weird tricks', link: 'https://blog.example/tricks', description: 'Clickbait.', hoursAgo: 5 },
        { title: 'tinyweb: a tiny web framework', link: 'https://github.com/acme/tinyweb', description: 'A web framework in one file.', hoursAgo: 6 },
      ]),
    });
    feeds.route('/repos/acme/tinyweb', (_q, r) => void r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ full_name: 'acme/tinyweb', stargazers_count: 1234 })));
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
    const platforms = platformsAt(feeds.url);
    await upsertSource(store.db, pub.id, { kind: 'feed', url: `${feeds.url}/feed.xml` });
    const { progress } = await collect(store, pub, { fetcher, platforms, force: true });
    assert.equal(progress.created, 5, 'the inbox is seeded from the feed');
    llm = await startLlmStub(model);
    app = await buildApp(store, { dataDir: dir, fetcher, platforms, llm: new ChatClient({ baseUrl: llm.baseUrl, model: 'stub-1' }) });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    mkdirSync(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    await feeds?.close();
    await llm?.close();
    await fetcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const row = (title: string) => page.locator('.cand', { hasText: title });
  const card = (title: string) => page.locator('.card', { hasText: title });
  const articleTitles = () => page.locator('[data-section="articles"] .card-title').allTextContents();
  const preview = () => page.getByTestId('preview').textContent();
  const saved = () => page.waitForResponse((r) => r.url().includes('/ops') && r.request().method() === 'POST' && r.ok());

  test('the first run makes an owner; signing out and in again works', async () => {
    await page.goto(`${base}/editor/`);
    await page.getByRole('heading', { name: 'Welcome to Pressroom' }).waitFor();
    await page.getByLabel('Your name').fill('Olivia');
    await page.getByLabel('Email').fill('olivia@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create the owner account' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in to Pressroom' }).waitFor();
    await page.getByLabel('Password').fill('the wrong password');
    await page.getByLabel('Email').fill('olivia@example.com');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'wrong email or password' }).waitFor();
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Inbox' }).waitFor();
  });

  test('triages the inbox from the keyboard: add, skip, undo, add to a section', async () => {
    await row('Understanding the GIL').waitFor();
    assert.equal(await page.locator('.cand').count(), 5);
    await row('Understanding the GIL').click();
    await page.keyboard.press('a');
    await row('Understanding the GIL').waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: 'Added to #1' }).waitFor();

    await row('Ten weird tricks').click();
    await page.keyboard.press('x');
    await row('Ten weird tricks').waitFor({ state: 'detached' });
    await page.keyboard.press('u');
    await row('Ten weird tricks').waitFor();
    await page.getByRole('status').filter({ hasText: 'Back in the inbox' }).waitFor();

    await row('tinyweb').click();
    await page.keyboard.press('2');
    await row('tinyweb').waitFor({ state: 'detached' });
    for (const t of ['Pattern matching on list[int] and Vec<T>', 'Profiling with py-spy']) {
      await row(t).click();
      await page.keyboard.press('1');
      await row(t).waitFor({ state: 'detached' });
    }
    await page.getByLabel('Search titles and links').fill('weird');
    assert.equal(await page.locator('.cand').count(), 1, 'the filter narrows the list');
    await page.screenshot({ path: join(SHOTS, 'inbox.png'), fullPage: true });
  });

  test('builds the issue: sections, drag and drop, keyboard moves, blurbs in two languages, previews', async () => {
    await page.getByRole('link', { name: 'Issue', exact: true }).click();
    await card('tinyweb').waitFor();
    assert.deepEqual(await articleTitles(), ['Understanding the GIL', 'Pattern matching on list[int] and Vec<T>', 'Profiling with py-spy']);
    assert.match((await card('tinyweb').textContent())!, /★ 1234/, 'stars fetched from the GitHub API on add');
    assert.equal(await page.locator('[data-section="projects"] .card').count(), 1);

    const move = saved();
    await card('Profiling with py-spy').locator('.grip').dragTo(card('Understanding the GIL'), { targetPosition: { x: 40, y: 4 } });
    await move;
    assert.deepEqual(await articleTitles(), ['Profiling with py-spy', 'Understanding the GIL', 'Pattern matching on list[int] and Vec<T>']);

    const keyMove = saved();
    await card('Pattern matching on list[int] and Vec<T>').focus();
    await page.keyboard.press('Alt+ArrowUp');
    await keyMove;
    assert.deepEqual(await articleTitles(), ['Profiling with py-spy', 'Pattern matching on list[int] and Vec<T>', 'Understanding the GIL']);

    const zhBefore = await preview();
    const gil = card('Understanding the GIL');
    await gil.getByRole('button', { name: 'Edit' }).click();
    let write = saved();
    await gil.getByLabel('Blurb (zh)').fill('一份讲清楚 [GIL](https://docs.python.org/3/glossary.html) 的来龙去脉的长文。');
    await gil.getByLabel('Blurb (zh)').blur();
    await write;
    write = saved();
    await gil.getByLabel('Blurb (en)').fill('What the GIL is, and what free-threading changes.');
    await gil.getByLabel('Blurb (en)').blur();
    await write;
    const zhAfter = await preview();
    assert.notEqual(zhAfter, zhBefore);
    assert.match(zhAfter!, /3、\[Understanding the GIL\]\(https:\/\/blog\.example\/gil\)\n\n一份讲清楚 \[GIL\]\(https:\/\/docs\.python\.org\/3\/glossary\.html\) 的来龙去脉的长文。/);
    await page.getByLabel('Counts').getByText('本期分享了 3 篇文章，1 个开源项目').waitFor();
  });

  test('drafts a blurb with the assistant and uses it', async () => {
    const pattern = card('Pattern matching on list[int] and Vec<T>');
    await pattern.getByRole('button', { name: 'Edit' }).click();
    await pattern.getByRole('button', { name: '✨ Draft en blurb' }).click();
    await pattern.getByText('Structural pattern matching, shown on real code.').waitFor();
    assert.equal(await pattern.getByLabel('Blurb (en)').inputValue(), '', 'nothing is written before the click');
    const write = saved();
    await pattern.getByRole('button', { name: 'Use this blurb' }).click();
    await write;
    assert.equal(await pattern.getByLabel('Blurb (en)').inputValue(), 'Structural pattern matching, shown on real code.');
    assert.match(llm.calls[0]!.messages.at(-1)!.content, /Structural pattern matching on real code/, 'drafted from the candidate text');
  });

  test('translates the issue into English as a reviewed diff', async () => {
    await page.getByRole('button', { name: 'Translate issue → en' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Done: 4 items translated/).waitFor();
    const gilBlurb = dialog.locator('.proposal-item', { hasText: 'Understanding the GIL' }).locator('.diff-row', { hasText: 'blurb' });
    assert.equal(await gilBlurb.locator('ins').first().textContent().then((t) => t !== null), true, 'shown as a diff');
    assert.match((await gilBlurb.textContent())!, /start to finish/);
    assert.match(llm.calls.at(-1)!.messages.at(-1)!.content + llm.calls.map((c) => c.messages.at(-1)!.content).join(), /\[GIL\]\(https:\/\/docs\.python\.org\/3\/glossary\.html\)/);
    await gilBlurb.getByRole('checkbox').uncheck();
    const write = saved();
    await dialog.getByRole('button', { name: 'Accept checked' }).click();
    await write;
    await page.getByRole('tab', { name: 'en' }).click();
    const en = (await preview())!;
    assert.match(en, /1\. \[Profiling with py-spy\]\(https:\/\/blog\.example\/py-spy\)/, 'the English edition has the translated titles');
    assert.match(en, /What the GIL is, and what free-threading changes\./, 'the unchecked proposal left the editor’s text alone');
    await page.getByRole('tab', { name: 'HTML' }).click();
    assert.match((await page.getByTestId('preview').innerHTML())!, /<a href="https:\/\/blog\.example\/gil">Understanding the GIL<\/a>/);
    await page.getByRole('tab', { name: 'Telegram' }).click();
    assert.match((await preview())!, /Profiling with py-spy/);
    await page.screenshot({ path: join(SHOTS, 'builder.png'), fullPage: true });
  });

  test('after a reload everything is where it was left', async () => {
    await page.reload();
    await card('tinyweb').waitFor();
    assert.deepEqual(await articleTitles(), ['Profiling with py-spy', 'Pattern matching on list[int] and Vec<T>', 'Understanding the GIL']);
    const stored = (await loadIssue(store.db, (await usePublication(store.db)).id, 1))!;
    const byUrl = (u: string) => stored.items.find((i) => i.url === u)!;
    assert.equal(byUrl('https://blog.example/gil').texts.en!.blurb, 'What the GIL is, and what free-threading changes.');
    assert.equal(byUrl('https://blog.example/match').texts.en!.blurb, 'Structural pattern matching, shown on real code.');
    assert.equal(byUrl('https://blog.example/py-spy').texts.en!.title, 'Profiling with py-spy');
    assert.equal(byUrl('https://github.com/acme/tinyweb').meta.stars, 1234);
    const gil = card('Understanding the GIL');
    await gil.getByRole('button', { name: 'Edit' }).click();
    assert.match(await gil.getByLabel('Blurb (zh)').inputValue(), /^一份讲清楚/);
  });
});
