// What every response tells the browser, and whom the server believes about the client: a strict
// Content-Security-Policy everywhere, HSTS and Secure cookies over TLS (as a trusted proxy reports
// it), and X-Forwarded-For only from the proxies configured.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication } from '../store/publications.ts';
import { buildApp, trustedProxies } from './app.ts';

describe('headers and proxies', () => {
  let store: Store;
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-headers-'));
  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    const { id } = await usePublication(store.db);
    await updatePublication(store.db, id, { ...testPublication(), publishing: { siteUrl: 'https://weekly.example.com' } });
    await store.db.transaction().execute((tx) => saveIssue(tx, id, testIssue(1)));
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('every page and the editor carry a policy that runs no inline script and frames nothing of ours', async () => {
    const app = await buildApp(store, { webDir: null });
    try {
      for (const url of ['/', '/issues/1/', '/search/?q=x', '/editor/', '/submit', '/api/session', '/feed.xml']) {
        const r = await app.inject(url);
        const csp = String(r.headers['content-security-policy'] ?? '');
        assert.match(csp, /script-src 'self'(;|$)/, `${url}: ${csp}`);
        assert.match(csp, /object-src 'none'/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.match(csp, /base-uri 'none'/);
      }
      // A static copy carries the policy in its pages, as its host may send none.
      assert.match((await app.inject('/')).body.replaceAll('&#39;', "'"), /<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self';/);
    } finally {
      await app.close();
    }
  });

  test('over TLS through a trusted proxy: HSTS and Secure cookies; plain HTTP or an untrusted hop: neither', async () => {
    const app = await buildApp(store, { webDir: null, trustProxy: '127.0.0.1' });
    try {
      const viaProxy = await app.inject({ url: '/', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(viaProxy.headers['strict-transport-security'], 'max-age=31536000');
      const setup = await app.inject({ method: 'POST', url: '/api/setup', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-proto': 'https' }, payload: { email: 'owner@example.com', password: 'correct horse battery' } });
      assert.equal(setup.statusCode, 200, setup.body);
      assert.match(String(setup.headers['set-cookie']), /; Secure/);
      // The same header from a client that is not the proxy is not believed.
      const forged = await app.inject({ url: '/', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-proto': 'https' } });
      assert.equal(forged.headers['strict-transport-security'], undefined);
    } finally {
      await app.close();
    }
  });

  test('X-Forwarded-For counts only through a configured proxy: a client cannot spread its own guesses over made-up addresses', async () => {
    for (const trust of ['1', '10.0.0.5']) {
      const app = await buildApp(store, { webDir: null, trustProxy: trust, formLimit: { max: 3, windowMs: 60_000 } });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 6; i++) {
          const r = await app.inject({ method: 'POST', url: '/members/login', remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=nobody%40example.com&lang=en' });
          codes.push(r.statusCode);
        }
        assert.deepEqual(codes, [200, 200, 200, 429, 429, 429], `PRESSROOM_TRUST_PROXY=${trust}`);
      } finally {
        await app.close();
      }
    }
    // Through the configured proxy, each client is its own.
    const app = await buildApp(store, { webDir: null, trustProxy: '10.0.0.5', formLimit: { max: 3, windowMs: 60_000 } });
    try {
      for (let i = 0; i < 6; i++) {
        const r = await app.inject({ method: 'POST', url: '/members/login', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=nobody%40example.com&lang=en' });
        assert.equal(r.statusCode, 200);
      }
    } finally {
      await app.close();
    }
    assert.equal(trustedProxies('1'), '127.0.0.1/8,::1');
    assert.equal(trustedProxies(undefined), false);
    assert.throws(() => trustedProxies('yes please'), /"yes please" is not an address or CIDR range/);
  });
});
