// Trending projects discovered and ranked by their gain: a GitHub search source collected twice, a
// week apart, against a local server in GitHub's shape; each repository's own snapshots give its
// gain, the ranking says it ("+600 stars this week") and puts the fastest first, and a repository
// an earlier issue featured is marked so.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { platformsAt } from '../sources/types.ts';
import type { Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import { getSource, upsertSource } from '../store/sources.ts';
import type { StoredPublication } from '../store/publications.ts';
import { rankedCandidates } from './candidates.ts';
import { collectSource } from './collect.ts';
import { storeWithTestPublication, testIssue } from './test-fixtures.ts';

const repo = (name: string, stars: number) => ({ full_name: name, html_url: `https://github.com/${name}`, description: `${name} does things`, stargazers_count: stars, forks_count: 1, language: 'Python', topics: [], pushed_at: '2026-11-30T00:00:00Z', created_at: '2026-11-20T00:00:00Z', archived: false });

describe('trending projects by their gain', () => {
  let store: Store;
  let stored: StoredPublication;
  let gh: TestServer;
  let fetcher: Fetcher;
  let week = 0;
  before(async () => {
    gh = await startServer();
    // Week 0 → week 1: tinyagent +600, quickcli +50, tool7 (featured in #7) +200.
    gh.route('/search/repositories', (_q, r) => {
      const items = [repo('example-labs/tinyagent', 2400 + week * 600), repo('someone/quickcli', 3000 + week * 50), repo('example/tool7', 1007 + week * 200)];
      r.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '25' }).end(JSON.stringify({ total_count: items.length, incomplete_results: false, items }));
    });
    ({ store, stored } = await storeWithTestPublication());
    await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, testIssue(7)));
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
  });
  after(async () => {
    await fetcher?.close();
    await gh?.close();
    await store?.close();
  });

  test('a week later each repository has its own gain, the fastest ranks first, the featured one is marked', async () => {
    const { id } = await upsertSource(store.db, stored.id, { kind: 'github-search', url: 'language:python' });
    const t0 = new Date('2026-11-23T00:00:00Z');
    const ctx = (now: Date) => ({ fetcher, platforms: platformsAt(gh.url), now });
    await collectSource(store, stored, (await getSource(store.db, id))!, ctx(t0));
    week = 1;
    const t1 = new Date(t0.getTime() + 7 * 86_400_000);
    const out = await collectSource(store, stored, (await getSource(store.db, id))!, ctx(t1));
    assert.equal(out.status, 'ok', JSON.stringify(out));
    const ranked = await rankedCandidates(store.db, stored.id, {}, t1);
    const by = new Map(ranked.map((c) => [c.url, c]));
    assert.equal(by.get('https://github.com/example-labs/tinyagent')!.starGain, 600);
    assert.equal(by.get('https://github.com/someone/quickcli')!.starGain, 50);
    assert.match(by.get('https://github.com/example-labs/tinyagent')!.explanation, /\+600 stars this week/);
    assert.equal(ranked[0]!.url, 'https://github.com/example-labs/tinyagent', 'the fastest first');
    assert.equal(by.get('https://github.com/example/tool7')!.featuredIn, 7);
  });
});
