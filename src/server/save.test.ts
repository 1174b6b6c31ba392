// Saving while reading: the page the bookmarklet and the share target open is the editor's only,
// prefilled from what it was given (an address inside a shared text too); opening it adds
// nothing; its POST needs the session's token from the form and the same origin, and puts the
// link in the inbox with the selection and the editor's name. The installed app's manifest names
// /save as its share target.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { rankedCandidates, submitLink } from '../app/candidates.ts';
import { importFiles } from '../app/import-archive.ts';
import { appWithOwner } from './test-session.ts';

describe('saving while reading', () => {
  const t = appWithOwner('save');
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: '/save', headers: { cookie: t.owner.cookie, 'content-type': 'application/x-www-form-urlencoded', host: 'localhost', origin: 'http://localhost', ...headers }, payload: new URLSearchParams(fields).toString() });
  const saved = async () => (await rankedCandidates(t.store.db, t.stored.id, { status: 'all' })).filter((c) => c.tags.includes('saved'));

  test("the page is the editor's, prefilled; opening it adds nothing", async () => {
    const anon = await t.app.inject('/save?url=https%3A%2F%2Fblog.example.org%2Fa&title=A');
    assert.equal(anon.statusCode, 401);
    assert.match(anon.body, /Sign in to Pressroom first/);
    const r = await t.app.inject({ url: '/save?url=https%3A%2F%2Fblog.example.org%2Fa&title=A%20post&text=the%20best%20part', headers: { cookie: t.owner.cookie } });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, new RegExp(`name="csrf" value="${t.owner.csrf}"`));
    assert.match(r.body, /name="url" type="url" required value="https:\/\/blog\.example\.org\/a"/);
    assert.match(r.body, /“the best part”/);
    // A phone's share gives the address inside the text.
    const shared = await t.app.inject({ url: `/save?title=T&text=${encodeURIComponent('Look at this https://news.example.org/x?id=1 now')}`, headers: { cookie: t.owner.cookie } });
    assert.match(shared.body, /value="https:\/\/news\.example\.org\/x\?id=1"/);
    assert.deepEqual(await saved(), []);
  });

  test("the POST needs the form's token and the same origin; then the link is in the inbox, signed", async () => {
    const fields = { csrf: t.owner.csrf, url: 'https://blog.example.org/a', title: 'A post', note: '“the best part”' };
    assert.equal((await form({ ...fields, csrf: 'stale' })).statusCode, 403);
    assert.equal((await form(fields, { origin: 'https://evil.example' })).statusCode, 403);
    const anon = await form(fields, { cookie: '' });
    assert.equal(anon.statusCode, 401, anon.body);
    assert.deepEqual(await saved(), [], 'nothing saved by a refused request');
    const ok = await form(fields);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.match(ok.body, /Saved to the inbox/);
    const [c] = await saved();
    assert.equal(c!.title, 'A post');
    assert.match(c!.note ?? '', /“the best part” — saved by /);
    assert.match((await form(fields)).body, /In the inbox already/);
    assert.equal((await form({ ...fields, url: 'javascript:alert(1)' })).statusCode, 400);
  });

  test("saving a link readers sent keeps their notes beside the editor's; a note said twice is kept once", async () => {
    const url = 'https://blog.example.org/readers-pick';
    await submitLink(t.store.db, t.stored, { url, note: 'The clearest explanation I have read.' }, new Date());
    await submitLink(t.store.db, t.stored, { url, note: 'Seconded: worth a place.' }, new Date());
    await submitLink(t.store.db, t.stored, { url, note: 'Seconded: worth a place.' }, new Date());
    assert.equal((await form({ csrf: t.owner.csrf, url, title: 'Readers’ pick', note: 'lead item?' })).statusCode, 200);
    const [c] = await saved().then((all) => all.filter((x) => x.url === url));
    assert.match(c!.note!, /^The clearest explanation I have read\.\n\nSeconded: worth a place\.\n\nlead item\? — saved by .+$/);
  });

  test('saving a link an issue featured says so where it is saved, naming the issue and the item', async () => {
    const archive = join(import.meta.dirname, '..', 'markdown', 'testdata', 'archive', 'zh', '2030-01-05-weekly.md');
    await importFiles(t.store, t.stored, [archive]);
    const opened = await t.app.inject({ url: `/save?${new URLSearchParams({ url: 'https://blog.example.com/kv-store', title: 'A key-value store on sqlite3' })}`, headers: { cookie: t.owner.cookie } });
    assert.match(opened.body, /Already featured in issue #201 as “只用 sqlite3 模块实现一个键值存储”[\s\S]*<form/, 'said on the form, before saving');
    const again = await form({ csrf: t.owner.csrf, url: 'https://blog.example.com/kv-store?utm_source=rss', title: 'A key-value store on sqlite3' });
    assert.equal(again.statusCode, 200);
    assert.match(again.body, /Already featured in issue #201 as “只用 sqlite3 模块实现一个键值存储”/);
    const fresh = await form({ csrf: t.owner.csrf, url: 'https://blog.example.org/never-featured', title: 'Never featured' });
    assert.doesNotMatch(fresh.body, /Already featured/);
  });

  test('the installed app shares pages to /save', async () => {
    const r = await t.app.inject('/editor/manifest.webmanifest');
    assert.equal(r.statusCode, 200);
    const m = JSON.parse(r.body) as { share_target: { action: string; method: string; params: Record<string, string> } };
    assert.deepEqual(m.share_target, { action: '/save', method: 'GET', params: { title: 'title', text: 'text', url: 'url' } });
  });
});
