import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePlatform, source } from '../testing/platform.ts';
import { lobstersAdapter } from './adapter.ts';

test('Lobsters: a tag\'s stories with their tags; a text story is a discussion at its comments page', async () => {
  const p = await fakePlatform('/t/python.json', new URL('./testdata/python.json', import.meta.url));
  try {
    const r = await lobstersAdapter.collect(source('lobsters', lobstersAdapter.normalise('https://lobste.rs/t/python')), p.ctx);
    assert.deepEqual(
      r.sightings.map((s) => [s.url, s.points, s.comments, s.discussion, s.author, s.tags]),
      [
        ['https://example.com/bytecode-cache', 48, 12, false, 'curie', ['python', 'performance']],
        ['https://lobste.rs/s/def456/ask_favourite_testing', 9, 30, true, 'noether', ['ask', 'testing']],
      ],
    );
  } finally {
    await p.close();
  }
});
