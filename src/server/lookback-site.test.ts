// Looking back on the served site. The season e-books: the archive links them, with their size,
// under their season; members-only by default, so anyone else gets a 403 that points to the
// members' page and not one byte of the book; everyone's when the publication says so; none when
// it is off. The stats pages: off by default; when public, drawn from what every reader sees
// (titles and counts), so a word only a blurb has never reaches them, while the editor's has it.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeEbook } from '../app/ebook.ts';
import { testIssues, testPublication } from '../app/test-fixtures.ts';
import { signToken } from '../channels/email/tokens.ts';
import { createMemberSession } from '../store/members.ts';
import { openStore, type Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';
import { signingSecret } from '../store/settings.ts';
import { importSubscribers } from '../store/subscribers.ts';
import { buildApp } from './app.ts';

describe('looking back on the site', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-ebooks-site-'));
  let store: Store;
  let stored: StoredPublication;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let memberCookie: string;
  const setAccess = async (access: 'everyone' | 'members' | 'off' | undefined, stats?: 'public') => {
    await updatePublication(store.db, stored.id, { ...testPublication(), publishing: { ...testPublication().publishing, ...(access ? { ebooks: { access } } : {}), ...(stats ? { stats } : {}) } });
  };
  before(async () => {
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    stored = await usePublication(store.db);
    await setAccess(undefined);
    const issues = testIssues(12);
    // A word only the members' full text has.
    for (const i of issues) i.items[0]!.texts.zh!.blurb += ' quetzalcoatl';
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    await makeEbook(store.db, stored, { season: 1, format: 'epub', dir: join(dir, 'ebooks') });
    await importSubscribers(store.db, stored.id, 'email,lang,member\nmember@example.com,zh,yes\n', new Date());
    const session = await createMemberSession(store.db, stored.id, 'member@example.com', new Date(), 30);
    memberCookie = `pressroom_member=${signToken(await signingSecret(store.db), 'member-session', session.id, new Date(session.expiresAt))}`;
    app = await buildApp(store, { webDir: null, dataDir: dir });
  });
  after(async () => {
    await app?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('members only, by default: linked on the archive, refused to anyone else, given to a member', async () => {
    const archive = (await app.inject('/archive/')).body;
    assert.match(archive, /<section id="season-1"[^>]*>.*电子书: <a href="\/ebooks\/season-1\.zh\.epub" download>EPUB<\/a> <small>\d+ KB<\/small> <small class="badge">会员专享<\/small>/s);
    const anyone = await app.inject('/ebooks/season-1.zh.epub');
    assert.equal(anyone.statusCode, 403);
    assert.match(anyone.body, /href="\/members\/"/);
    assert.doesNotMatch(anyone.headers['content-type'] as string, /epub/);
    const member = await app.inject({ url: '/ebooks/season-1.zh.epub', headers: { cookie: memberCookie } });
    assert.equal(member.statusCode, 200);
    assert.equal(member.headers['content-type'], 'application/epub+zip');
    assert.ok(member.rawPayload.equals(readFileSync(join(dir, 'ebooks', 'season-1.zh.epub'))));
    assert.match(member.headers['cache-control'] as string, /private/);
  });

  test('everyone\'s when the publication says so; nobody\'s when it is off', async () => {
    await setAccess('everyone');
    const r = await app.inject('/ebooks/season-1.zh.epub');
    assert.equal(r.statusCode, 200);
    assert.match(r.headers['content-disposition'] as string, /attachment; filename=".+-season-1\.zh\.epub"/);
    assert.doesNotMatch((await app.inject('/archive/')).body, /会员专享/);
    await setAccess('off');
    assert.equal((await app.inject('/ebooks/season-1.zh.epub')).statusCode, 404);
    assert.doesNotMatch((await app.inject('/archive/')).body, /ebooks\//);
    assert.equal((await app.inject('/ebooks/..%2Fdb.sqlite')).statusCode, 404, 'only a book the list has is served');
  });

  test('the stats pages: none by default; when public, charts and the cloud from titles and counts only', async () => {
    await setAccess(undefined);
    assert.equal((await app.inject('/stats/season-1/')).statusCode, 404);
    assert.doesNotMatch((await app.inject('/archive/')).body, /\/stats\//);
    await setAccess(undefined, 'public');
    const archive = (await app.inject('/archive/')).body;
    assert.match(archive, /href="\/stats\/season-1\/"/);
    const page = await app.inject('/stats/season-1/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<svg[^>]+role="img"[^>]+aria-labelledby="per-section-t per-section-d"/);
    assert.match(page.body, /class="pr-cloud"/);
    // The columns run oldest first, as the editor's do, though the site holds its issues newest first.
    const columns = [...page.body.matchAll(/<title>#(\d+) /g)].map((m) => Number(m[1]));
    assert.deepEqual([...new Set(columns)], [...new Set(columns)].sort((a, b) => a - b));
    assert.equal(columns[0], 1);
    assert.doesNotMatch(page.body, /quetzalcoatl|blog\.example\.org/, 'a blurb\'s word or a link reached the public stats page');
    assert.equal((await app.inject('/en/stats/')).statusCode, 200);
    // The editor's look back has what readers do not.
    assert.match(JSON.stringify((await (await import('../app/stats.ts')).lookBack(store.db, stored, { season: 1 })).cloud.svg), /quetzalcoatl/);
  });
});
