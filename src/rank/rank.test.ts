import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalUrl, parsedCanonicalUrl, urlKey } from './canonical-url.ts';
import { score } from './score.ts';
import { hostAndPath, parsedHostAndPath, sectionFor, suggestKind } from './suggest.ts';
import { groupNearDuplicates, similarity } from './titles.ts';
import { DEMO_PUBLICATION } from '../core/demo-publication.ts';

const PLAIN_SHAPE = /^https?:\/\/[a-z0-9.-]+[a-z0-9-](\/|$)/;

describe('canonical URLs', () => {
  const cases: [string, string][] = [
    ['https://Blog.Example.com:443/post/?utm_source=rss&utm_medium=feed#comments', 'https://blog.example.com/post'],
    ['http://example.com:80/a/b/', 'http://example.com/a/b'],
    ['https://example.com/?b=2&a=1&fbclid=xyz', 'https://example.com/?a=1&b=2'],
    ['https://example.com/news/story/amp/', 'https://example.com/news/story'],
    ['https://amp.example.com/story?amp=1', 'https://example.com/story'],
    ['https://example.com/a/?', 'https://example.com/a'],
    ['https://example.com./p.amp.html?utm_campaign=x', 'https://example.com/p.html'],
    ['https://example.com/amplify/camp/', 'https://example.com/amplify/camp'],
    ['https://www.google.com/url?q=https%3A%2F%2Freal.example.org%2Fpost%3Fref%3Dx&sa=D', 'https://real.example.org/post'],
    ['https://link.zhihu.com/?target=https%3A//docs.example.cn/guide', 'https://docs.example.cn/guide'],
    ['https://example.com/search?q=python', 'https://example.com/search?q=python'],
    ['https://example.com/', 'https://example.com'],
  ];
  for (const [input, want] of cases) test(input, () => assert.equal(canonicalUrl(input), want));

  test('a link already canonical is given back as it is, exactly as parsing would give it', () => {
    // Links of every shape near the fast path's edges: each must come out as the URL parser's
    // canonical form would, whichever way it is worked out.
    const hosts = ['example.com', 'blog.example.co.uk', 'xn--fiqs8s.example', 'a-b.example', 'amp.example.com', 'www.amp-project.org', '1.2.3', '127.0.0.1', 'Example.com', 'example.com.', 'example.com:443', 'example.com:8080', 'host'];
    const paths = ['/', '/post', '/post/', '/2024/05/hello-world', '/p/1.html', '/a.b/c', '/a/./b', '/a/../b', '/.well-known/x', '/amp/story', '/story/amp', '/camp', '/%E4%B8%AD', '/%zz', '/中文', "/it's", '/a b', '/a|b', '/a^b', '/a:b@c', '/a;b=c', '/a~b', '/a//b', '/a\\b', '/index.amp.html', ''];
    const tails = ['', '?', '?x=1', '?utm_source=rss', '#top'];
    let fast = 0;
    for (const scheme of ['https', 'http', 'HTTPS', 'ftp'])
      for (const host of hosts)
        for (const path of paths)
          for (const tail of tails) {
            const url = `${scheme}://${host}${path}${tail}`;
            assert.equal(canonicalUrl(url), parsedCanonicalUrl(url), url);
            if (canonicalUrl(url) === url) fast++;
          }
    assert.ok(fast > 100, `${fast} links were their own canonical form`);
    assert.equal(canonicalUrl('https://site1.example.com/posts/12-34567'), 'https://site1.example.com/posts/12-34567');
  });

  test("a plain link's host and path are read off its text exactly as parsing gives them", () => {
    const hosts = ['github.com', 'www.github.com', 'GitHub.com', 'pypi.org', 'example.com.', 'example.com:8080', 'user@example.com', '1.2.3', '127.0.0.1', 'a-b.example', ''];
    const paths = ['', '/', '/owner/repo', '/owner/repo/', '/project/x/', '/a/./b', '/a/../b', '/a\\b', '/a b', '/中文', '/%E4%B8%AD', '/a:b@c', '/question/1'];
    let plain = 0;
    for (const scheme of ['https', 'http', 'HTTP', 'ftp'])
      for (const host of hosts)
        for (const path of paths)
          for (const tail of ['', '?x=1', '#f']) {
            const url = `${scheme}://${host}${path}${tail}`;
            assert.deepEqual(hostAndPath(url), parsedHostAndPath(url), url);
            if (PLAIN_SHAPE.test(url)) plain++;
          }
    assert.ok(plain > 100, `${plain} links read off their text`);
    assert.deepEqual(hostAndPath('not a url'), ['', '']);
  });

  test('the loose key ignores scheme and www', () => {
    assert.equal(urlKey('http://www.example.com/a/'), urlKey('https://example.com/a'));
  });
});

describe('near-duplicate titles', () => {
  test('small edits stay together, different stories apart', () => {
    assert.ok(similarity('Python 3.14 is released!', 'Python 3.14 released') > 0.75);
    assert.ok(similarity('Python 3.14 is released', 'Rust 1.90 is released') < 0.5);
    assert.deepEqual(groupNearDuplicates(['Profiling asyncio without tears', 'A new web framework', 'Profiling asyncio without tears!', '用 Python 写解释器', '用Python写解释器']), [0, 1, 0, 3, 3]);
  });
  test('titles alike but for their numbers are different stories; a version said longer is not', () => {
    assert.deepEqual(groupNearDuplicates(['Django 5.1 released', 'Django 5.2 released', 'Episode 3: packaging with uv', 'Episode 4: packaging with uv', 'Python 3.14 released!', 'Python 3.14.0 released']), [0, 1, 2, 3, 4, 4]);
  });
  test('a pair the caller keeps apart stays apart', () => {
    const titles = ['Weekly digest: news from the community', 'Weekly digest: news from the community!', 'Weekly digest - news from the community'];
    assert.deepEqual(groupNearDuplicates(titles), [0, 0, 0]);
    // Say 0 and 1 came from one feed and 2 from another: the feed's two entries stay two, the other feed's joins the first.
    assert.deepEqual(groupNearDuplicates(titles, undefined, (i, j) => i + j === 1), [0, 1, 0]);
  });
});

describe('the trending score', () => {
  const base = { ageHours: 24, weight: 1, points: 0, comments: 0, sources: 1, pointsBy: [] };
  test('engagement, star gain, more sources and weight raise it; age lowers it', () => {
    const plain = score(base).score;
    assert.ok(score({ ...base, points: 300 }).score > plain);
    assert.ok(score({ ...base, starGain: 500 }).score > plain);
    assert.ok(score({ ...base, sources: 3 }).score > plain);
    assert.ok(score({ ...base, weight: 3 }).score > plain);
    assert.ok(score({ ...base, ageHours: 240 }).score < plain);
    assert.ok(score({ ...base, pickRate: 0.9 }).score > score({ ...base, pickRate: 0.05 }).score, 'the editor’s past picks count');
  });
  test('explains itself in words', () => {
    const s = score({ ...base, weight: 2, points: 320, comments: 41, starGain: 540, sources: 3, ageHours: 50, pointsBy: [{ label: 'HN', points: 320, comments: 41 }] });
    assert.equal(s.explanation, 'HN 320 points, 41 comments, +540 stars this week, seen in 3 sources, source weight 2, 2 days old');
  });
  test('a link featured before sinks below the same link new, and the sentence says why', () => {
    const fresh = score({ ...base, points: 120, pointsBy: [{ label: 'HN', points: 120, comments: 0 }] });
    const again = score({ ...base, points: 120, pointsBy: [{ label: 'HN', points: 120, comments: 0 }], featuredIn: 101 });
    assert.ok(again.score < fresh.score && again.score > 0, `${again.score} against ${fresh.score}`);
    assert.equal(again.explanation, 'HN 120 points, source weight 1, 24 h old, featured in #101 before, so halved');
  });
});

describe('suggested sections', () => {
  test('repositories, media, discussions and articles', () => {
    assert.equal(suggestKind({ url: 'https://github.com/astral-sh/uv' }), 'project');
    assert.equal(suggestKind({ url: 'https://github.com/astral-sh/uv/issues/1' }), 'article');
    assert.equal(suggestKind({ url: 'https://www.youtube.com/watch?v=x' }), 'media');
    assert.equal(suggestKind({ url: 'https://podcast.example.com/ep/1', media: true }), 'media');
    assert.equal(suggestKind({ url: 'https://discuss.python.org/t/pep-1/1' }), 'discussion');
    assert.equal(suggestKind({ url: 'https://news.ycombinator.com/item?id=1', discussion: true }), 'discussion');
    assert.equal(suggestKind({ url: 'https://blog.example.com/post' }), 'article');
    assert.equal(sectionFor('project', DEMO_PUBLICATION.sections), 'projects');
    assert.equal(sectionFor('discussion', DEMO_PUBLICATION.sections), 'discussions');
  });
});
