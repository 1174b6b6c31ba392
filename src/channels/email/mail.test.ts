import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../server/app.ts';
import { openStore, type Store } from '../../store/db.ts';
import { saveIssue } from '../../store/issues.ts';
import { updatePublication, usePublication, type StoredPublication } from '../../store/publications.ts';
import { signingSecret } from '../../store/settings.ts';
import { importSubscribers, listSubscribers, subscriberByEmail, suppress, suppressions } from '../../store/subscribers.ts';
import { sqliteDatabase, testDatabases } from '../../store/test-databases.ts';
import { testIssue, testPublication } from '../../app/test-fixtures.ts';
import { parseDsn } from './dsn.ts';
import { campaignProgress, createCampaign, runCampaign } from './outbox.ts';
import { SmtpPool, type SendError } from './smtp.ts';
import { header, partOf, startMailSink, type MailSink } from './test-smtp.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const SITE = 'https://weekly.example.com';

async function prepare(url: string): Promise<{ store: Store; stored: StoredPublication }> {
  const store = await openStore(url);
  const { id } = await usePublication(store.db);
  await updatePublication(store.db, id, testPublication());
  await store.db.transaction().execute(async (tx) => {
    await saveIssue(tx, id, testIssue(1));
    await saveIssue(tx, id, testIssue(2));
  });
  return { store, stored: await usePublication(store.db) };
}

for (const backend of await testDatabases()) {
  describe(`a campaign on ${backend.kind}`, { skip: backend.skip }, () => {
    let store: Store;
    let stored: StoredPublication;
    let sink: MailSink;
    before(async () => {
      ({ store, stored } = await prepare(await backend.create()));
      sink = await startMailSink();
    });
    after(async () => {
      await sink?.close();
      await store?.close();
      await backend.cleanup();
    });

    test('mails each active, unsuppressed subscriber once, in their language and edition, with one-click unsubscribe', async () => {
      const csv = 'email,lang,status,member,name\r\nann@example.com,zh,active,,Ann\r\nbob@example.com,en,active,yes,Bob\r\n"carol@example.com",en,pending,,\r\ndan@example.com,zh,unsubscribed,,\r\neve@example.com,zh,active,,\r\nnot-an-address,zh,active,,\r\n';
      const imported = await importSubscribers(store.db, stored.id, csv, new Date());
      assert.deepEqual([imported.added, imported.updated, imported.skipped.length], [5, 0, 1]);
      assert.match(imported.skipped[0]!.reason, /not an email address/);
      await suppress(store.db, stored.id, 'eve@example.com', 'complaint', 'test', new Date());

      const c = await createCampaign(store.db, stored, 1, new Date());
      assert.equal(c.total, 2, 'ann and bob: carol has not confirmed, dan left, eve complained');
      const seen: number[] = [];
      const done = await runCampaign(store, stored, c.id, { smtp: { url: sink.url, pool: 2 }, siteUrl: SITE, secret: 's3cret', onProgress: (p) => seen.push(p.sent) });
      assert.deepEqual([done.sent, done.failed, done.remaining, done.status], [2, 0, 0, 'done']);
      assert.equal(seen.at(-1), 2, 'progress reached the end');
      assert.equal(sink.received.length, 2);

      const ann = sink.to('ann@example.com')[0]!;
      assert.match(header(ann.raw, 'List-Unsubscribe')!, /^<https:\/\/weekly\.example\.com\/unsubscribe\?t=[\w.-]+>$/);
      assert.equal(header(ann.raw, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      assert.match(header(ann.raw, 'Subject')!, /=\?UTF-8\?B\?/i);
      const annText = partOf(ann.raw, 'text/plain');
      const annHtml = partOf(ann.raw, 'text/html');
      assert.match(annText, /Python 潮流周刊#1/);
      assert.match(annHtml, /<h1[^>]*>Python 潮流周刊#1/);
      assert.doesNotMatch(annText, /一篇讲/, 'a reader who is not a member gets the teaser');
      const link = /<([^>]+)>/.exec(header(ann.raw, 'List-Unsubscribe')!)![1]!;
      assert.ok(annText.includes(link) && annHtml.includes(link.replaceAll('&', '&amp;')), 'the same link is in both parts');

      const bob = sink.to('bob@example.com')[0]!;
      assert.match(partOf(bob.raw, 'text/plain'), /A long read on/, 'a member gets the full edition, in English');

      // Mailing the issue again resumes the same campaign: nobody gets a second copy.
      const again = await createCampaign(store.db, stored, 1, new Date());
      assert.equal(again.created, false);
      await runCampaign(store, stored, again.id, { smtp: { url: sink.url }, siteUrl: SITE, secret: 's3cret' });
      assert.equal(sink.received.length, 2);
    });

    test('the one-click POST unsubscribes; the address gets no further issue', async () => {
      const app = await buildApp(store, { webDir: null });
      try {
        const secret = await signingSecret(store.db);
        const sinkBefore = sink.received.length;
        const c = await createCampaign(store.db, stored, 2, new Date());
        await runCampaign(store, stored, c.id, { smtp: { url: sink.url }, siteUrl: SITE, secret });
        const mail = sink.to('ann@example.com').at(-1)!;
        const url = new URL(/<([^>]+)>/.exec(header(mail.raw, 'List-Unsubscribe')!)![1]!);
        // As a mail provider does it: a POST from elsewhere, no cookies, no origin of ours.
        const res = await app.inject({ method: 'POST', url: url.pathname + url.search, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.provider.example' }, payload: 'List-Unsubscribe=One-Click' });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal((await subscriberByEmail(store.db, stored.id, 'ann@example.com'))!.status, 'unsubscribed');
        const forged = await app.inject({ method: 'POST', url: `/unsubscribe?t=${url.searchParams.get('t')!.slice(0, -2)}xx`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
        assert.equal(forged.statusCode, 400);
        assert.equal(sink.received.length, sinkBefore + 2);
        assert.equal((await listSubscribers(store.db, stored.id, { status: 'active' })).some((s) => s.email === 'ann@example.com'), false);
      } finally {
        await app.close();
      }
    });

    test('a recipient the server refuses (550) fails and goes on the suppression list; the others still go', async () => {
      await importSubscribers(store.db, stored.id, 'email,lang\ngone@example.com,zh\nfine@example.com,zh\n', new Date());
      sink.reject.add('gone@example.com');
      await store.db.deleteFrom('campaigns').execute();
      const c = await createCampaign(store.db, stored, 2, new Date());
      const p = await runCampaign(store, stored, c.id, { smtp: { url: sink.url }, siteUrl: SITE, secret: 's' });
      const rows = await store.db.selectFrom('campaign_messages').select(['email', 'status', 'error', 'attempts']).where('campaign_id', '=', c.id).execute();
      assert.equal(p.failed, 1, `what the outbox holds: ${JSON.stringify(rows)}`);
      assert.equal(p.sent, p.total - 1);
      assert.ok((await suppressions(store.db, stored.id)).some((s) => s.email === 'gone@example.com' && s.reason === 'bounce'));
    });

    test('a mail server that refuses connections stops the campaign with every mail still queued, however many senders ran', async () => {
      await importSubscribers(store.db, stored.id, `email,lang\n${Array.from({ length: 40 }, (_, i) => `down${i}@example.com,zh`).join('\n')}\n`, new Date());
      await store.db.deleteFrom('campaigns').execute();
      const c = await createCampaign(store.db, stored, 2, new Date());
      // Eight senders (a pool of four): none may take up a mail another gave back and use up its attempts.
      for (let run = 0; run < 3; run++) {
        await assert.rejects(runCampaign(store, stored, c.id, { smtp: { url: 'smtp://127.0.0.1:1', pool: 4 }, siteUrl: SITE, secret: 's' }), /sending stopped: cannot connect to 127\.0\.0\.1:1/);
      }
      const p = (await campaignProgress(store.db, stored.id, 2))!;
      assert.deepEqual([p.sent, p.failed, p.remaining], [0, 0, p.total]);
    });
  });
}

describe('a campaign killed mid-way', () => {
  const backend = sqliteDatabase();
  let url: string;
  let sink: MailSink;
  const N = 2000;
  before(async () => {
    url = await backend.create();
    const { store, stored } = await prepare(url);
    const rows = Array.from({ length: N }, (_, i) => `reader${i}@example.com,${i % 4 ? 'zh' : 'en'},active`);
    await importSubscribers(store.db, stored.id, ['email,lang,status', ...rows].join('\n'), new Date());
    await store.close();
    sink = await startMailSink();
  });
  after(async () => {
    await sink?.close();
    await backend.cleanup();
  });

  const send = () => {
    const proc = spawn(process.execPath, [join(root, 'bin', 'pressroom.js'), 'campaign', 'send', '1', '--db', url], { env: { ...process.env, PRESSROOM_SMTP_URL: sink.url, PRESSROOM_SITE_URL: SITE }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (d: Buffer) => (err += d));
    const exited = new Promise<{ code: number | null; signal: string | null; err: string }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, err })));
    return { proc, exited };
  };

  /** Runs the sender until every connection waits on the answer to its final dot, then kills it. */
  const killInTheGap = async (dropOnClose: boolean) => {
    sink.holdFrom(sink.received.length + 500, { dropOnClose });
    const first = send();
    await Promise.race([sink.waitForHeld(4), first.exited.then((r) => Promise.reject(new Error(`the sender exited early: ${r.code} ${r.err}`)))]);
    const held = sink.held();
    first.proc.kill('SIGKILL');
    assert.equal((await first.exited).signal, 'SIGKILL');
    await sink.waitForClosed();
    sink.release();
    return held;
  };
  const progress = async () => {
    const store = await openStore(url);
    try {
      return (await campaignProgress(store.db, (await usePublication(store.db)).id, 1))!;
    } finally {
      await store.close();
    }
  };
  const counts = () => {
    const out = new Map<string, number>();
    for (const m of sink.received) for (const to of m.to) out.set(to, (out.get(to) ?? 0) + 1);
    return out;
  };

  test('killed between final dots and their answers, and the server kept none of those: restarted, every mail arrives once', async () => {
    const held = await killInTheGap(true);
    assert.ok(held >= 4, `${held} mails were waiting for their answer`);
    // Nothing the server did not accept is counted as sent.
    const mid = await progress();
    assert.ok(mid.sent <= sink.received.length, `${mid.sent} counted sent, ${sink.received.length} accepted`);
    const r = await send().exited;
    assert.equal(r.code, 0, r.err);
    const c = counts();
    assert.equal(c.size, N, 'every recipient got the issue');
    assert.deepEqual([...c].filter(([, n]) => n > 1), [], 'nobody got it twice');
    const p = await progress();
    assert.deepEqual([p.sent, p.failed, p.remaining, p.status], [N, 0, 0, 'done']);
    assert.equal(p.possiblyDuplicated, held, 'the mails in the gap were sent again and are reported as possibly duplicated');
  });
});

describe('a campaign killed in the gap, and the server kept what it was given', () => {
  const backend = sqliteDatabase();
  let url: string;
  let sink: MailSink;
  const N = 300;
  before(async () => {
    url = await backend.create();
    const { store, stored } = await prepare(url);
    await importSubscribers(store.db, stored.id, ['email,lang,status', ...Array.from({ length: N }, (_, i) => `r${i}@example.com,zh,active`)].join('\n'), new Date());
    await store.close();
    sink = await startMailSink();
  });
  after(async () => {
    await sink?.close();
    await backend.cleanup();
  });

  test('every copy a reader got twice is one the report counts as possibly duplicated', async () => {
    const send = () => {
      const proc = spawn(process.execPath, [join(root, 'bin', 'pressroom.js'), 'campaign', 'send', '1', '--db', url], { env: { ...process.env, PRESSROOM_SMTP_URL: sink.url, PRESSROOM_SITE_URL: SITE }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      proc.stdout!.on('data', (d: Buffer) => (out += d));
      proc.stderr!.on('data', (d: Buffer) => (err += d));
      return { proc, exited: new Promise<{ code: number | null; out: string; err: string }>((resolve) => proc.once('exit', (code) => resolve({ code, out, err }))) };
    };
    sink.holdFrom(100, { dropOnClose: false });
    const first = send();
    await sink.waitForHeld(4);
    first.proc.kill('SIGKILL');
    await first.exited;
    await sink.waitForClosed();
    sink.release();
    const r = await send().exited;
    assert.equal(r.code, 0, r.err);
    const twice = new Set<string>();
    const seen = new Set<string>();
    for (const m of sink.received) for (const to of m.to) (seen.has(to) ? twice : seen).add(to);
    assert.equal(seen.size, N);
    assert.ok(twice.size >= 1, 'the kept mails were sent again');
    const store = await openStore(url);
    try {
      const flagged = new Set((await store.db.selectFrom('campaign_messages').select('email').where('duplicate', '=', 1).execute()).map((x) => x.email));
      for (const to of twice) assert.ok(flagged.has(to), `${to} got two copies and is reported`);
      assert.match(r.out, new RegExp(`${flagged.size} possibly duplicated`));
    } finally {
      await store.close();
    }
  });
});

describe('bounce and complaint reports', () => {
  test('a DSN with a permanent failure is a bounce; a delay is not; an ARF report is a complaint', () => {
    const dsn = `From: MAILER-DAEMON@mx.example\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; Gone@Example.com\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\nFinal-Recipient: rfc822; slow@example.com\r\nAction: delayed\r\nStatus: 4.4.7\r\n--b--\r\n`;
    assert.deepEqual(parseDsn(dsn), [{ type: 'bounce', email: 'gone@example.com', detail: '5.1.1 smtp; 550 5.1.1 user unknown' }]);
    const arf = 'Content-Type: multipart/report; report-type=feedback-report\r\n\r\nFeedback-Type: abuse\r\nUser-Agent: Provider/1.0\r\nVersion: 1\r\nOriginal-Rcpt-To: <angry@example.com>\r\n';
    assert.deepEqual(parseDsn(arf), [{ type: 'complaint', email: 'angry@example.com', detail: 'abuse report' }]);
  });

  test('the webhook takes JSON events and DSN mails behind a bearer token', async () => {
    const backend = sqliteDatabase();
    const { store, stored } = await prepare(await backend.create());
    const app = await buildApp(store, { webDir: null, webhookSecret: 'hook-secret' });
    try {
      const none = await app.inject({ method: 'POST', url: '/hooks/mail-events', payload: [{ type: 'bounce', email: 'x@example.com' }] });
      assert.equal(none.statusCode, 401);
      const json = await app.inject({ method: 'POST', url: '/hooks/mail-events', headers: { authorization: 'Bearer hook-secret' }, payload: [{ type: 'complaint', email: 'a@example.com' }, { type: 'bounce', email: 'b@example.com', detail: '5.1.1' }] });
      assert.deepEqual(json.json(), { received: 2, suppressed: 2 });
      const bad = await app.inject({ method: 'POST', url: '/hooks/mail-events', headers: { authorization: 'Bearer hook-secret' }, payload: [{ type: 'opened', email: 'a@example.com' }] });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error, /"bounce" or "complaint"/);
      const dsn = await app.inject({ method: 'POST', url: '/hooks/mail-events', headers: { authorization: 'Bearer hook-secret', 'content-type': 'message/rfc822' }, payload: 'Final-Recipient: rfc822; c@example.com\nAction: failed\nStatus: 5.2.1\n' });
      assert.deepEqual(dsn.json(), { received: 1, suppressed: 1 });
      assert.deepEqual((await suppressions(store.db, stored.id)).map((s) => s.email).sort(), ['a@example.com', 'b@example.com', 'c@example.com']);
    } finally {
      await app.close();
      await store.close();
      await backend.cleanup();
    }
  });
});

describe('the SMTP pool', () => {
  test('a recipient refused at RCPT is never recorded as sent', async () => {
    const sink = await startMailSink();
    sink.reject.add('gone@example.com');
    const pool = new SmtpPool({ url: sink.url, pool: 1 });
    try {
      let recorded = 0;
      await assert.rejects(
        pool.send({ from: 'weekly@example.com', to: 'gone@example.com' }, 'Subject: hi\r\n\r\nbody\r\n', async () => void recorded++),
        (e: SendError) => e.responseCode === 550 && e.kind === 'permanent' && !e.afterCommit,
      );
      // nodemailer drains a refused message's stream to free it; that drain must not count as
      // sending. One turn of the event loop lets it run.
      await new Promise((r) => setImmediate(r));
      assert.equal(recorded, 0, 'the sent hook ran for a refused recipient');
      await pool.send({ from: 'weekly@example.com', to: 'fine@example.com' }, 'Subject: hi\r\n\r\nbody\r\n', async () => void recorded++);
      assert.equal(recorded, 1, 'the same connection sends the next mail, and records it');
    } finally {
      await pool.close();
      await sink.close();
    }
  });
});
