// Readers, counted with their privacy. Clicks: off by default (links in mail go straight to their
// targets, and the footer says nothing); on, each link goes through a signed redirect that names
// no reader, and the footer says clicks are counted; an unsigned or altered target is refused with
// a 400 and no redirect. Feed readers: counted by the service their requests name, with the
// subscribers it reports; a browser is not counted. Per campaign: delivered, failed, and among its
// recipients since, bounces, complaints and unsubscribes.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { readerStats } from '../app/reader-stats.ts';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { createCampaign, runCampaign } from '../channels/email/outbox.ts';
import { partOf, startMailSink, type MailSink } from '../channels/email/test-smtp.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';
import { signingSecret } from '../store/settings.ts';
import { importSubscribers, subscriberByEmail, suppress, unsubscribe } from '../store/subscribers.ts';
import { buildApp } from './app.ts';

const SITE = 'https://weekly.example.com';

describe('readers, counted with their privacy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-readers-'));
  let store: Store;
  let stored: StoredPublication;
  let sink: MailSink;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let secret: string;
  const setClicks = async (countClicks: boolean) => {
    await updatePublication(store.db, stored.id, { ...testPublication(), publishing: { siteUrl: SITE, editions: { email: 'full' }, countClicks } });
    stored = await usePublication(store.db);
  };
  const mailOf = (to: string) => partOf(sink.received.filter((m) => m.to.includes(to)).at(-1)!.raw, 'text/html');
  before(async () => {
    sink = await startMailSink();
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, { ...testPublication(), publishing: { siteUrl: SITE, editions: { email: 'full' } } });
    await store.db.transaction().execute(async (tx) => {
      for (const n of [1, 2]) await saveIssue(tx, stored.id, testIssue(n));
    });
    await importSubscribers(store.db, stored.id, 'email,lang\nann@example.com,zh\nbob@example.com,zh\ncat@example.com,zh\n', new Date());
    secret = await signingSecret(store.db);
    app = await buildApp(store, { webDir: null, dataDir: dir });
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await sink?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const send = async (issue: number) => {
    const c = await createCampaign(store.db, stored, issue, new Date());
    return runCampaign(store, stored, c.id, { smtp: { url: sink.url }, siteUrl: SITE, secret });
  };

  test('off by default: links go straight to their targets and the footer says nothing of clicks', async () => {
    await send(1);
    const mail = mailOf('ann@example.com');
    assert.match(mail, /href="https:\/\/blog\.example\.org\/1\/guide"/);
    assert.doesNotMatch(mail, /\/r\//);
    assert.doesNotMatch(mail, /counted/);
  });

  test('on: each link a signed redirect naming no reader; followed it counts and goes; altered or unsigned it is refused', async () => {
    await setClicks(true);
    await send(2);
    const ann = mailOf('ann@example.com');
    const bob = mailOf('bob@example.com');
    assert.match(ann, /点击次数会被统计|counted/);
    const links = [...ann.matchAll(/href="(https:\/\/weekly\.example\.com\/r\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(links.length >= 3, `${links.length} counted links`);
    // The same link for every reader: it cannot tell them apart.
    assert.ok(links.every((l) => bob.includes(l)), 'a reader\'s links are everyone\'s');
    const path = new URL(links[0]!).pathname;
    const r = await app.inject(path);
    assert.equal(r.statusCode, 302);
    assert.equal(r.headers.location, 'https://blog.example.org/2/guide');
    await app.inject(path);
    // An altered target: the signed body is changed, the signature kept.
    const [body, sig] = path.slice(3).split('.');
    const forged = Buffer.from(Buffer.from(body!, 'base64url').toString().replace('blog.example.org', 'evil.example.net')).toString('base64url');
    const bad = await app.inject(`/r/${forged}.${sig}`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.headers.location, undefined);
    assert.equal((await app.inject('/r/https%3A%2F%2Fevil.example.net')).statusCode, 400);
    const stats = await readerStats(store.db, stored);
    assert.deepEqual(stats.clicks.find((c) => c.url === 'https://blog.example.org/2/guide'), { issue: 2, url: 'https://blog.example.org/2/guide', clicks: 2 });
  });

  test('feed readers by the service their requests name, with the subscribers it reports', async () => {
    await app.inject({ url: '/feed.xml', headers: { 'user-agent': 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 123 subscribers; )' } });
    await app.inject({ url: '/feed.xml', headers: { 'user-agent': 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 125 subscribers; )' } });
    await app.inject({ url: '/en/feed.json', headers: { 'user-agent': 'Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 7 subscribers; )' } });
    await app.inject({ url: '/feed.xml', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' } });
    const { feedReaders } = await readerStats(store.db, stored);
    assert.deepEqual(feedReaders.map((f) => [f.reader, f.feed, f.requests, f.subscribers]), [
      ['Feedly', '/feed.xml', 2, 125],
      ['Inoreader', '/en/feed.json', 1, 7],
    ]);
  });

  test('per campaign: delivered, and among its recipients since, bounces, complaints and unsubscribes', async () => {
    const now = new Date(Date.now() + 1000);
    await suppress(store.db, stored.id, 'ann@example.com', 'bounce', '550 no such user', now);
    await suppress(store.db, stored.id, 'bob@example.com', 'complaint', 'ARF', now);
    await unsubscribe(store.db, stored.id, (await subscriberByEmail(store.db, stored.id, 'cat@example.com'))!.id, now);
    const { campaigns } = await readerStats(store.db, stored);
    const two = campaigns.find((c) => c.issue === 2)!;
    assert.deepEqual([two.delivered, two.failed, two.bounced, two.complaints, two.unsubscribed], [3, 0, 1, 1, 1]);
    const one = campaigns.find((c) => c.issue === 1)!;
    assert.deepEqual([one.delivered, one.bounced, one.complaints, one.unsubscribed], [3, 0, 0, 0], 'what happened after the next campaign began is that one\'s');
  });
});
