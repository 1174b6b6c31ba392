// Publishing from the editor's API: the preflight stops an issue with an untitled item and asks
// for a click on warnings; the publish then runs in the background with its progress as events
// that end when it does, readable again after the fact; a schedule is kept.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PublishProgress } from '../app/publish-progress.ts';
import type { Preflight } from '../app/preflight.ts';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { startMailSink, type MailSink } from '../channels/email/test-smtp.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication } from '../store/publications.ts';
import { importSubscribers } from '../store/subscribers.ts';
import { buildApp } from './app.ts';
import { setupOwner, type Editor } from './test-session.ts';

const RECIPIENTS = 120;

describe('publishing from the editor', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-publishing-'));
  let store: Store;
  let sink: MailSink;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let editor: Editor;
  before(async () => {
    sink = await startMailSink();
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, testPublication());
    const issue = { ...testIssue(1), status: 'draft' as const };
    // An item without a Chinese title: it would be published as a bare "2、".
    issue.items[1]!.texts = { en: { title: 'Only in English', blurb: '' } };
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, issue));
    const rows = Array.from({ length: RECIPIENTS }, (_, i) => `reader${i}@example.com,zh`).join('\n');
    await importSubscribers(store.db, stored.id, `email,lang\n${rows}\n`, new Date());
    const pub = (await usePublication(store.db)).pub;
    app = await buildApp(store, {
      webDir: null,
      publish: { publishing: { siteUrl: 'https://weekly.example.com' }, siteUrl: 'https://weekly.example.com', secret: 'test-secret', smtp: { url: sink.url, pool: 2 } },
    });
    editor = await setupOwner(app);
    assert.ok(pub);
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an untitled item stops the publish, named; nothing goes out', async () => {
    const pre = (await editor.get('/api/issues/1/preflight')).json() as Preflight;
    assert.equal(pre.blocked, true);
    assert.ok(pre.findings.some((f) => f.level === 'block' && /no zh title/.test(f.what)), JSON.stringify(pre.findings));
    const r = await editor.post('/api/issues/1/publish', { channels: ['site', 'email'] });
    assert.equal(r.statusCode, 422);
    assert.equal(r.json().code, 'blocked');
    assert.equal(sink.received.length, 0);
    const issues = (await editor.get('/api/issues')).json() as { number: number; status: string }[];
    assert.equal(issues.find((i) => i.number === 1)!.status, 'draft');
  });

  test('once titled, warnings need a click; then the publish runs and its events end with every mail sent', async () => {
    const edit = (await editor.get('/api/issues/1/edit')).json() as { revision: number; issue: { items: { id: number; texts: Record<string, unknown> }[] } };
    const untitled = edit.issue.items.find((i) => !('zh' in i.texts))!;
    const ops = await editor.post('/api/issues/1/ops', { base: edit.revision, ops: [{ op: 'text', id: untitled.id, lang: 'zh', field: 'title', value: '只有英文的那篇' }] });
    assert.equal(ops.statusCode, 200, ops.body);
    const pre = (await editor.get('/api/issues/1/preflight')).json() as Preflight;
    assert.equal(pre.blocked, false, JSON.stringify(pre.findings));
    assert.match(pre.channels.find((c) => c.name === 'telegram')?.unconfigured ?? '', /no Telegram channel/, 'an unconfigured channel says why');
    assert.ok(pre.findings.some((f) => f.level === 'warn' && /site address is https:\/\/weekly\.example\.com/.test(f.what)), 'a placeholder site address is a warning');
    const unacknowledged = await editor.post('/api/issues/1/publish', { channels: ['site', 'email', 'telegram'] });
    assert.equal(unacknowledged.statusCode, 409);
    assert.equal(unacknowledged.json().code, 'warnings');

    sink.holdFrom(1);
    const started = await editor.post('/api/issues/1/publish', { channels: ['site', 'email', 'telegram'], acknowledged: true });
    assert.equal(started.statusCode, 202, started.body);
    await sink.waitForHeld(1);
    // Mid-campaign, a page opened now sees where it stands.
    const mid = (await editor.get('/api/issues/1/publish/progress')).json() as PublishProgress;
    assert.equal(mid.running, true);
    assert.deepEqual(mid.channels.find((c) => c.channel === 'email')?.status, 'running');
    assert.ok(mid.campaign && mid.campaign.total === RECIPIENTS && mid.campaign.sent < RECIPIENTS);
    // The event stream: progress as it goes, the last one with the publish over.
    const events = app.inject({ method: 'GET', url: '/api/issues/1/publish/events', headers: { cookie: editor.cookie } });
    sink.release();
    const body = (await events).body;
    const all = [...body.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!) as PublishProgress);
    const last = all.at(-1)!;
    assert.equal(last.running, false);
    assert.equal(last.status, 'published');
    assert.equal(last.campaign?.sent, RECIPIENTS);
    assert.deepEqual(Object.fromEntries(last.channels.map((c) => [c.channel, c.status])), { site: 'ok', email: 'ok', telegram: 'skipped' });
    assert.equal(sink.received.length, RECIPIENTS);
    const again = (await editor.get('/api/issues/1/publish/progress')).json() as PublishProgress;
    assert.equal(again.campaign?.sent, RECIPIENTS, 'after the fact, the numbers are still there');
  });

  test('a schedule is kept, and a time in the past is refused', async () => {
    const stored = await usePublication(store.db);
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, { ...testIssue(2), status: 'draft' }));
    const past = await editor.post('/api/issues/2/publish', { at: '2001-01-01T00:00:00Z', acknowledged: true, channels: ['site'] });
    assert.equal(past.statusCode, 400);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const r = await editor.post('/api/issues/2/publish', { at, acknowledged: true, channels: ['site', 'email'] });
    assert.equal(r.statusCode, 200, r.body);
    const issues = (await editor.get('/api/issues')).json() as { number: number; status: string; publishAt: string; channels: string }[];
    const two = issues.find((i) => i.number === 2)!;
    assert.deepEqual([two.status, two.publishAt, two.channels], ['scheduled', at, 'site,email']);
  });
});
