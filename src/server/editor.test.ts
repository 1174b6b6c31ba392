import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Issue } from '../core/model.ts';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { ChatClient } from '../llm/client.ts';
import { startLlmStub, type LlmStub } from '../llm/test-server.ts';
import { recordSightings } from '../app/candidates.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { usePublication, type StoredPublication } from '../store/publications.ts';
import { getSource, upsertSource } from '../store/sources.ts';
import { testDatabases } from '../store/test-databases.ts';
import { buildApp } from './app.ts';
import { login, setupOwner, type Editor } from './test-session.ts';
import { platformsAt } from '../sources/types.ts';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

/** A fake translator that keeps the Markdown: swaps a few words, leaves links alone. */
function translator(messages: { role: string; content: string }[]): string {
  const sys = messages[0]!.content;
  const user = messages.at(-1)!.content;
  if (sys.includes('short blurbs')) return 'A careful tour of the new interpreter, with numbers.';
  return user.replaceAll('异步', 'async').replaceAll('教程', 'tutorial').replaceAll('Python 潮流周刊', 'Python Trending Weekly');
}

for (const backend of await testDatabases()) {
  describe(`the editor's API on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let app: FastifyInstance;
    let owner: Editor;
    let pub: StoredPublication;
    let web: TestServer;
    let llm: LlmStub;
    let fetcher: Fetcher;
    let clock = new Date('2030-03-01T10:00:00Z');
    const dataDir = mkdtempSync(join(tmpdir(), 'pressroom-editor-'));
    const ids: Record<string, number> = {};

    const draft = async (ed = owner) => {
      const { number } = (await ed.get('/api/issues/current')).json();
      return (await ed.get(`/api/issues/${number}/edit`)).json() as { issue: Issue; revision: number; tokens: { calls: number; prompt: number } };
    };

    before(async () => {
      store = await openStore(await backend.create());
      pub = await usePublication(store.db);
      web = await startServer();
      web.route('/repos/psf/black', (_q, r) => void r.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ full_name: 'psf/black', stargazers_count: 41234 })));
      web.route('/alive', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'));
      web.route('/gone', (_q, r) => void r.writeHead(404).end('gone'));
      llm = await startLlmStub(translator);
      fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
      const { id: sourceId } = await upsertSource(store.db, pub.id, { kind: 'feed', url: `${web.url}/feed.xml`, title: 'Local blog' });
      const source = (await getSource(store.db, sourceId))!;
      await store.db.transaction().execute((tx) =>
        recordSightings(
          tx,
          pub,
          source,
          [
            { url: 'https://example.org/asyncio-guide', title: 'Python 异步教程', summary: '<p>A long guide to asyncio, with examples of task groups and timeouts in practice.</p>', points: 0, comments: 0, tags: ['asyncio'], lang: 'zh' },
            { url: 'https://github.com/psf/black', title: 'black: The uncompromising code formatter', summary: '', points: 0, comments: 0, tags: [] },
            { url: 'https://example.org/other', title: 'Another post', summary: '', points: 0, comments: 0, tags: [] },
            { url: 'https://example.org/third', title: 'A third post', summary: '', points: 0, comments: 0, tags: [] },
          ],
          clock,
        ),
      );
      for (const r of await store.db.selectFrom('candidates').select(['id', 'url']).execute()) ids[r.url] = r.id;
      app = await buildApp(store, {
        dataDir,
        webDir: null,
        fetcher,
        platforms: platformsAt(web.url),
        llm: new ChatClient({ baseUrl: llm.baseUrl, model: 'stub-1', sleep: async () => {} }),
        now: () => clock,
        submit: { minFillMs: 2000, limit: { max: 2, windowMs: 3_600_000 } },
      });
      owner = await setupOwner(app);
    });
    after(async () => {
      await app?.close();
      await store?.close();
      await web?.close();
      await llm?.close();
      await fetcher?.close();
      await backend.cleanup();
      rmSync(dataDir, { recursive: true, force: true });
    });

    test('the first account is the owner; a second setup is refused', async () => {
      const s = (await app.inject('/api/session')).json();
      assert.equal(s.needsSetup, false);
      assert.equal(s.session, null);
      const again = await app.inject({ method: 'POST', url: '/api/setup', payload: { email: 'x@example.com', password: 'another long one' } });
      assert.equal(again.statusCode, 409);
      const signedIn = await app.inject({ method: 'POST', url: '/api/login', payload: { email: 'owner@example.com', password: 'correct horse battery' } });
      assert.deepEqual(Object.keys(signedIn.json().user).sort(), ['email', 'id', 'locale', 'name', 'role'], 'no password hash in the answer');
      const me = (await owner.get('/api/session')).json();
      assert.equal(me.session.user.role, 'owner');
      assert.equal(me.session.csrf, owner.csrf);
    });

    test('every write needs a session, then a CSRF token, then a well-formed body; refused ones change nothing', async () => {
      const { issue, revision } = await draft();
      const n = issue.number;
      const writes: [string, unknown][] = [
        [`/api/candidates/${ids['https://example.org/other']}/pick`, {}],
        [`/api/candidates/${ids['https://example.org/other']}/skip`, undefined],
        [`/api/candidates/${ids['https://example.org/other']}/reset`, undefined],
        ['/api/candidates/skip', { ids: [ids['https://example.org/other']] }],
        [`/api/issues/${n}/ops`, { base: revision, ops: [{ op: 'title', lang: 'en', value: 'Hijacked' }] }],
        [`/api/issues/${n}/items`, { url: 'https://example.org/x', base: revision }],
        [`/api/issues/${n}/undo`, undefined],
        [`/api/issues/${n}/check-links`, undefined],
        ['/api/assist/draft', { number: n, lang: 'en', candidateId: ids['https://example.org/other'] }],
        ['/api/assist/translate', { number: n, from: 'zh', to: 'en' }],
        ['/api/invitations', { email: 'eve@example.com' }],
      ];
      for (const [url, body] of writes) {
        const anon = await owner.post(url, body, { cookie: false, csrf: false });
        assert.equal(anon.statusCode, 401, `${url} without a session`);
        assert.equal(anon.json().code, 'unauthenticated');
        const noCsrf = await owner.post(url, body, { csrf: false });
        assert.equal(noCsrf.statusCode, 403, `${url} without the CSRF token`);
        assert.match(noCsrf.json().error, /CSRF/);
      }
      const upload = await owner.post('/api/uploads', undefined, { raw: PNG, type: 'image/png', csrf: false });
      assert.equal(upload.statusCode, 403);

      const malformed: [string, unknown][] = [
        [`/api/candidates/${ids['https://example.org/other']}/pick`, { section: { key: 'articles' } }],
        ['/api/candidates/skip', { ids: ['one'] }],
        ['/api/candidates/skip', {}],
        [`/api/issues/${n}/ops`, { base: revision, ops: [{ op: 'explode', id: 1 }] }],
        [`/api/issues/${n}/ops`, { ops: [] }],
        [`/api/issues/${n}/items`, { url: 'javascript:alert(1)', base: revision }],
        ['/api/assist/draft', { number: 'one', lang: 'en' }],
        ['/api/invitations', { email: 'not an address' }],
      ];
      for (const [url, body] of malformed) {
        const r = await owner.post(url, body);
        assert.equal(r.statusCode, 400, `${url} with ${JSON.stringify(body)}: ${r.body}`);
        assert.ok(r.json().error, 'says what is wrong');
      }
      // `add` keeps to the same link rule as `set`: a script link or image is refused whole.
      for (const bad of [{ url: 'JaVaScRiPt:alert(1)' }, { url: 'java\tscript:alert(1)' }, { url: 'https://example.org/ok', image: 'javascript:alert(1)' }]) {
        const item = { section: 'articles', position: 0, image: null, meta: {}, texts: { zh: { title: '标题', blurb: '' } }, ...bad };
        const r = await owner.post(`/api/issues/${n}/ops`, { base: revision, ops: [{ op: 'add', item }] });
        assert.equal(r.statusCode, 422, `add with ${JSON.stringify(bad)}: ${r.body}`);
        assert.match(r.json().error, /must be an http\(s\) link or a path under \/uploads\//);
      }
      const badJson = await owner.post(`/api/issues/${n}/ops`, undefined, { raw: '{"base": 0, "ops": [' });
      assert.equal(badJson.statusCode, 400);

      const after = await draft();
      assert.equal(after.revision, revision, 'no revision was made');
      assert.deepEqual(after.issue, issue);
      const statuses = await store.db.selectFrom('candidates').select('status').execute();
      assert.ok(statuses.every((s) => s.status === 'new'), 'no candidate was triaged');
      assert.equal((await owner.get('/api/users')).json().length, 1, 'nobody was invited');
    });

    test('picking puts a candidate in its section with its star count; reset takes it out again', async () => {
      const pick = await owner.post(`/api/candidates/${ids['https://github.com/psf/black']}/pick`, {});
      assert.equal(pick.statusCode, 200, pick.body);
      const { issue } = await draft();
      const item = issue.items.find((i) => i.id === pick.json().itemId)!;
      assert.equal(item.section, 'projects');
      assert.equal(item.meta.stars, 41234, 'stars asked of the GitHub API');
      assert.equal(item.texts.zh!.title, 'black: The uncompromising code formatter');
      const inbox = (await owner.get('/api/inbox')).json();
      assert.ok(!inbox.candidates.some((c: { id: number }) => c.id === ids['https://github.com/psf/black']), 'a pick leaves the inbox');
      assert.equal((await owner.post(`/api/candidates/${ids['https://github.com/psf/black']}/pick`, {})).statusCode, 409, 'not twice');

      const reset = await owner.post(`/api/candidates/${ids['https://github.com/psf/black']}/reset`);
      assert.equal(reset.statusCode, 200);
      assert.ok(!(await draft()).issue.items.some((i) => i.url === 'https://github.com/psf/black'));
      assert.ok((await owner.get('/api/inbox')).json().candidates.some((c: { id: number }) => c.id === ids['https://github.com/psf/black']));
    });

    test('skips, one by one or in bulk, leave the inbox and can be undone', async () => {
      assert.equal((await owner.post(`/api/candidates/${ids['https://example.org/other']}/skip`)).statusCode, 200);
      const bulk = await owner.post('/api/candidates/skip', { ids: [ids['https://example.org/third'], ids['https://example.org/other']] });
      assert.deepEqual(bulk.json(), { skipped: 1 });
      let inbox = (await owner.get('/api/inbox')).json();
      assert.deepEqual(inbox.candidates.map((c: { url: string }) => c.url).sort(), ['https://example.org/asyncio-guide', 'https://github.com/psf/black']);
      const skipped = (await owner.get('/api/inbox?status=skipped')).json();
      assert.equal(skipped.candidates.length, 2);
      for (const u of ['https://example.org/other', 'https://example.org/third']) await owner.post(`/api/candidates/${ids[u]}/reset`);
      inbox = (await owner.get('/api/inbox?q=third')).json();
      assert.deepEqual(inbox.candidates.map((c: { url: string }) => c.url), ['https://example.org/third']);
      assert.equal((await owner.get('/api/inbox?since=yesterday')).statusCode, 400);
    });

    test('edits in two languages, reorders across sections, and undoes the last change', async () => {
      const a = (await owner.post(`/api/candidates/${ids['https://example.org/asyncio-guide']}/pick`, { section: 'articles' })).json();
      const b = (await owner.post(`/api/issues/${a.number}/items`, { url: 'https://example.org/tool', title: '一个工具', base: a.revision })).json();
      assert.equal(b.issue.items.find((i: { id: number }) => i.id === b.added[0]).section, 'articles');
      const r = await owner.post(`/api/issues/${a.number}/ops`, {
        base: b.revision,
        ops: [
          { op: 'text', id: a.itemId, lang: 'zh', field: 'blurb', value: '一篇讲 `asyncio` 的长文。' },
          { op: 'text', id: a.itemId, lang: 'en', field: 'blurb', value: 'A long read on `asyncio`.' },
          { op: 'move', id: b.added[0], section: 'projects', position: 0 },
        ],
      });
      assert.equal(r.statusCode, 200, r.body);
      const zh = (await owner.get(`/api/issues/${a.number}/preview?lang=zh`)).json().markdown;
      assert.match(zh, /一篇讲 `asyncio` 的长文。/);
      assert.match(zh, /## 🐿️[^\n]*\n\n1、\[一个工具\]\(https:\/\/example\.org\/tool\)/);
      const en = (await owner.get(`/api/issues/${a.number}/preview?lang=en&edition=full`)).json().markdown;
      assert.match(en, /A long read on `asyncio`\./);

      const undo = await owner.post(`/api/issues/${a.number}/undo`);
      assert.equal(undo.statusCode, 200);
      assert.equal(undo.json().undid, '3 changes');
      const back = await draft();
      const item = back.issue.items.find((i) => i.id === a.itemId)!;
      assert.equal(item.texts.zh!.blurb, '');
      assert.equal(item.texts.en, undefined, 'the English text it added is gone again');
      assert.equal(back.issue.items.find((i) => i.id === b.added[0])!.section, 'articles');
      const history = (await owner.get(`/api/issues/${a.number}/revisions`)).json();
      assert.equal(history[0].summary, 'undid: 3 changes');
      assert.equal(history[1].undone, true);
    });

    test('two editors: independent changes both land, the same field is a conflict', async () => {
      const invite = await owner.post('/api/invitations', { email: 'Ed@Example.com' });
      assert.equal(invite.statusCode, 200);
      const token = invite.json().token;
      assert.deepEqual((await app.inject(`/api/invitations/${token}`)).json(), { email: 'ed@example.com', role: 'editor' });
      const accepted = await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: 'Ed', password: 'editor password 1' } });
      assert.equal(accepted.statusCode, 200);
      assert.equal((await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: 'Ed', password: 'editor password 1' } })).statusCode, 410);
      const ed = await login(app, 'ed@example.com', 'editor password 1');
      assert.equal((await ed.post('/api/invitations', { email: 'more@example.com' })).statusCode, 403, 'editors do not invite');

      const { issue, revision } = await draft();
      const [first, second] = issue.items;
      const mine = await owner.post(`/api/issues/${issue.number}/ops`, { base: revision, ops: [{ op: 'text', id: first!.id, lang: 'zh', field: 'blurb', value: 'owner wrote this' }] });
      assert.equal(mine.statusCode, 200);
      const theirs = await ed.post(`/api/issues/${issue.number}/ops`, { base: revision, ops: [{ op: 'text', id: second!.id, lang: 'zh', field: 'blurb', value: 'editor wrote that' }] });
      assert.equal(theirs.statusCode, 200, 'a different field merges');
      const clash = await ed.post(`/api/issues/${issue.number}/ops`, { base: revision, ops: [{ op: 'text', id: first!.id, lang: 'zh', field: 'blurb', value: 'editor overwrites' }] });
      assert.equal(clash.statusCode, 409);
      assert.match(clash.json().error, /Olivia Owner changed this/);
      const now = (await draft()).issue;
      assert.equal(now.items.find((i) => i.id === first!.id)!.texts.zh!.blurb, 'owner wrote this');
      assert.equal(now.items.find((i) => i.id === second!.id)!.texts.zh!.blurb, 'editor wrote that');
    });

    test('failed sign-ins are limited; an expired session gets its own answer', async () => {
      const other = await buildApp(store, { webDir: null, dataDir, loginLimit: { max: 2, windowMs: 60_000 }, now: () => clock });
      try {
        for (let i = 0; i < 2; i++) assert.equal((await other.inject({ method: 'POST', url: '/api/login', payload: { email: 'owner@example.com', password: 'wrong one' } })).statusCode, 401);
        const limited = await other.inject({ method: 'POST', url: '/api/login', payload: { email: 'owner@example.com', password: 'correct horse battery' } });
        assert.equal(limited.statusCode, 429, 'even the right password waits');
        assert.ok(Number(limited.headers['retry-after']) > 0);
      } finally {
        await other.close();
      }
      const fresh = await login(app, 'owner@example.com', 'correct horse battery');
      const saved = clock;
      clock = new Date(clock.getTime() + 15 * 86_400_000);
      try {
        const r = await fresh.get('/api/inbox');
        assert.equal(r.statusCode, 401);
        assert.equal(r.json().code, 'expired');
      } finally {
        clock = saved;
      }
    });

    test('images upload by content, are served back, and anything else is refused', async () => {
      const up = await owner.post('/api/uploads', undefined, { raw: PNG, type: 'image/png' });
      assert.equal(up.statusCode, 200, up.body);
      const { url } = up.json();
      assert.match(url, /^\/uploads\/[0-9a-f]{32}\.png$/);
      const got = await app.inject(url);
      assert.equal(got.statusCode, 200);
      assert.equal(got.headers['content-type'], 'image/png');
      assert.deepEqual(got.rawPayload, PNG);
      const svg = await owner.post('/api/uploads', undefined, { raw: '<svg onload="alert(1)"/>', type: 'image/png' });
      assert.equal(svg.statusCode, 415);
    });

    test('an item added by its link takes the page\'s title; a page that cannot be read asks for one and adds nothing', async () => {
      web.route('/titled', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><head><title>A [titled] page</title></head><body><article><p>' + 'Words. '.repeat(60) + '</p></article></body></html>'));
      const { issue, revision } = await draft();
      const titled = await owner.post(`/api/issues/${issue.number}/items`, { url: `${web.url}/titled`, base: revision });
      assert.equal(titled.statusCode, 200, titled.body);
      const item = (titled.json().issue as { items: { url: string; texts: { zh?: { title: string } } }[] }).items.find((i) => i.url === `${web.url}/titled`);
      assert.equal(item?.texts.zh?.title, 'A \\[titled\\] page', 'the page\'s title, as words: its brackets cannot make a link');
      const before = (await draft()).issue.items.length;
      const missing = await owner.post(`/api/issues/${issue.number}/items`, { url: `${web.url}/no-such-page`, base: titled.json().revision });
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json().code, 'title-needed');
      assert.match(missing.json().error, /no-such-page.*give it one/);
      assert.equal((await draft()).issue.items.length, before);
    });

    test('the link check lists the links that fail', async () => {
      const { issue, revision } = await draft();
      await owner.post(`/api/issues/${issue.number}/items`, { url: `${web.url}/alive`, title: 'Alive', base: revision });
      const r2 = (await draft()).revision;
      await owner.post(`/api/issues/${issue.number}/items`, { url: `${web.url}/gone`, title: 'Gone', base: r2 });
      const check = (await owner.post(`/api/issues/${issue.number}/check-links`)).json();
      const failed = check.failed.map((f: { url: string; error: string }) => `${f.url} ${f.error}`);
      assert.ok(failed.includes(`${web.url}/gone HTTP 404`), JSON.stringify(check));
      assert.ok(!failed.some((f: string) => f.startsWith(`${web.url}/alive`)));
      assert.ok(failed.some((f: string) => f.startsWith('https://example.org/')), 'public hosts cannot be reached from the test: reported, not hidden');
    });

    test('the assistant drafts a blurb, streamed, and answers the same question from its cache', async () => {
      const { issue } = await draft();
      const item = issue.items.find((i) => i.url === 'https://example.org/asyncio-guide')!;
      const first = await owner.post('/api/assist/draft', { number: issue.number, lang: 'en', itemId: item.id });
      assert.equal(first.headers['content-type'], 'text/event-stream; charset=utf-8');
      const deltas = [...first.body.matchAll(/event: delta\ndata: (.*)/g)].map((m) => JSON.parse(m[1]!).text).join('');
      assert.equal(deltas, 'A careful tour of the new interpreter, with numbers.');
      const done = JSON.parse(/event: done\ndata: (.*)/.exec(first.body)![1]!);
      assert.equal(done.source, 'llm');
      assert.ok(done.tokens > 0);
      assert.match(llm.calls.at(-1)!.messages.at(-1)!.content, /asyncio/, 'the article text went into the prompt');
      const calls = llm.calls.length;
      const again = await owner.post('/api/assist/draft', { number: issue.number, lang: 'en', itemId: item.id });
      assert.equal(JSON.parse(/event: done\ndata: (.*)/.exec(again.body)![1]!).cached, true);
      assert.equal(llm.calls.length, calls, 'no second call');
      assert.equal((await draft()).issue.items.find((i) => i.id === item.id)!.texts.en?.blurb ?? '', '', 'a draft is a proposal, not a write');
      const { tokens } = await draft();
      assert.equal(tokens.calls, 2);
      assert.ok(tokens.prompt > 0);
    });

    test('translation keeps the Markdown and the glossary, retries a rate limit, and proposes rather than writes', async () => {
      const { issue, revision } = await draft();
      const item = issue.items.find((i) => i.url === 'https://example.org/asyncio-guide')!;
      await owner.post(`/api/issues/${issue.number}/ops`, { base: revision, ops: [{ op: 'text', id: item.id, lang: 'zh', field: 'blurb', value: '来自 Python 潮流周刊 的 `asyncio` [异步](https://example.org/a) 教程 🐍' }] });
      llm.rateLimitNext(1);
      const r = await owner.post('/api/assist/translate', { number: issue.number, from: 'zh', to: 'en', itemIds: [item.id] });
      assert.equal(r.statusCode, 200);
      const proposal = JSON.parse(/event: proposal\ndata: (.*)/.exec(r.body)![1]!);
      const blurb = proposal.fields.find((f: { field: string }) => f.field === 'blurb');
      assert.equal(blurb.after, '来自 Python Trending Weekly 的 `asyncio` [async](https://example.org/a) tutorial 🐍');
      assert.match(proposal.fields.find((f: { field: string }) => f.field === 'title').after, /^Python async/, 'the title is translated too');
      assert.match(r.body, /event: progress\ndata: \{"done":1,"total":1\}/);
      assert.equal((await draft()).issue.items.find((i) => i.id === item.id)!.texts.en?.blurb ?? '', '', 'nothing written');
    });

    test('a translation that breaks the Markdown is asked again, then reported', async () => {
      const broken = await startLlmStub((m) => m.at(-1)!.content.replace(/\]\([^)]*\)/g, ''));
      const other = await buildApp(store, { webDir: null, dataDir, now: () => clock, llm: new ChatClient({ baseUrl: broken.baseUrl, model: 'broken-1', sleep: async () => {} }) });
      try {
        const ed = await login(other, 'owner@example.com', 'correct horse battery');
        const { issue } = await draft(ed);
        const item = issue.items.find((i) => i.url === 'https://example.org/asyncio-guide')!;
        const r = await ed.post('/api/assist/translate', { number: issue.number, from: 'zh', to: 'en', itemIds: [item.id] });
        const failed = JSON.parse(/event: failed\ndata: (.*)/.exec(r.body)![1]!);
        assert.match(failed.error, /did not keep its Markdown: .*link missing: https:\/\/example\.org\/a/);
        assert.equal(broken.calls.length, 2, 'asked once more with the rule it broke');
        assert.match(broken.calls[1]!.messages[0]!.content, /Your last answer broke these rules/);
      } finally {
        await other.close();
        await broken.close();
      }
    });

    test('without a language model: blurbs fall back to the article, translation says what it needs', async () => {
      const other = await buildApp(store, { webDir: null, dataDir, now: () => clock });
      try {
        const ed = await login(other, 'owner@example.com', 'correct horse battery');
        const { issue } = await draft(ed);
        const item = issue.items.find((i) => i.url === 'https://example.org/asyncio-guide')!;
        const d = await ed.post('/api/assist/draft', { number: issue.number, lang: 'en', itemId: item.id });
        const done = JSON.parse(/event: done\ndata: (.*)/.exec(d.body)![1]!);
        assert.equal(done.source, 'extractive');
        assert.equal(done.text, 'A long guide to asyncio, with examples of task groups and timeouts in practice.');
        const t = await ed.post('/api/assist/translate', { number: issue.number, from: 'zh', to: 'en' });
        assert.equal(t.statusCode, 503);
        assert.match(t.json().error, /translation needs a language model: set PRESSROOM_LLM_BASE_URL/);
      } finally {
        await other.close();
      }
    });

    test('readers submit links on a public page that keeps bots out; submissions reach the inbox', async () => {
      const form = await app.inject('/submit');
      assert.equal(form.statusCode, 200);
      const token = /name="token" value="([^"]+)"/.exec(form.body)![1]!;
      const send = (fields: Record<string, string>) =>
        app.inject({ method: 'POST', url: '/submit', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
      const tooSoon = await send({ token, url: 'https://example.net/fast' });
      assert.equal(tooSoon.statusCode, 400, 'sent at once: a bot');
      clock = new Date(clock.getTime() + 5000);
      assert.equal((await send({ token, url: 'https://example.net/x', website: 'http://spam' })).statusCode, 400, 'the hidden field was filled');
      assert.equal((await send({ token: `${token}x`, url: 'https://example.net/x' })).statusCode, 400, 'a forged token');
      const bad = await send({ token, url: 'not a link' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /value="not a link"/, 'what they typed is kept');
      const ok = await send({ token, url: 'https://example.net/great-read', note: 'Worth it <script>x</script>' });
      assert.equal(ok.statusCode, 201);
      assert.match(ok.body, /谢谢！编辑会认真阅读/, 'the page speaks the publication\'s first language');
      assert.match(ok.body, /<html lang="zh">/);
      const limited = await send({ token, url: 'https://example.net/another' });
      assert.equal(limited.statusCode, 429);
      const inbox = (await owner.get('/api/inbox?q=great-read')).json();
      assert.equal(inbox.candidates.length, 1);
      assert.equal(inbox.candidates[0].submitted, true);
      assert.equal(inbox.candidates[0].note, 'Worth it <script>x</script>', 'kept as text; the app shows it escaped');
      const cross = await app.inject({ method: 'POST', url: '/submit', headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' }, payload: `token=${token}&url=https://x.example` });
      assert.equal(cross.statusCode, 403);
    });

    test('picking or adding a link an earlier issue featured says so, and still adds it', async () => {
      const url = 'https://example.org/third';
      await store.db.transaction().execute((tx) =>
        saveIssue(tx, pub.id, { number: 90, date: '2029-01-05', status: 'published', edition: 'full', editions: [{ lang: 'zh', edition: 'full', title: '旧的一期' }], items: [{ section: 'articles', position: 0, url, image: null, meta: {}, texts: { zh: { title: '第三篇', blurb: '' } } }] }),
      );
      const pick = await owner.post(`/api/candidates/${ids[url]}/pick`, {});
      assert.equal(pick.statusCode, 200, pick.body);
      assert.deepEqual(pick.json().warnings, ['already featured in #90']);
      const { issue, revision } = await draft();
      const added = await owner.post(`/api/issues/${issue.number}/items`, { url: 'https://example.org/third?utm_source=x', title: '第三篇', base: revision });
      assert.match(added.json().warnings.join(';'), /already featured in #90/);
    });
  });
}
