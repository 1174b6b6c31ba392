import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from './db.ts';
import type { CheckpointResult } from './checkpoint.ts';

test('the embedded store checkpoints on a thread of its own, and keeps every row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-ckpt-'));
  const path = join(dir, 'p.db');
  try {
    const store = await openStore(`sqlite:${path}`);
    assert.equal(store.sqlite!.pragma('wal_autocheckpoint', { simple: true }), 0, 'the connection that writes does not checkpoint');
    const value = 'x'.repeat(2000);
    // About 12 MB of log in 30 transactions, as a collection writes it.
    const checkpoint = once(store.checkpointer!, 'checkpoint') as Promise<[CheckpointResult]>;
    for (let t = 0; t < 30; t++) {
      await store.db.transaction().execute(async (tx) => {
        for (let i = 0; i < 200; i++) await tx.insertInto('settings').values({ key: `k${t}-${i}`, value }).execute();
      });
      await new Promise((r) => setImmediate(r));
    }
    const [result] = await checkpoint;
    assert.ok(result.log > 0 && result.checkpointed > 0, `the thread copied the log back: ${JSON.stringify(result)}`);
    await store.close();
    assert.ok(!existsSync(`${path}-wal`) || statSync(`${path}-wal`).size === 0, 'closed, nothing is left in the log');
    const again = await openStore(`sqlite:${path}`);
    const n = await again.db.selectFrom('settings').select((eb) => eb.fn.countAll<number>().as('n')).where('key', 'like', 'k%').executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 6000);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an in-memory store has no checkpoint thread', async () => {
  const store = await openStore('sqlite::memory:');
  assert.equal(store.checkpointer, undefined);
  await store.close();
});
