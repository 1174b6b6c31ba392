// GitHub trending by search, against a local server answering /search/repositories in GitHub's
// documented shape with its rate-limit headers: new repositories and moving ones, each once, an
// archived one left out, a snapshot each; a spent limit is a problem to show, not a failure.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Fetcher } from '../../http/client.ts';
import { startServer } from '../../http/test-server.ts';
import { platformsAt } from '../types.ts';
import { source } from '../testing/platform.ts';
import { githubSearchAdapter } from './adapter.ts';

const fixture = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

test('GitHub trending: new and moving repositories by stars, each once, with a snapshot each; the token is sent', async () => {
  const server = await startServer();
  let remaining = 29;
  server.route('/search/repositories', (req, res) => {
    const q = new URL(req.url!, 'http://x').searchParams.get('q')!;
    res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-limit': '30', 'x-ratelimit-remaining': String(remaining--), 'x-ratelimit-reset': '1893456000' });
    res.end(fixture(q.includes('created:>') ? 'created.json' : 'pushed.json'));
  });
  const fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
  try {
    const ctx = { fetcher, platforms: { ...platformsAt(server.url), githubToken: 'ghp_test' }, now: new Date('2026-12-01T00:00:00Z') };
    const r = await githubSearchAdapter.collect(source('github-search', githubSearchAdapter.normalise('  language:python   topic:cli ')), ctx);
    const asked = server.log.map((l) => new URL(l.path, 'http://x').searchParams);
    assert.deepEqual(asked.map((a) => a.get('q')), ['language:python topic:cli created:>2026-11-01', 'language:python topic:cli pushed:>2026-11-24']);
    assert.ok(asked.every((a) => a.get('sort') === 'stars' && a.get('order') === 'desc'));
    assert.equal(server.log[0]!.headers.authorization, 'Bearer ghp_test');
    assert.deepEqual(r.sightings.map((s) => s.url), ['https://github.com/example-labs/tinyagent', 'https://github.com/someone/quickcli', 'https://github.com/example-org/fastparse'], 'each once; the archived one left out');
    assert.deepEqual(r.snapshots?.map((s) => [s.repo, s.stars]), [['example-labs/tinyagent', 2400], ['someone/quickcli', 800], ['example-org/fastparse', 12480]]);
    assert.equal(r.sightings[0]!.title, 'tinyagent: A tiny agent framework in 300 lines');
    assert.deepEqual(r.problems, []);
    // The limit spent after the first search: what it found is kept, and the problem said.
    remaining = 0;
    const spent = await githubSearchAdapter.collect(source('github-search', 'topic:llm'), ctx);
    assert.equal(spent.sightings.length, 2);
    assert.match(spent.problems[0]!, /search limit is spent until 2030-01-01T00:00:00\.000Z; set GITHUB_TOKEN/);
  } finally {
    await fetcher.close();
    await server.close();
  }
  assert.throws(() => githubSearchAdapter.normalise('python sort:stars'), /leave out created:, pushed: and sort:/);
});
