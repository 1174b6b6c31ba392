import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePlatform, source } from '../testing/platform.ts';
import { hnAdapter } from './adapter.ts';

test('Hacker News: stories of a search, a link story to its link, an Ask HN to its thread, a deleted one dropped', async () => {
  const p = await fakePlatform('/api/v1/search_by_date', new URL('./testdata/search_by_date.json', import.meta.url));
  try {
    const r = await hnAdapter.collect(source('hn', 'python asyncio'), p.ctx);
    const asked = new URL(p.server.log[0]!.path, 'http://x');
    assert.equal(asked.searchParams.get('query'), 'python asyncio');
    assert.equal(asked.searchParams.get('tags'), 'story');
    assert.deepEqual(
      r.sightings.map((s) => [s.url, s.points, s.comments, s.discussion]),
      [
        ['https://example.org/tiny-profiler', 312, 87, false],
        ['https://news.ycombinator.com/item?id=41000002', 45, 120, true],
      ],
    );
    assert.equal(r.sightings[0]!.author, 'ada');
    assert.equal(r.sightings[0]!.published, '2030-03-04T08:15:00.000Z');
  } finally {
    await p.close();
  }
});

test('Hacker News: an answer that is not JSON is an error naming the address', async () => {
  const p = await fakePlatform('/api/v1/search_by_date', '<html>rate limited</html>');
  try {
    await assert.rejects(hnAdapter.collect(source('hn', 'python'), p.ctx), /search_by_date.*not JSON/);
  } finally {
    await p.close();
  }
});
