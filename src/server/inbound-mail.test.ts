// Newsletters posted to the editor's API as a file (message/rfc822), as a script on the mail
// server or a provider's "forward as raw" hook sends them: the body is the message's bytes, so a
// Chinese newsletter sent 8bit in GBK keeps its words, and a newsletter of a few megabytes (HTML
// with inline styles) is taken like the SMTP listener takes it, up to the same limit. The post
// needs the editor's session and token like every other write.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { rankedCandidates } from '../app/candidates.ts';
import { MAX_MAIL_BYTES } from '../app/newsletters.ts';
import { upsertSource } from '../store/sources.ts';
import { appWithOwner } from './test-session.ts';

describe('a newsletter posted to /api/inbound/mail', () => {
  const t = appWithOwner('inbound');
  before(() => upsertSource(t.store.db, t.stored.id, { kind: 'newsletter', url: 'editor@cn-weekly.example', title: 'CN weekly' }));
  const head = (charset: string) =>
    `From: CN weekly <editor@cn-weekly.example>\r\nTo: inbox@pressroom.example.com\r\nSubject: =?UTF-8?B?5ZGo5YiK?=\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=${charset}\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`;
  const post = (raw: Buffer, o: { csrf?: boolean } = {}) => t.owner.post('/api/inbound/mail', undefined, { raw, type: 'message/rfc822', ...o });
  const titleOf = async (url: string) => (await rankedCandidates(t.store.db, t.stored.id, { status: 'all' })).find((c) => c.url === url)?.title;

  test('an 8bit GBK message keeps its Chinese', async () => {
    const gbk = Buffer.from([0xd2, 0xec, 0xb2, 0xbd, 0xbd, 0xcc, 0xb3, 0xcc]); // 异步教程, not UTF-8
    const raw = Buffer.concat([Buffer.from(`${head('gbk')}<p><a href="https://cn.example.org/async">`), gbk, Buffer.from('</a></p>\r\n')]);
    const r = await post(raw);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.json().status, 'collected');
    assert.equal(await titleOf('https://cn.example.org/async'), '异步教程');
  });

  test('a newsletter of a few megabytes is taken; one past the limit is refused, naming both sizes', async () => {
    const padding = `<p style="${'color:#333;'.repeat(40)}">${'Filler text of a long issue. '.repeat(20)}</p>\r\n`;
    const big = Buffer.from(`${head('utf-8')}<p><a href="https://cn.example.org/big">A long issue's lead</a></p>\r\n${padding.repeat(Math.ceil((3 << 20) / padding.length))}`);
    assert.ok(big.length > 3 << 20);
    const r = await post(big);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(await titleOf('https://cn.example.org/big'), "A long issue's lead");
    const huge = Buffer.concat([big, Buffer.alloc(MAX_MAIL_BYTES, 0x20)]);
    const refused = await post(huge);
    assert.equal(refused.statusCode, 413);
    assert.match(refused.json().error, /over 10 MB, the most \/api\/inbound\/mail takes/);
  });

  test('without the session token nothing is taken', async () => {
    const raw = Buffer.from(`${head('utf-8')}<p><a href="https://cn.example.org/forged">Forged</a></p>\r\n`);
    assert.equal((await post(raw, { csrf: false })).statusCode, 403);
    assert.equal(await titleOf('https://cn.example.org/forged'), undefined);
  });
});
