import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { ChatClient } from '../llm/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { deliveries } from '../store/webhooks.ts';
import { savePost } from '../store/posts.ts';
import { callWebhook } from '../channels/webhooks/webhooks.ts';
import { openStore, type Store } from '../store/db.ts';
import { loadIssue, saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';
import { importSubscribers } from '../store/subscribers.ts';
import { sqliteDatabase } from '../store/test-databases.ts';
import { startMailSink, type MailSink } from '../channels/email/test-smtp.ts';
import { parseChannels, publishDue, publishIssue, schedulePublish, type PublishDeps } from './publish.ts';
import { splitMessage, TelegramClient, telegramHtml } from '../channels/telegram/telegram.ts';
import { testIssue, testPublication } from './test-fixtures.ts';

const body = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let b = '';
  req.on('data', (c: Buffer) => (b += c));
  req.on('end', () => resolve(b));
});

/** A stand-in for the Bot API: answers as its documentation says, and says 429 once when asked to. */
async function botApi(token: string) {
  const server = await startServer();
  const calls: { method: string; body: Record<string, unknown> }[] = [];
  let limitNext = 0;
  for (const method of ['sendMessage', 'sendPhoto'])
    server.route(`/bot${token}/${method}`, async (req, res) => {
      const b = JSON.parse(await body(req)) as Record<string, unknown>;
      if (limitNext > 0) {
        limitNext--;
        res.writeHead(429, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } }));
        return;
      }
      if (method === 'sendMessage' && String(b.text).length > 4096) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: message is too long' }));
        return;
      }
      calls.push({ method, body: b });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: calls.length, chat: { id: -100, type: 'channel' }, date: 0 } }));
    });
  return { server, calls, limit: (n: number) => void (limitNext = n) };
}

/** A Standard Webhooks secret: "whsec_" and base64. */
const SECRET = `whsec_${Buffer.from('a webhook signing key of 32 bytes').toString('base64')}`;

describe('Telegram', () => {
  test('escapes for HTML mode and keeps links and bold', () => {
    assert.equal(telegramHtml('**Weekly #1**\n1. [a <b> & c](https://x.example/?a=1&b=2) uses `x<y`'), '<b>Weekly #1</b>\n1. <a href="https://x.example/?a=1&amp;b=2">a &lt;b&gt; &amp; c</a> uses <code>x&lt;y</code>');
    assert.equal(telegramHtml('[bad](javascript:alert(1))'), 'bad)', 'only http links become links');
  });
  test('splits at paragraph ends under the limit', () => {
    const text = Array.from({ length: 30 }, (_, i) => `paragraph ${i} ${'x'.repeat(300)}`).join('\n\n');
    const parts = splitMessage(text, 4096);
    assert.ok(parts.length >= 3);
    assert.ok(parts.every((p) => p.length <= 4096));
    assert.equal(parts.join('\n\n'), text);
  });
  test('waits retry_after on 429 and tries again', async () => {
    const api = await botApi('T0K');
    try {
      const waits: number[] = [];
      const client = new TelegramClient({ token: 'T0K', baseUrl: api.server.url, sleep: async (ms) => void waits.push(ms) });
      api.limit(2);
      await client.call('sendMessage', { chat_id: '@c', text: 'hi' });
      assert.deepEqual(waits, [7000, 7000]);
      assert.equal(api.calls.length, 1);
    } finally {
      await api.server.close();
    }
  });
  test('an error names the method and the reason, never the token', async () => {
    const client = new TelegramClient({ token: 'SECRET-TOKEN', baseUrl: 'http://127.0.0.1:9', sleep: async () => {} });
    await assert.rejects(client.call('sendMessage', {}), (e: Error) => /sendMessage failed/.test(e.message) && !e.message.includes('SECRET-TOKEN'));
  });
});

describe('publish', () => {
  const backend = sqliteDatabase();
  let store: Store;
  let stored: StoredPublication;
  let sink: MailSink;
  let api: Awaited<ReturnType<typeof botApi>>;
  let hooks: TestServer;
  const hookBodies: Record<string, unknown[]> = { generic: [], slack: [], discord: [] };
  let dir: string;
  let deps: PublishDeps;
  let fetcher: Fetcher;
  const hookHeaders: Record<string, string>[] = [];
  const hookRaw: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pressroom-publish-'));
    store = await openStore(await backend.create());
    const { id } = await usePublication(store.db);
    sink = await startMailSink();
    api = await botApi('BOT');
    hooks = await startServer();
    for (const kind of Object.keys(hookBodies))
      hooks.route(`/${kind}`, async (req, res) => {
        const raw = await body(req);
        hookBodies[kind]!.push(JSON.parse(raw));
        if (kind === 'generic') (hookHeaders.push(req.headers as Record<string, string>), hookRaw.push(raw));
        res.writeHead(204).end();
      });
    execFileSync('git', ['init', '-q', '--bare', '-b', 'main', join(dir, 'remote.git')]);
    const pub = testPublication();
    pub.publishing = {
      ...pub.publishing,
      telegram: { chatId: '@weekly' },
      git: { dir: join(dir, 'archive'), remote: join(dir, 'remote.git'), branch: 'main' },
      webhooks: [
        { kind: 'generic', url: `${hooks.url}/generic` },
        { kind: 'slack', url: `${hooks.url}/slack` },
        { kind: 'discord', url: `${hooks.url}/discord`, lang: 'en' },
      ],
    };
    await updatePublication(store.db, id, pub);
    await store.db.transaction().execute(async (tx) => {
      for (const n of [1, 2, 3]) await saveIssue(tx, id, { ...testIssue(n), status: 'draft' });
    });
    stored = await usePublication(store.db);
    await savePost(store.db, id, { slug: '2030-06-01-sweekly', lang: 'zh', kind: 'compilation', date: '2030-06-01', title: '合集', body: "---\ntitle: '合集'\n---\n\n## [第1期](https://e.example.com/1)\n" });
    await importSubscribers(store.db, id, 'email,lang\nreader@example.com,zh\nmember@example.com,en\n', new Date());
    // Webhook receivers are on loopback here: the client is told so, as an operator would have to be.
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, sleep: async () => {} });
    deps = { publishing: pub.publishing, siteUrl: 'https://weekly.example.com', siteDir: join(dir, 'site'), secret: 's', smtp: { url: sink.url }, telegram: { token: 'BOT', baseUrl: api.server.url, sleep: async () => {} }, fetcher, webhookSecret: SECRET };
  });
  after(async () => {
    await sink?.close();
    await api?.server.close();
    await hooks?.close();
    await fetcher?.close();
    await store?.close();
    await backend.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  test('one publish reaches the site, the feeds, mail, Telegram, the Git archive and webhooks', async () => {
    const outcomes = await publishIssue(store, stored, 1, parseChannels(undefined), deps);
    assert.deepEqual(outcomes.map((o) => `${o.channel}:${o.status}`), ['site:ok', 'feed:ok', 'email:ok', 'telegram:ok', 'git:ok', 'webhooks:ok'], JSON.stringify(outcomes));
    assert.equal((await loadIssue(store.db, stored.id, 1))!.status, 'published');
    assert.match(readFileSync(join(dir, 'site', 'issues', '1', 'index.html'), 'utf8'), /Python 潮流周刊#1/);
    assert.equal(sink.received.length, 2);
    // Telegram: the cover with the title, then the teaser text.
    assert.deepEqual(api.calls.map((c) => c.method), ['sendPhoto', 'sendMessage']);
    assert.equal(api.calls[0]!.body.photo, 'https://img.example.org/1.png');
    assert.equal(api.calls[1]!.body.parse_mode, 'HTML');
    assert.match(String(api.calls[1]!.body.text), /<b>Python 潮流周刊#1：/);
    // Git: the archive's layout, the README's list, pushed.
    const clone = join(dir, 'clone');
    execFileSync('git', ['clone', '-q', join(dir, 'remote.git'), clone]);
    const date = testIssue(1).date;
    assert.match(readFileSync(join(clone, 'docs', `${date}-weekly.md`), 'utf8'), /^---\ntitle: 'Python 潮流周刊#1：/);
    assert.match(readFileSync(join(clone, 'docs', 'en', `${date}-weekly.md`), 'utf8'), /^# Python Trending Weekly #1: /);
    assert.match(readFileSync(join(clone, 'README.md'), 'utf8'), new RegExp(`- \\[#1 [^\\]]+\\]\\(docs/${date}-weekly\\.md\\) \\(${date}\\) · \\[en\\]\\(docs/en/${date}-weekly\\.md\\)`));
    assert.match(execFileSync('git', ['-C', clone, 'log', '--format=%s']).toString(), /^Issue #1: /);
    // Posts under their own file names, byte for byte.
    assert.equal(readFileSync(join(clone, 'docs', '2030-06-01-sweekly.md'), 'utf8'), "---\ntitle: '合集'\n---\n\n## [第1期](https://e.example.com/1)\n");
    // Webhooks in each kind's shape.
    assert.equal((hookBodies.generic![0] as { event: string; number: number }).event, 'issue.published');
    assert.match((hookBodies.slack![0] as { text: string }).text, /^<https:\/\/weekly\.example\.com\/issues\/1\/\|Python 潮流周刊#1/);
    assert.match((hookBodies.discord![0] as { content: string }).content, /Python Trending Weekly #1[\s\S]*https:\/\/weekly\.example\.com\/en\/issues\/1\//);
    // Signed as Standard Webhooks: a receiver with the secret checks id.timestamp.body.
    const h = hookHeaders[0]!;
    assert.equal(h['webhook-id'], `msg_${stored.pub.slug}_1_0`);
    const key = Buffer.from(SECRET.slice(6), 'base64');
    const want = `v1,${createHmac('sha256', key).update(`${h['webhook-id']}.${h['webhook-timestamp']}.${hookRaw[0]}`).digest('base64')}`;
    assert.equal(h['webhook-signature'], want);
    assert.ok(Math.abs(Number(h['webhook-timestamp']) - Date.now() / 1000) < 600);
    const log = await deliveries(store.db, stored.id, 1);
    assert.deepEqual(log.map((d) => [d.target, d.attempt, d.status, d.http_status]), [[`${hooks.url}/generic`, 1, 'ok', 204], [`${hooks.url}/slack`, 1, 'ok', 204], [`${hooks.url}/discord`, 1, 'ok', 204]]);
  });

  test('publishing again sends nothing twice', async () => {
    const outcomes = await publishIssue(store, stored, 1, parseChannels(undefined), deps);
    assert.deepEqual(outcomes.map((o) => `${o.channel}:${o.status}`), ['site:ok', 'feed:ok', 'email:ok', 'telegram:skipped', 'git:ok', 'webhooks:skipped']);
    assert.equal(sink.received.length, 2);
    assert.equal(api.calls.length, 2);
    assert.match(outcomes.find((o) => o.channel === 'git')!.detail, /nothing changed/);
  });

  test('a channel that fails is reported; the others still go', async () => {
    const outcomes = await publishIssue(store, stored, 2, ['email', 'telegram', 'git'], { ...deps, telegram: { token: 'WRONG', baseUrl: api.server.url, sleep: async () => {} } });
    assert.deepEqual(outcomes.map((o) => `${o.channel}:${o.status}`), ['email:ok', 'telegram:failed', 'git:ok']);
    assert.match(outcomes[1]!.detail, /telegram: sendMessage|telegram: sendPhoto/);
  });

  test('a scheduled publish survives a restart and goes out once when due', async () => {
    await schedulePublish(store, stored, 3, new Date('2030-01-01T08:00:00Z'), ['site', 'webhooks']);
    assert.deepEqual(await publishDue(store, stored, { ...deps, now: () => new Date('2029-12-31T00:00:00Z') }), [], 'not yet');
    // A new process: the schedule is read back from the database.
    const url = store.label;
    await store.close();
    store = await openStore(url);
    stored = await usePublication(store.db);
    assert.equal((await loadIssue(store.db, stored.id, 3))!.status, 'scheduled');
    const later = { ...deps, now: () => new Date('2030-01-01T08:00:01Z') };
    const [first, second] = await Promise.all([publishDue(store, stored, later), publishDue(store, stored, later)]);
    assert.equal(first.length + second.length, 1, 'two servers at once: one publishes');
    assert.equal((await loadIssue(store.db, stored.id, 3))!.status, 'published');
    assert.equal(hookBodies.generic!.length, 2);
  });

  test('webhooks retry what may pass, log each try, and keep to the private-address guard on every hop', async () => {
    let fails = 2;
    hooks.route('/flaky', (_q, res) => void (fails-- > 0 ? res.writeHead(503).end('busy') : res.writeHead(200).end('ok')));
    const inside = await startServer();
    let reachedInside = 0;
    inside.route('/admin', (_q, res) => void (reachedInside++, res.writeHead(200).end()));
    hooks.route('/bounce', (_q, res) => void res.writeHead(307, { location: `${inside.url}/admin` }).end());
    try {
      const a = { publication: 'p', number: 9, date: '2030-01-01', title: 't', url: 'https://weekly.example.com/issues/9/', summary: 's' };
      const tries: number[] = [];
      const ok = await callWebhook(fetcher, { kind: 'generic', url: `${hooks.url}/flaky` }, a, { id: 'msg_9', secret: SECRET, now: () => new Date(), onAttempt: async (t) => void tries.push(t.httpStatus ?? 0) });
      assert.deepEqual([ok.attempt, tries], [3, [503, 503, 200]]);
      // A 307 to another (here: internal) address is not followed with the POST.
      await assert.rejects(callWebhook(fetcher, { kind: 'generic', url: `${hooks.url}/bounce` }, a, { id: 'msg_9b', now: () => new Date() }), /answered 307 to http:\/\/127\.0\.0\.1:\d+\/admin; a POST is not sent on \(1 try\)/);
      assert.equal(reachedInside, 0);
      // With the guard as shipped (no private addresses), a hook on this machine is refused outright.
      const guarded = new Fetcher({ retries: 0 });
      try {
        await assert.rejects(callWebhook(guarded, { kind: 'generic', url: `${inside.url}/admin` }, a, { id: 'msg_9c', now: () => new Date() }), /127\.0\.0\.1 is a private or reserved address/);
        // Telegram and the language model use the same client: their configured host is trusted, nothing else.
        const tg = new TelegramClient({ token: 'BOT', baseUrl: `${hooks.url}`, fetcher: guarded, sleep: async () => {} });
        await assert.rejects(tg.call('getMe', {}), /cannot reach 127\.0\.0\.1:\d+: .*private or reserved address/);
        const llm = new ChatClient({ baseUrl: `${inside.url}/v1`, model: 'm', retries: 0, fetcher: guarded });
        await assert.rejects(llm.complete([{ role: 'user', content: 'hi' }]), /127\.0\.0\.1 is a private or reserved address/);
      } finally {
        await guarded.close();
      }
      assert.equal(reachedInside, 0);
    } finally {
      await inside.close();
    }
  });

  test('an issue with no items cannot be published, and says why', async () => {
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, { ...testIssue(4), status: 'draft', items: [] }));
    await assert.rejects(publishIssue(store, stored, 4, ['site'], deps), /issue #4 cannot go out: it has no items/);
    assert.throws(() => parseChannels('site,fax'), /unknown channel "fax"/);
  });
});
