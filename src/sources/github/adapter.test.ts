import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePlatform, source } from '../testing/platform.ts';
import { githubAdapter } from './adapter.ts';

test('GitHub: a repository as one sighting with its stars, language and topics, and a star snapshot for trending', async () => {
  const p = await fakePlatform('/repos/example-org/fastparse', new URL('./testdata/repo.json', import.meta.url));
  try {
    p.ctx.platforms.githubToken = 'ghp_test';
    const r = await githubAdapter.collect(source('github', githubAdapter.normalise('https://github.com/example-org/fastparse.git')), p.ctx);
    const asked = p.server.log[0]!;
    assert.equal(asked.headers.authorization, 'Bearer ghp_test');
    assert.equal(asked.headers.accept, 'application/vnd.github+json');
    assert.equal(asked.headers['x-github-api-version'], '2022-11-28');
    assert.deepEqual(r.snapshot, { repo: 'example-org/fastparse', stars: 12480, forks: 630 });
    const [s] = r.sightings;
    assert.equal(s!.url, 'https://github.com/example-org/fastparse');
    assert.equal(s!.title, 'fastparse: A parser combinator library, 10x faster');
    assert.equal(s!.stars, 12480);
    assert.deepEqual(s!.tags, ['python', 'parsing', 'parser-combinators', 'performance']);
    assert.deepEqual(r.problems, []);
  } finally {
    await p.close();
  }
});

test('GitHub: an archived repository is a problem to show; what is not owner/repo is refused', async () => {
  const archived = JSON.stringify({ full_name: 'a/b', html_url: 'https://github.com/a/b', description: null, stargazers_count: 1, forks_count: 0, language: null, pushed_at: '2029-01-01T00:00:00Z', created_at: '2020-01-01T00:00:00Z', archived: true });
  const p = await fakePlatform('/repos/a/b', archived);
  try {
    const r = await githubAdapter.collect(source('github', 'a/b'), p.ctx);
    assert.deepEqual(r.problems, ['the repository is archived']);
    assert.equal(r.sightings[0]!.title, 'a/b');
  } finally {
    await p.close();
  }
  assert.throws(() => githubAdapter.normalise('https://gitlab.com/a'), /not owner\/repo/);
});
