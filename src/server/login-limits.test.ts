// Sign-in limits that hold: counted before the password hash (parallel guesses cannot slip
// through), per address and per account, kept in the database (a restart or a second server
// shares them), and guesses from other addresses cannot lock the owner out of a device the
// owner has signed in from.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildApp } from './app.ts';
import { freshStore, testDatabases } from '../store/test-databases.ts';

const LIMIT = { max: 5, windowMs: 15 * 60_000 };
const login = (app: Awaited<ReturnType<typeof buildApp>>, password: string, remoteAddress: string) =>
  app.inject({ method: 'POST', url: '/api/login', remoteAddress, payload: { email: 'owner@example.com', password } });

for (const backend of await testDatabases()) {
  describe(`sign-in limits on ${backend.kind}`, { skip: backend.skip }, () => {
    const t = freshStore(backend);

    test('50 parallel guesses from one address: at most 5 reach the password check', async () => {
      const app = await buildApp(t.store, { webDir: null, loginLimit: LIMIT });
      try {
        const setup = await app.inject({ method: 'POST', url: '/api/setup', remoteAddress: '192.0.2.1', payload: { email: 'owner@example.com', password: 'correct horse battery' } });
        assert.equal(setup.statusCode, 200, setup.body);
        const codes = (await Promise.all(Array.from({ length: 50 }, (_, i) => login(app, `guess ${i}`, '203.0.113.7')))).map((r) => r.statusCode);
        assert.equal(codes.filter((c) => c === 401).length, 5, `checked: ${codes.filter((c) => c === 401).length}`);
        assert.equal(codes.filter((c) => c === 429).length, 45);
        // That address stays refused, even with the right password.
        assert.equal((await login(app, 'correct horse battery', '203.0.113.7')).statusCode, 429);
      } finally {
        await app.close();
      }
    });

    test('guesses spread over many addresses stop at the account limit, yet the owner signs in from a known device', async () => {
      const app = await buildApp(t.store, { webDir: null, loginLimit: LIMIT });
      try {
        const codes = (await Promise.all(Array.from({ length: 40 }, (_, i) => login(app, `guess ${i}`, `198.51.100.${i + 1}`)))).map((r) => r.statusCode);
        // The first test's five from 203.0.113.7 count towards the account too.
        assert.equal(codes.filter((c) => c === 401).length, 0, 'the account limit was reached already');
        assert.ok(codes.every((c) => c === 429));
        // A new address is refused for the account; the owner's own device is not.
        const stranger = await login(app, 'correct horse battery', '198.51.100.200');
        assert.equal(stranger.statusCode, 429);
        assert.match(stranger.json().error, /from new addresses/);
        const owner = await login(app, 'correct horse battery', '192.0.2.1');
        assert.equal(owner.statusCode, 200, owner.body);
      } finally {
        await app.close();
      }
    });

    test('the counts outlive the server: a new one (a restart, another host) goes on refusing', async () => {
      const again = await buildApp(t.store, { webDir: null, loginLimit: LIMIT });
      try {
        assert.equal((await login(again, 'one more', '203.0.113.7')).statusCode, 429);
        assert.ok(Number((await login(again, 'one more', '203.0.113.7')).headers['retry-after']) > 0);
      } finally {
        await again.close();
      }
      // When the window has passed, the address may try again.
      const later = await buildApp(t.store, { webDir: null, loginLimit: LIMIT, now: () => new Date(Date.now() + 16 * 60_000) });
      try {
        assert.equal((await login(later, 'correct horse battery', '203.0.113.7')).statusCode, 200);
      } finally {
        await later.close();
      }
    });
  });
}
