// The preflight's dead-link check: asked for (?links=1), it fetches every item's link and image
// through the one client and names each that cannot be reached, as a warning the editor's click
// gets past; asked without, it fetches nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Preflight } from '../app/preflight.ts';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication } from '../store/publications.ts';
import { buildApp } from './app.ts';
import { setupOwner, type Editor } from './test-session.ts';

describe('the preflight checks links when asked', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-preflight-links-'));
  let store: Store;
  let web: TestServer;
  let fetcher: Fetcher;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let editor: Editor;
  before(async () => {
    web = await startServer();
    web.route('/alive', (_q, r) => void r.writeHead(200, { 'content-type': 'text/html' }).end('<p>here</p>'));
    web.route('/moved', (_q, r) => void r.writeHead(301, { location: '/alive' }).end());
    web.route('/broken.png', (_q, r) => void r.writeHead(500).end('oops'));
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, testPublication());
    const issue = { ...testIssue(1), status: 'draft' as const };
    issue.items[0]!.url = `${web.url}/alive`;
    issue.items[0]!.image = `${web.url}/broken.png`;
    issue.items[1]!.url = `${web.url}/moved`;
    issue.items[2]!.url = `${web.url}/gone`;
    issue.items[2]!.texts.zh!.title = '已经消失的讨论';
    for (const i of issue.items.slice(3)) i.url = `${web.url}/alive`;
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, issue));
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
    app = await buildApp(store, { webDir: null, fetcher, publish: { publishing: { siteUrl: 'https://weekly.example.com' }, siteUrl: 'https://weekly.example.com', secret: 's' } });
    editor = await setupOwner(app);
  });
  after(async () => {
    await app?.close();
    await store?.close();
    await fetcher?.close();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('without ?links=1 nothing is fetched', async () => {
    const before = web.log.length;
    const pre = (await editor.get('/api/issues/1/preflight')).json() as Preflight;
    assert.equal(pre.linksChecked, false);
    assert.equal(web.log.length, before);
    assert.ok(!pre.findings.some((f) => /cannot be reached/.test(f.what)));
  });

  test('with it, a dead link and a broken image are warnings that name the item; a redirect is fine', async () => {
    const pre = (await editor.get('/api/issues/1/preflight?links=1')).json() as Preflight;
    assert.equal(pre.linksChecked, true);
    const dead = pre.findings.filter((f) => /cannot be reached/.test(f.what));
    assert.equal(dead.length, 2, JSON.stringify(dead));
    assert.ok(dead.every((f) => f.level === 'warn'));
    const gone = dead.find((f) => f.what.includes('/gone'))!;
    assert.match(gone.what, /the link of "已经消失的讨论" cannot be reached .*404/);
    assert.equal(gone.phrase, 'the link of "{item}" cannot be reached ({url}): {error}');
    assert.match(dead.find((f) => f.what.includes('broken.png'))!.what, /^the image of ".+" cannot be reached .*500/);
    assert.equal(pre.blocked, false, 'a dead link is for the editor to judge, not a stop');
  });
});
