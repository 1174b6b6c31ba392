import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakePlatform, source } from '../testing/platform.ts';
import { redditAdapter } from './adapter.ts';

test('Reddit: a subreddit\'s hot posts, the pinned thread left out, a self post as a discussion on reddit.com', async () => {
  const p = await fakePlatform('/r/Python/hot.json', new URL('./testdata/hot.json', import.meta.url));
  try {
    const r = await redditAdapter.collect(source('reddit', 'Python'), p.ctx);
    assert.match(p.server.log[0]!.path, /^\/r\/Python\/hot\.json\?limit=50&raw_json=1$/);
    assert.deepEqual(
      r.sightings.map((s) => [s.url, s.points, s.comments, s.discussion, s.tags]),
      [
        ['https://blog.example.net/uv-builds', 954, 211, false, ['r/python']],
        ['https://www.reddit.com/r/Python/comments/abc003/is_typing_worth_it/', 77, 150, true, ['r/python']],
      ],
    );
    assert.equal(r.sightings[0]!.published, new Date(1899100600 * 1000).toISOString());
  } finally {
    await p.close();
  }
});

test('Reddit: what an editor types becomes the subreddit\'s name', () => {
  for (const typed of ['Python', 'r/Python', '/r/Python/', 'https://www.reddit.com/r/Python/top/']) assert.equal(redditAdapter.normalise(typed), 'Python', typed);
});
