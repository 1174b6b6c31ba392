// Links in mail come from configuration, never from the request: a sign-in or confirmation mail
// asked for with a forged Host header still links to the configured site, and with no site
// address configured such mail is refused with a message saying what to set, and nothing is
// stored or sent. Sign-in links work once; a member's sessions can be revoked.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { effectivePublishing } from '../app/config.ts';
import { SmtpPool } from '../channels/email/smtp.ts';
import { partOf, startMailSink, type MailSink } from '../channels/email/test-smtp.ts';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { listMemberSessions, revokeMemberSessions } from '../store/members.ts';
import { updatePublication, usePublication } from '../store/publications.ts';
import { importSubscribers, subscriberByEmail } from '../store/subscribers.ts';
import { buildApp } from './app.ts';

const FORGED = ['evil.example', 'x//evil.example', 'evil.example:80/@x', 'weekly.example.com.evil.example'];

describe('links in mail', () => {
  let store: Store;
  let sink: MailSink;
  let pool: SmtpPool;
  let pubId: number;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-mail-links-'));
  const form = (app: FastifyInstance, url: string, body: Record<string, string>, host = 'weekly.example.com') =>
    app.inject({ method: 'POST', url, headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(body).toString() });

  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    pubId = (await usePublication(store.db)).id;
    await updatePublication(store.db, pubId, { ...testPublication(), publishing: { editions: { site: 'teaser' } } });
    await store.db.transaction().execute((tx) => saveIssue(tx, pubId, testIssue(1)));
    await importSubscribers(store.db, pubId, 'email,lang,member\npaid@example.com,zh,yes\n', new Date());
    sink = await startMailSink();
    pool = new SmtpPool({ url: sink.url, pool: 1 });
  });
  after(async () => {
    await pool?.close();
    await sink?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('with no site address configured, sign-in and subscribe mail are refused, whatever the Host says, and nothing is stored', async () => {
    const app = await buildApp(store, { webDir: null, mail: { pool }, formLimit: { max: 100, windowMs: 60_000 } });
    try {
      for (const host of FORGED) {
        const login = await form(app, '/members/login', { email: 'paid@example.com', lang: 'zh' }, host);
        assert.equal(login.statusCode, 503, host);
        assert.match(login.body, /publishing\.siteUrl 或 PRESSROOM_SITE_URL/);
        const sub = await form(app, '/subscribe', { email: 'new@example.com', lang: 'en' }, host);
        assert.equal(sub.statusCode, 503, host);
      }
      assert.equal(sink.received.length, 0, 'no mail went out');
      assert.equal(await subscriberByEmail(store.db, pubId, 'new@example.com'), undefined, 'no subscriber was stored');
    } finally {
      await app.close();
    }
  });

  test('with the site address configured, every mailed link is on it, and a forged Host changes nothing', async () => {
    const app = await buildApp(store, { webDir: null, mail: { pool }, config: { publishing: { siteUrl: 'https://weekly.example.com/weekly' } }, formLimit: { max: 100, windowMs: 60_000 } });
    try {
      for (const host of FORGED) {
        const before = sink.received.length;
        assert.equal((await form(app, '/members/login', { email: 'paid@example.com', lang: 'zh' }, host)).statusCode, 200);
        assert.equal((await form(app, '/subscribe', { email: `reader+${sink.received.length}@example.com`, lang: 'en' }, host)).statusCode, 200);
        await sink.waitFor(before + 2);
        for (const m of sink.received.slice(before)) {
          const text = partOf(m.raw, 'text/plain') + partOf(m.raw, 'text/html');
          const links = [...text.matchAll(/https?:\/\/[^\s"<>)]+/g)].map((x) => x[0]);
          assert.ok(links.length > 0, 'the mail has links');
          for (const l of links) assert.ok(l.startsWith('https://weekly.example.com/weekly/'), `${host}: ${l}`);
          assert.doesNotMatch(text, /evil/);
        }
      }
      // The redirect after signing in stays on the site, whatever the Host.
      const mail = sink.received.find((m) => m.to.includes('paid@example.com'))!;
      const token = /members\/verify\?t=([\w.-]+)/.exec(partOf(mail.raw, 'text/plain'))![1]!;
      const verify = await form(app, '/members/verify', { t: token }, 'x//evil.example');
      assert.equal(verify.statusCode, 303);
      assert.equal(verify.headers.location, '/weekly/');
      // Used once: the same link again is refused, and no second session is made.
      const again = await form(app, '/members/verify', { t: token });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /已经用过/);
      assert.equal((await listMemberSessions(store.db, pubId, 'paid@example.com')).length, 1);
      // Revoked (as `pressroom members revoke` does), the session's cookie is nobody's.
      const cookie = String(verify.headers['set-cookie']).split(';')[0]!;
      assert.match((await app.inject({ url: '/issues/1/', headers: { cookie } })).body, /data-edition="full"/);
      assert.equal(await revokeMemberSessions(store.db, pubId, { email: 'paid@example.com' }, new Date()), 1);
      assert.match((await app.inject({ url: '/issues/1/', headers: { cookie } })).body, /data-edition="teaser"/);
    } finally {
      await app.close();
    }
  });

  test('the site address resolves database, then file, then environment; a bad one is refused with what it is', () => {
    const pub = { ...testPublication(), publishing: { siteUrl: 'https://db.example.com' } };
    assert.equal(effectivePublishing(pub, {}, {}).siteUrl, 'https://db.example.com');
    assert.equal(effectivePublishing(pub, { publishing: { siteUrl: 'https://file.example.com/' } }, {}).siteUrl, 'https://file.example.com');
    assert.equal(effectivePublishing(pub, { publishing: { siteUrl: 'https://file.example.com' } }, { PRESSROOM_SITE_URL: 'https://env.example.com' }).siteUrl, 'https://env.example.com');
    assert.throws(() => effectivePublishing(pub, {}, { PRESSROOM_SITE_URL: 'javascript:alert(1)' }), /the site address "javascript:alert\(1\)" is not http or https/);
    assert.throws(() => effectivePublishing(pub, {}, { PRESSROOM_SITE_URL: 'weekly.example.com' }), /is not a URL/);
    // Editions merge channel by channel: the file's site edition over the database's feed edition.
    const both = effectivePublishing({ ...pub, publishing: { editions: { feed: 'teaser' } } }, { publishing: { editions: { site: 'teaser' } } }, {});
    assert.deepEqual(both.editions, { feed: 'teaser', site: 'teaser' });
  });
});
