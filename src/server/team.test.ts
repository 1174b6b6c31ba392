// The owner manages the team: open invitations are listed and can be revoked (a revoked link no
// longer works), roles change but the last owner stays one, and a removed editor's session ends
// at once while their edits stay in the history.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStore, type Store } from '../store/db.ts';
import { buildApp } from './app.ts';
import { editorFrom, setupOwner, type Editor } from './test-session.ts';

describe('managing the team', () => {
  let store: Store;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let owner: Editor;
  before(async () => {
    store = await openStore('sqlite::memory:');
    app = await buildApp(store, { webDir: null });
    owner = await setupOwner(app);
  });
  after(async () => {
    await app?.close();
    await store?.close();
  });

  const join = async (email: string) => {
    const { token } = (await owner.post('/api/invitations', { email })).json() as { token: string };
    return editorFrom(app, await app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: email.split('@')[0], password: 'a long enough password' } }));
  };

  test('an open invitation is listed, and once revoked its link no longer works', async () => {
    const { token } = (await owner.post('/api/invitations', { email: 'late@example.com' })).json() as { token: string };
    const open = (await owner.get('/api/invitations')).json() as { id: string; email: string }[];
    const mine = open.find((i) => i.email === 'late@example.com')!;
    assert.ok(mine && !JSON.stringify(open).includes(token), 'listed by an id, never by its token');
    assert.equal((await owner.post(`/api/invitations/${encodeURIComponent(mine.id)}/revoke`)).statusCode, 200);
    assert.equal((await app.inject(`/api/invitations/${token}`)).statusCode, 404);
    assert.deepEqual((await owner.get('/api/invitations')).json(), []);
  });

  test('roles change, the last owner stays one, an editor cannot manage, a removed editor is signed out', async () => {
    const ed = await join('ed@example.com');
    assert.equal((await ed.get('/api/invitations')).statusCode, 403, 'the owner\'s alone');
    const users = (await owner.get('/api/users')).json() as { id: number; email: string; role: string }[];
    const me = users.find((u) => u.email === 'owner@example.com')!;
    const edId = users.find((u) => u.email === 'ed@example.com')!.id;
    const demote = await owner.post(`/api/users/${me.id}/role`, { role: 'editor' });
    assert.equal(demote.statusCode, 409);
    assert.match(demote.json().error, /only owner/);
    assert.equal((await owner.post(`/api/users/${edId}/role`, { role: 'owner' })).statusCode, 200);
    assert.equal((await owner.post(`/api/users/${edId}/role`, { role: 'editor' })).statusCode, 200);
    assert.equal((await owner.post(`/api/users/${me.id}/remove`)).statusCode, 409, 'not one\'s own account');
    assert.equal((await ed.get('/api/inbox')).statusCode, 200);
    assert.equal((await owner.post(`/api/users/${edId}/remove`)).statusCode, 200);
    assert.equal((await ed.get('/api/inbox')).statusCode, 401, 'their session ended with the account');
    assert.deepEqual(((await owner.get('/api/users')).json() as { email: string }[]).map((u) => u.email), ['owner@example.com']);
  });
});
