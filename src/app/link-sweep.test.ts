// The archive's dead-link sweep against a local server with live, moved, dead, gone, failing and
// slow links: each gets its verdict; no host ever has more requests in flight than the client's
// limit; the slow one times out instead of holding the sweep; a sweep stopped half-way resumes and
// fetches nothing twice; the next sweep asks conditionally (304); the report lists by issue, with
// the Web Archive's address for a dead link as of the issue's date.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import type { Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { linkReport, sweepLinks } from './link-sweep.ts';
import { storeWithTestPublication, testIssue } from './test-fixtures.ts';

describe('the dead-link sweep', () => {
  let store: Store;
  let stored: StoredPublication;
  let web: TestServer;
  let fetcher: Fetcher;
  let inFlight = 0;
  let most = 0;
  const hung: (() => void)[] = [];
  const PATHS = ['/alive', '/moved', '/dead', '/gone', '/flaky', '/slow', '/alive2', '/alive3'];
  before(async () => {
    web = await startServer();
    const track = (h: (q: import('node:http').IncomingMessage, r: import('node:http').ServerResponse) => void) => (q: import('node:http').IncomingMessage, r: import('node:http').ServerResponse) => {
      most = Math.max(most, ++inFlight);
      r.on('close', () => inFlight--);
      h(q, r);
    };
    const page = (q: import('node:http').IncomingMessage, r: import('node:http').ServerResponse) => {
      if (q.headers['if-none-match'] === '"v1"') return void r.writeHead(304, { etag: '"v1"' }).end();
      r.writeHead(200, { 'content-type': 'text/html', etag: '"v1"' }).end('<p>here</p>');
    };
    web.route('/alive', track(page));
    web.route('/alive2', track(page));
    web.route('/alive3', track(page));
    web.route('/moved', track((_q, r) => void r.writeHead(301, { location: '/alive' }).end()));
    web.route('/dead', track((_q, r) => void r.writeHead(404).end('no')));
    web.route('/gone', track((_q, r) => void r.writeHead(410).end('gone')));
    web.route('/flaky', track((_q, r) => void r.writeHead(503).end('later')));
    // Never answers: the client's timeout ends it.
    web.route('/slow', track((_q, r) => void hung.push(() => r.end())));
    ({ store, stored } = await storeWithTestPublication());
    const issues = [testIssue(1), testIssue(2), testIssue(3)];
    const links = PATHS.map((p) => `${web.url}${p}`);
    // Eight links over three issues; the dead one is featured twice.
    issues[0]!.items.forEach((it, i) => (it.url = links[i]!));
    issues[1]!.items.forEach((it, i) => (it.url = links[3 + i]!));
    issues[2]!.items[0]!.url = links[6]!;
    issues[2]!.items[1]!.url = links[7]!;
    issues[2]!.items[2]!.url = `${web.url}/dead`;
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0, timeoutMs: 300, perHost: 2 });
  });
  after(async () => {
    for (const h of hung) h();
    await fetcher?.close();
    await web?.close();
    await store?.close();
  });

  const fetched = () => web.log.filter((l) => PATHS.includes(l.path)).length;

  test('stopped half-way it keeps what it checked; run again it goes on and fetches nothing twice', async () => {
    const stop = new AbortController();
    const first = await sweepLinks(store.db, stored, fetcher, { signal: stop.signal, concurrency: 2, onProgress: (p) => p.done >= 3 && stop.abort() });
    assert.equal(first.finished, false);
    assert.ok(first.done >= 3 && first.done < first.total, `${first.done} of ${first.total}`);
    const before = fetched();
    const second = await sweepLinks(store.db, stored, fetcher, { concurrency: 4 });
    assert.equal(second.finished, true);
    assert.equal(second.sweep.id, first.sweep.id, 'the same sweep, resumed');
    assert.equal(second.resumed, first.done);
    assert.equal(second.total, 8);
    // The moved link's request and its redirect's are two; every other link is one.
    const again = web.log.slice(-(fetched() - before)).map((l) => l.path);
    assert.equal(new Set(again).size, again.length - (again.includes('/moved') ? 1 : 0), `fetched twice: ${again}`);
    assert.ok(most <= 2, `${most} requests at once to one host; the limit is 2`);
  });

  test('each link gets its verdict, and the report lists them by issue with the archived copy', async () => {
    const r = await linkReport(store.db, stored);
    assert.equal(r.checked, 8);
    const one = r.issues.find((i) => i.issue === 1)!;
    const two = r.issues.find((i) => i.issue === 2)!;
    const three = r.issues.find((i) => i.issue === 3)!;
    const of = (i: typeof one, path: string) => i.links.find((l) => l.url === `${web.url}${path}`);
    assert.equal(of(one, '/moved')!.status, 'redirected');
    assert.equal(of(one, '/moved')!.finalUrl, `${web.url}/alive`);
    assert.equal(of(one, '/dead')!.status, 'dead');
    assert.equal(of(one, '/dead')!.archive, `https://web.archive.org/web/20250104000000/${web.url}/dead`);
    assert.equal(of(three, '/dead')!.archive, `https://web.archive.org/web/20250118000000/${web.url}/dead`, 'the same dead link, in each issue that had it');
    assert.equal(of(two, '/gone')!.status, 'dead');
    assert.equal(of(two, '/flaky')!.status, 'error', 'a 503 may come back: not dead');
    assert.match(of(two, '/slow')!.detail, /timed out|timeout/i);
    assert.equal(of(one, '/alive'), undefined, 'a live link is not reported');
  });

  test('the next sweep asks conditionally: an unchanged page answers 304', async () => {
    const before = web.log.length;
    const r = await sweepLinks(store.db, stored, fetcher);
    assert.equal(r.finished, true);
    assert.equal(r.resumed, 0, 'a new sweep, since the last finished');
    const alive = web.log.slice(before).filter((l) => l.path === '/alive2');
    assert.equal(alive.length, 1);
    assert.equal(alive[0]!.headers['if-none-match'], '"v1"');
  });
});
