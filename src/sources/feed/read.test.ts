import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFeed } from './read.ts';

const rss = (channelLink: string, items: string) =>
  Buffer.from(`<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Show</title><link>${channelLink}</link>${items}</channel></rss>`);

describe('entry identity on real feed shapes', () => {
  test('a podcast whose episodes all link to the show: every episode is a candidate, by its file', () => {
    const items = Array.from(
      { length: 130 },
      (_, i) => `<item><title>Episode ${i + 1}</title><link>https://show.example.com/</link><guid isPermaLink="false">show-ep-${i + 1}</guid><enclosure url="https://cdn.example.com/ep${i + 1}.mp3" length="1000" type="audio/mpeg"/><itunes:duration>42:00</itunes:duration></item>`,
    ).join('');
    const read = readFeed(rss('https://show.example.com/', items), 'application/rss+xml', 'https://show.example.com/feed.xml');
    assert.equal(read.sightings.length, 130);
    assert.equal(new Set(read.sightings.map((s) => s.url)).size, 130, 'no two episodes share a link');
    assert.equal(read.sightings[0]!.url, 'https://cdn.example.com/ep1.mp3');
    assert.ok(read.sightings.every((s) => s.media), 'every episode is audio');
    assert.deepEqual(read.sightings[6]!.enclosure, { url: 'https://cdn.example.com/ep7.mp3', type: 'audio/mpeg', length: 1000, duration: 2520 }, 'each episode keeps its file, type, length and duration');
  });

  test("a post without a title (Mastodon, Bluesky, a microblog's JSON Feed) is titled by its first sentence, not by its address", () => {
    const toot = (n: number, html: string) => `<item><guid isPermaLink="true">https://social.example/@dev/${n}</guid><link>https://social.example/@dev/${n}</link><description>${html.replace(/</g, '&lt;')}</description></item>`;
    const long = 'Wrote up how the release process works now that every step runs in CI and nobody has to hold a signing key on a laptop any more, which took a year';
    const titles = readFeed(rss('https://social.example/@dev', [
      toot(1, '<p>The free-threaded build passes the whole test suite now. Thanks, everyone! <a href="https://social.example/tags/python">#python</a></p>'),
      toot(2, '<p>New post: warming up the JIT twice as fast <a href="https://blog.example.org/jit"><span>https://</span>blog.example.org/jit</a></p>'),
      toot(3, `<p>${long}</p>`),
      toot(4, '<p>自由线程版本现在通过了全部测试，感谢每一位帮忙的人。接下来要做的是把性能差距缩小到百分之五以内，然后默认开启它。</p>'),
      toot(5, '<p><a href="https://blog.example.org/only-a-link">https://blog.example.org/only-a-link</a></p>'),
      toot(6, '<p>短文：uv 的工作区终于好用了。下周写一篇详细的。</p>'),
      toot(7, '<p>Wow. The new REPL has colour and multiline editing.</p>'),
    ].join('')), 'application/rss+xml', 'https://social.example/@dev.rss').sightings.map((s) => s.title);
    assert.deepEqual(titles, [
      'The free-threaded build passes the whole test suite now.',
      'New post: warming up the JIT twice as fast',
      `${long.slice(0, long.lastIndexOf(' ', 98))}…`,
      '自由线程版本现在通过了全部测试，感谢每一位帮忙的人。',
      'https://social.example/@dev/5',
      '短文：uv 的工作区终于好用了。',
      'Wow. The new REPL has colour and multiline editing.',
    ]);
    assert.ok(titles[2]!.length <= 100);
  });

  test('a video/mp4 enclosure on a host that is no video site is media, and kept as the episode\'s file', () => {
    const items = `<item><title>A talk</title><link>https://conf.example.org/talks/7</link><enclosure url="https://files.example.org/talk7.mp4" type="video/mp4" length="52428800"/></item>`;
    const [s] = readFeed(rss('https://conf.example.org/', items), undefined, 'https://conf.example.org/feed').sightings;
    assert.equal(s!.url, 'https://conf.example.org/talks/7');
    assert.equal(s!.media, true);
    assert.deepEqual(s!.enclosure, { url: 'https://files.example.org/talk7.mp4', type: 'video/mp4', length: 52428800 });
  });

  test('entries that share a link but have web guids of their own are told apart by them', () => {
    const items = [1, 2, 3].map((i) => `<item><title>Post ${i}</title><link>https://news.example.com/latest</link><guid>https://news.example.com/?p=${i}</guid></item>`).join('');
    const read = readFeed(rss('https://news.example.com/', items), undefined, 'https://news.example.com/feed');
    assert.deepEqual(read.sightings.map((s) => s.url), ['https://news.example.com/?p=1', 'https://news.example.com/?p=2', 'https://news.example.com/?p=3']);
  });

  test('an episode with no link is kept by its file; a video file without a type is media; an ordinary feed is as it was', () => {
    const items = `<item><title>No link</title><guid isPermaLink="false">x1</guid><enclosure url="https://cdn.example.com/talk.mp4"/></item><item><title>Article</title><link>https://blog.example.com/a</link></item><item><title>Other</title><link>https://blog.example.com/b</link><guid>https://blog.example.com/?p=9</guid></item>`;
    const read = readFeed(rss('https://blog.example.com/', items), undefined, 'https://blog.example.com/feed');
    assert.deepEqual(read.sightings.map((s) => [s.url, s.media]), [
      ['https://cdn.example.com/talk.mp4', true],
      ['https://blog.example.com/a', false],
      ['https://blog.example.com/b', false],
    ]);
  });
});

test('a YouTube-shaped Atom entry keeps its media:group thumbnail and description', () => {
  const atom = Buffer.from(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/"><title>A channel</title><link rel="alternate" href="https://www.youtube.com/channel/UC1"/><entry><id>yt:video:abc123</id><yt:videoId>abc123</yt:videoId><title>Profiling Python in 10 minutes</title><link rel="alternate" href="https://www.youtube.com/watch?v=abc123"/><published>2030-01-02T10:00:00+00:00</published><media:group><media:title>Profiling Python in 10 minutes</media:title><media:content url="https://www.youtube.com/v/abc123?version=3" type="application/x-shockwave-flash" width="640" height="390"/><media:thumbnail url="https://i.example.com/vi/abc123/hqdefault.jpg" width="480" height="360"/><media:description>We profile a slow script with py-spy &amp; fix it.
Chapters below.</media:description></media:group></entry></feed>`);
  const [s] = readFeed(atom, 'application/atom+xml', 'https://www.youtube.com/feeds/videos.xml?channel_id=UC1').sightings;
  assert.equal(s!.url, 'https://www.youtube.com/watch?v=abc123');
  assert.equal(s!.image, 'https://i.example.com/vi/abc123/hqdefault.jpg');
  assert.match(s!.summary, /We profile a slow script with py-spy &amp; fix it\.\s*Chapters below\./);
});

test('entries older than the age limit are marked and counted, not read into sightings; undated ones are read', () => {
  const item = (i: number, date?: string) => `<item><title>Post ${i}</title><link>https://blog.example.com/p/${i}</link>${date ? `<pubDate>${date}</pubDate>` : ''}<description>&lt;p&gt;Text ${i}&lt;/p&gt;</description></item>`;
  const body = rss('https://blog.example.com/', [item(1, 'Tue, 08 Jan 2030 10:00:00 GMT'), item(2, 'Mon, 01 Oct 2029 10:00:00 GMT'), item(3), item(4, 'Tue, 01 Jan 2030 00:00:00 GMT')].join(''));
  const all = readFeed(body, 'application/rss+xml', 'https://blog.example.com/feed.xml');
  const cut = readFeed(body, 'application/rss+xml', 'https://blog.example.com/feed.xml', { oldest: '2030-01-01T00:00:00.000Z' });
  assert.deepEqual(all.sightings.map((s) => s.title), ['Post 1', 'Post 2', 'Post 3', 'Post 4']);
  assert.deepEqual(cut.sightings.map((s) => s.title), ['Post 1', 'Post 3', 'Post 4'], 'the limit itself is inside');
  assert.equal(cut.tooOld, 1);
  assert.deepEqual(cut.sightings, all.sightings.filter((s) => s.title !== 'Post 2'), 'the others are read as they would be');
  assert.deepEqual(cut.marks, all.marks, 'every entry is marked, to be known the next time');
});
