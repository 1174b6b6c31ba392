// The dead-link sweep killed: `pressroom archive check-links` is SIGKILLed while requests are in
// flight; run again, it goes on with the same sweep and fetches only the links whose verdict was
// not stored before the kill, each once, and finishes.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testIssue, testPublication } from '../app/test-fixtures.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { openStore } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { linkChecks } from '../store/lookback.ts';
import { updatePublication, usePublication } from '../store/publications.ts';

const bin = join(import.meta.dirname, '..', '..', 'bin', 'pressroom.js');

describe('a dead-link sweep killed mid-way', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-sweep-kill-'));
  const db = `sqlite:${join(dir, 'db.sqlite')}`;
  let web: TestServer;
  let hold = true;
  const held: (() => void)[] = [];
  let seen = 0;
  let onSeen: ((n: number) => void) | undefined;
  const PATHS = Array.from({ length: 9 }, (_, i) => `/p${i + 1}`);
  before(async () => {
    web = await startServer();
    for (const p of PATHS) {
      web.route(p, (_q, r) => {
        seen++;
        onSeen?.(seen);
        const answer = () => void r.writeHead(p === '/p9' ? 404 : 200, { 'content-type': 'text/html' }).end('<p>x</p>');
        // The first four answer at once; the rest wait, so the sweep is killed with requests in flight.
        if (hold && seen > 4) held.push(answer);
        else answer();
      });
    }
    const store = await openStore(db);
    const stored = await usePublication(store.db);
    await updatePublication(store.db, stored.id, testPublication());
    const issues = [testIssue(1), testIssue(2), testIssue(3)];
    issues.flatMap((i) => i.items).forEach((it, k) => (it.url = `${web.url}${PATHS[k]}`));
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    await store.close();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ fetch: { perHost: 2, hostDelayMs: 0, retries: 0, timeoutMs: 5000 } }));
  });
  after(async () => {
    for (const h of held) h();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sweep = (): ChildProcess => spawn(process.execPath, [bin, 'archive', 'check-links', '--db', db], { env: { ...process.env, PRESSROOM_CONFIG: join(dir, 'config.json'), PRESSROOM_FETCH_ALLOW_PRIVATE: 'loopback' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = (c: ChildProcess) => new Promise<number | null>((r) => c.on('exit', (code) => r(code)));
  const checked = async () => {
    const store = await openStore(db);
    try {
      return (await linkChecks(store.db, (await usePublication(store.db)).id)).size;
    } finally {
      await store.close();
    }
  };

  test('killed with requests in flight, it resumes and fetches nothing twice', async () => {
    const first = sweep();
    // Six requests seen: four answered, two held in flight.
    await new Promise<void>((r) => (onSeen = (n) => n >= 6 && r()));
    first.kill('SIGKILL');
    await exit(first);
    const kept = await checked();
    assert.ok(kept >= 1 && kept <= 4, `${kept} verdicts kept from before the kill`);
    hold = false;
    const before = seen;
    const second = sweep();
    let err = '';
    second.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    assert.equal(await exit(second), 0, err);
    assert.match(err, /checked all 9 links: 1 dead/);
    assert.equal(seen - before, PATHS.length - kept, 'only what was not kept is fetched again');
    const again = web.log.slice(-(seen - before)).map((l) => l.path);
    assert.equal(new Set(again).size, again.length, `fetched twice in the second run: ${again}`);
    assert.equal(await checked(), 9);
  });
});
