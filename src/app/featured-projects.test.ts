// The projects we featured, then and now, against a local server answering in GitHub's REST
// shape: stars when featured and today, the growth, an archived one, a gone one (404); a refresh
// that meets GitHub's rate limit stops and says so, and what it did not reach keeps its last state.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { platformsAt } from '../sources/types.ts';
import type { Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { featuredProjects } from './featured-projects.ts';
import { storeWithTestPublication, testIssue } from './test-fixtures.ts';

const repo = (name: string, stars: number, archived = false) => ({ full_name: name, html_url: `https://github.com/${name}`, description: null, stargazers_count: stars, forks_count: 3, language: 'Python', pushed_at: '2026-11-01T00:00:00Z', created_at: '2020-01-01T00:00:00Z', archived });

describe('featured projects, then and now', () => {
  let store: Store;
  let stored: StoredPublication;
  let gh: TestServer;
  let fetcher: Fetcher;
  let limited = false;
  before(async () => {
    gh = await startServer();
    const json = (body: unknown, status = 200, headers: Record<string, string> = {}) => (_q: unknown, r: import('node:http').ServerResponse) => void r.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    gh.route('/repos/example/tool1', (q, r) => (limited ? json({ message: 'API rate limit exceeded' }, 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' })(q, r) : json(repo('example/tool1', 5000))(q, r)));
    gh.route('/repos/example/tool2', json(repo('example/tool2', 1500, true)));
    gh.route('/repos/example/tool3', json({ message: 'Not Found' }, 404));
    ({ store, stored } = await storeWithTestPublication());
    // testIssue(n) features github.com/example/toolN with 1000 + n stars; issue 4 features tool1 again.
    const again = testIssue(4);
    again.items[1]!.url = 'https://github.com/example/tool1';
    await store.db.transaction().execute(async (tx) => {
      for (const i of [testIssue(1), testIssue(2), testIssue(3), again]) await saveIssue(tx, stored.id, i);
    });
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
  });
  after(async () => {
    await fetcher?.close();
    await gh?.close();
    await store?.close();
  });

  test('stars when featured and now, the growth, archived and gone', async () => {
    const r = await featuredProjects(store.db, stored, { fetcher, platforms: platformsAt(gh.url) });
    assert.equal(r.stopped, null);
    const by = new Map(r.projects.map((p) => [p.repo, p]));
    assert.equal(by.size, 4, 'tool1 once, at its first issue, and tool4');
    assert.deepEqual([by.get('example/tool1')!.issue, by.get('example/tool1')!.starsThen, by.get('example/tool1')!.starsNow, by.get('example/tool1')!.growth, by.get('example/tool1')!.state], [1, 1001, 5000, 3999, 'active']);
    assert.deepEqual([by.get('example/tool2')!.growth, by.get('example/tool2')!.state], [498, 'archived']);
    assert.deepEqual([by.get('example/tool3')!.starsNow, by.get('example/tool3')!.state], [null, 'gone']);
    assert.equal(r.projects[0]!.repo, 'example/tool1', 'the most grown first');
  });

  test('a refresh that meets the rate limit stops and says so; the last states stay', async () => {
    limited = true;
    const r = await featuredProjects(store.db, stored, { fetcher, platforms: platformsAt(gh.url) });
    assert.match(r.stopped ?? '', /rate limit was reached after 0 repositories/);
    const tool1 = r.projects.find((p) => p.repo === 'example/tool1')!;
    assert.equal(tool1.starsNow, 5000, 'the last snapshot stands');
    const quiet = await featuredProjects(store.db, stored);
    assert.equal(quiet.refreshed, 0, 'without a refresh nothing is fetched');
  });
});
