// Newsletters into the inbox, from a real MIME message (multipart/alternative, quoted-printable
// HTML and text, an encoded subject) written for this test: an allowed sender's links become
// candidates with the words around them; tracking redirects are unwrapped (a url= parameter, a
// Substack-style base64 token), tracking parameters dropped; view-in-browser, unsubscribe, social,
// footer and home-page links left out. A stranger's mail is held, whole; allowing the sender
// makes the source and takes in what was held; dropping deletes it. Through the inbound SMTP
// listener too, sent by nodemailer over loopback.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { startInboundSmtp } from '../server/inbound-smtp.ts';
import { rankedCandidates } from './candidates.ts';
import type { Store } from '../store/db.ts';
import { listSources, upsertSource } from '../store/sources.ts';
import type { StoredPublication } from '../store/publications.ts';
import { sourcesHealth } from './sources.ts';
import { allowSender, dropHeldMail, heldLinks, listHeld, receiveMail } from './newsletters.ts';
import { storeWithTestPublication } from './test-fixtures.ts';

const eml = (name: string) => readFileSync(join(import.meta.dirname, '..', 'sources', 'newsletter', 'testdata', name), 'utf8');

describe('newsletters into the inbox', () => {
  let store: Store;
  let stored: StoredPublication;
  before(async () => {
    ({ store, stored } = await storeWithTestPublication());
  });
  after(() => store?.close());

  const urls = async () => (await rankedCandidates(store.db, stored.id, { status: 'all' })).map((c) => c.url).sort();

  test('a stranger\'s mail is held, whole, and nothing of it reaches the inbox', async () => {
    const r = await receiveMail(store.db, stored, eml('stranger.eml'));
    assert.deepEqual([r.status, r.sender], ['held', 'someone@unknown.example.org']);
    assert.deepEqual(await urls(), []);
    const held = await listHeld(store.db, stored);
    assert.deepEqual(held.map((h) => [h.sender, h.subject]), [['someone@unknown.example.org', 'Buy now']]);
    // What allowing it would bring in, shown before anything is taken in.
    assert.deepEqual(await heldLinks(store.db, stored, held[0]!.id), [{ url: 'https://shop.unknown.example.org/deal', title: 'Visit today.' }]);
    assert.deepEqual(await urls(), []);
    await dropHeldMail(store.db, stored, held[0]!.id);
    assert.deepEqual(await listHeld(store.db, stored), []);
    await assert.rejects(heldLinks(store.db, stored, held[0]!.id), /no held mail #\d+/);
  });

  test('past the limit of held mail, more from strangers is refused and nothing of it stored', async () => {
    const { MAX_HELD } = await import('./newsletters.ts');
    const raw = eml('stranger.eml');
    await store.db.insertInto('held_mail').values(Array.from({ length: MAX_HELD }, (_, i) => ({ publication_id: stored.id, sender: `s${i}@x.example`, subject: 's', received_at: new Date().toISOString(), raw }))).execute();
    await assert.rejects(receiveMail(store.db, stored, raw), /500 mails from senders not on the allow list are held already/);
    assert.equal((await listHeld(store.db, stored)).length, MAX_HELD);
    await store.db.deleteFrom('held_mail').execute();
  });

  test('past the size limit of held mail, a message is refused by its size and sender, and nothing of it stored', async () => {
    const raw = eml('stranger.eml');
    const limits = { mails: 500, chars: raw.length * 2 + 10 };
    await receiveMail(store.db, stored, raw, new Date(), limits);
    await receiveMail(store.db, stored, raw, new Date(), limits);
    await assert.rejects(receiveMail(store.db, stored, raw, new Date(), limits), new RegExp(`the mail held from senders not on the allow list is ${raw.length * 2} bytes already, and this message from someone@unknown\\.example\\.org \\(${raw.length} bytes\\) would take it past ${limits.chars} bytes`));
    assert.equal((await listHeld(store.db, stored)).length, 2, 'the refused one is not held');
    await store.db.deleteFrom('held_mail').execute();
  });

  test('held until allowed; then the sender is a source and its links are candidates, unwrapped, without the footer', async () => {
    const first = await receiveMail(store.db, stored, eml('digest.eml'));
    assert.equal(first.status, 'held');
    const r = await allowSender(store.db, stored, (first as { id: number }).id);
    assert.equal(r.sender, 'digest@news.example.net', 'the address, in lower case');
    assert.ok((await listSources(store.db, stored.id)).some((s) => s.kind === 'newsletter' && s.url === 'digest@news.example.net' && s.title === 'Python Digest'));
    // Its last mail shows where a feed shows its last fetch, and it is never "collected now".
    const [health] = (await sourcesHealth(store.db, stored)).filter((s) => s.kind === 'newsletter');
    assert.deepEqual([health!.state, health!.pushed, health!.lastFetchedAt !== null], ['ok', true, true]);
    assert.deepEqual(await urls(), ['https://blog.example.org/python-3-14-whats-new', 'https://github.com/example/fastjson', 'https://peps.python.org/pep-0779', 'https://realpython.example.com/async-io']);
    const pep = (await rankedCandidates(store.db, stored.id, { status: 'all' })).find((c) => c.url.includes('pep-0779'))!;
    assert.equal(pep.title, 'PEP 779: Criteria for supported status for free-threaded Python');
    assert.match(pep.summary, /steering council explains/);
    // A title followed by its blurb: the preview is the blurb, not the title said twice.
    const whatsNew = (await rankedCandidates(store.db, stored.id, { status: 'all' })).find((c) => c.url.includes('python-3-14'))!;
    assert.deepEqual([whatsNew.title, whatsNew.summary], ["What's new in Python 3.14", 'Template strings, deferred annotations and a new REPL, with examples.']);
    assert.deepEqual(await listHeld(store.db, stored), []);
    // The next issue of the same newsletter goes straight in.
    const again = await receiveMail(store.db, stored, eml('digest.eml'));
    assert.deepEqual([again.status, (again as { created: number }).created], ['collected', 0]);
  });

  test("a sender whose source the editor switched off is held; allowing it switches the source on, with the editor's name and weight", async () => {
    const { id } = await upsertSource(store.db, stored.id, { kind: 'newsletter', url: 'someone@unknown.example.org', title: 'My name for it', weight: 3, enabled: false });
    const held = await receiveMail(store.db, stored, eml('stranger.eml'));
    assert.equal(held.status, 'held', 'a switched-off source takes nothing in');
    await allowSender(store.db, stored, (held as { id: number }).id);
    const source = (await listSources(store.db, stored.id)).find((s) => s.id === id)!;
    assert.deepEqual([source.enabled, source.title, source.weight], [true, 'My name for it', 3]);
    assert.equal((await receiveMail(store.db, stored, eml('stranger.eml'))).status, 'collected');
  });

  test('a directory of links past the limit: the first 500 are taken, and the rest are counted, not lost silently', async () => {
    const { MAX_LINKS } = await import('./newsletters.ts');
    await upsertSource(store.db, stored.id, { kind: 'newsletter', url: 'list@directory.example', title: 'Directory' });
    const links = Array.from({ length: MAX_LINKS + 10 }, (_, i) => `<li><a href="https://dir.example.org/tool/${i}">Tool number ${i}</a>: does a thing.</li>`).join('');
    const raw = `From: list@directory.example\r\nTo: inbox@pressroom.example.com\r\nSubject: Everything\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<ul>${links}</ul>\r\n`;
    const r = await receiveMail(store.db, stored, raw);
    assert.deepEqual(r.status === 'collected' ? [r.links, r.created, r.beyond] : r, [MAX_LINKS, MAX_LINKS, 10]);
    const taken = (await urls()).filter((u) => u.startsWith('https://dir.example.org/'));
    assert.equal(taken.length, MAX_LINKS);
    assert.ok(taken.includes('https://dir.example.org/tool/0') && !taken.includes(`https://dir.example.org/tool/${MAX_LINKS}`), 'the first ones, in the mail\'s order');
  });

  test('an 8bit GBK newsletter keeps its Chinese: taken in directly, and held then allowed', async () => {
    const gbk = Buffer.from([0xd2, 0xec, 0xb2, 0xbd, 0xbd, 0xcc, 0xb3, 0xcc]); // 异步教程 in GBK, which is not UTF-8
    const message = (from: string, n: number) =>
      Buffer.concat([
        Buffer.from(`From: ${from}\r\nTo: inbox@pressroom.example.com\r\nSubject: =?UTF-8?B?5ZGo5YiK?=\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p><a href="https://cn.example.org/${n}">`),
        gbk,
        Buffer.from('</a></p>\r\n'),
      ]);
    const title = async (n: number) => (await rankedCandidates(store.db, stored.id, { status: 'all' })).find((c) => c.url === `https://cn.example.org/${n}`)?.title;
    await upsertSource(store.db, stored.id, { kind: 'newsletter', url: 'zh@cn-weekly.example', title: 'CN weekly' });
    assert.equal((await receiveMail(store.db, stored, message('zh@cn-weekly.example', 1))).status, 'collected');
    assert.equal(await title(1), '异步教程');
    const held = await receiveMail(store.db, stored, message('stranger@cn-other.example', 2));
    assert.equal(held.status, 'held');
    assert.deepEqual(await heldLinks(store.db, stored, (held as { id: number }).id), [{ url: 'https://cn.example.org/2', title: '异步教程' }]);
    await allowSender(store.db, stored, (held as { id: number }).id);
    assert.equal(await title(2), '异步教程', 'held as bytes, read as GBK once allowed');
  });

  test('through the inbound SMTP listener: a domain on the allow list takes any of its senders', async () => {
    await upsertSource(store.db, stored.id, { kind: 'newsletter', url: '@letters.example.com', title: 'Letters' });
    const got: string[] = [];
    const inbound = await startInboundSmtp({ store, publication: async () => stored, port: 0, onMail: (o) => got.push(o.status) });
    try {
      const t = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
      await t.sendMail({ from: 'Weekly Letters <editor@letters.example.com>', to: 'inbox@pressroom.example.com', subject: 'Letters #7', text: 'Read', html: '<p>Worth a read: <a href="https://docs.example.com/guide/typing">A guide to typing in Python</a>, with exercises.</p><p><a href="https://letters.example.com/unsubscribe">Unsubscribe</a></p>' });
      // Its Chinese edition, 8bit GBK as such servers send it: the listener hands on bytes, not UTF-8 guesses.
      const gbk = Buffer.concat([Buffer.from('From: editor@letters.example.com\r\nTo: inbox@pressroom.example.com\r\nSubject: zh\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p><a href="https://docs.example.com/zh/async">'), Buffer.from([0xd2, 0xec, 0xb2, 0xbd, 0xbd, 0xcc, 0xb3, 0xcc]), Buffer.from('</a></p>\r\n')]);
      await t.sendMail({ envelope: { from: 'editor@letters.example.com', to: ['inbox@pressroom.example.com'] }, raw: gbk });
      t.close();
    } finally {
      await inbound.close();
    }
    assert.deepEqual(got, ['collected', 'collected']);
    assert.ok((await urls()).includes('https://docs.example.com/guide/typing'));
    assert.equal((await rankedCandidates(store.db, stored.id, { status: 'all' })).find((c) => c.url === 'https://docs.example.com/zh/async')?.title, '异步教程');
    assert.ok(!(await urls()).some((u) => u.includes('unsubscribe')));
  });

  test("through the listener, a stranger's mail when held mail is full is deferred (452), so the sender tries again; a broken one is refused (554)", async () => {
    const { MAX_HELD } = await import('./newsletters.ts');
    await store.db.insertInto('held_mail').values(Array.from({ length: MAX_HELD }, (_, i) => ({ publication_id: stored.id, sender: `s${i}@x.example`, subject: 's', received_at: new Date().toISOString(), raw: 's' }))).execute();
    const inbound = await startInboundSmtp({ store, publication: async () => stored, port: 0 });
    const t = nodemailer.createTransport({ host: '127.0.0.1', port: inbound.port, secure: false, ignoreTLS: true });
    try {
      await assert.rejects(t.sendMail({ from: 'new@fresh-letter.example', to: 'inbox@pressroom.example.com', subject: 'First issue', text: 'https://fresh-letter.example/1' }), (e: { responseCode?: number; response?: string }) => {
        assert.equal(e.responseCode, 452);
        assert.match(e.response ?? '', /500 mails from senders not on the allow list are held already/);
        return true;
      });
      await assert.rejects(t.sendMail({ envelope: { from: 'x@y.example', to: ['inbox@pressroom.example.com'] }, raw: 'not a mail at all' }), (e: { responseCode?: number }) => e.responseCode === 554);
    } finally {
      t.close();
      await inbound.close();
      await store.db.deleteFrom('held_mail').execute();
    }
  });
});
