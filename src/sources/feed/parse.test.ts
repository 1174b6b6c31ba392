import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFeed } from './parse.ts';
import { readFeed } from './read.ts';

const rss = (items: string, extra = '') =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/"${extra}><channel><title>Blog</title><link>https://blog.example.com/</link>${items}</channel></rss>`;

describe('feed parser', () => {
  test("an RSS 1.0 item without a <link> is the address its rdf:about names; an item's Atom-style link and enclosure are read", () => {
    const rdf = `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="https://diary.example.jp/index.rdf"><title>Diary</title><link>https://diary.example.jp/</link></channel>
      <item rdf:about="https://diary.example.jp/2026/12/01"><title>Notes on uv</title></item>
      <item rdf:about="urn:x-diary:2"><title>Not an address</title></item>
      <item rdf:about="https://diary.example.jp/2026/12/03"><title>Linked</title><link>https://diary.example.jp/entry/3</link></item></rdf:RDF>`;
    assert.deepEqual(readFeed(new TextEncoder().encode(rdf), 'application/rdf+xml', 'https://diary.example.jp/index.rdf').sightings.map((s) => [s.title, s.url]), [
      ['Notes on uv', 'https://diary.example.jp/2026/12/01'],
      ['Linked', 'https://diary.example.jp/entry/3'],
    ]);
    // Podcast tools that write RSS with Atom's links, unprefixed: the page and the episode's file.
    const mixed = rss('<item><title>Episode 1</title><link href="https://pod.example.org/1"/><link rel="enclosure" type="audio/mpeg" length="12345" href="https://pod.example.org/1.mp3"/></item>');
    const [s] = readFeed(new TextEncoder().encode(mixed), 'application/rss+xml', 'https://pod.example.org/feed').sightings;
    assert.deepEqual([s?.url, s?.enclosure], ['https://pod.example.org/1', { url: 'https://pod.example.org/1.mp3', type: 'audio/mpeg', length: 12345 }]);
  });

  test('entities are decoded once: an escaped entity in an escaped description stays text', () => {
    const feed = parseFeed(rss('<item><title>Tom &amp;amp; Jerry</title><link>https://blog.example.com/1</link><description>&lt;p&gt;use &amp;lt;div&amp;gt; here&lt;/p&gt;</description></item>'));
    const e = feed.entries[0]!;
    assert.equal(e.titleRaw, 'Tom &amp; Jerry');
    assert.equal(e.summary, '<p>use &lt;div&gt; here</p>');
  });

  test('CDATA is taken as written, and HTML named entities outside it are read', () => {
    const feed = parseFeed(rss('<item><title>caf&eacute;&nbsp;time</title><link>https://blog.example.com/2</link><description><![CDATA[<p>AT&amp;T &lt;3</p>]]></description></item>'));
    const e = feed.entries[0]!;
    assert.equal(e.titleRaw, 'café\u00a0time');
    assert.equal(e.summary, '<p>AT&amp;T &lt;3</p>');
  });

  test('entry HTML comes out sanitised, with links made absolute against the entry', () => {
    const feed = parseFeed(rss('<item><link>https://blog.example.com/posts/3</link><content:encoded><![CDATA[<p onclick="x()">Hi <script>alert(1)</script><a href="../about" onmouseover="y()">about</a><img src="javascript:alert(2)"></p>]]></content:encoded></item>'));
    const content = feed.entries[0]!.content;
    assert.doesNotMatch(content, /script|onclick|onmouseover|javascript:/);
    assert.match(content, /<a href="https:\/\/blog\.example\.com\/about">about<\/a>/);
    assert.equal(JSON.parse(JSON.stringify(feed.entries[0])).content, content, 'serialised entries carry the sanitised HTML');
  });

  test('namespaces are known by URI, whatever prefix the feed chose', () => {
    const feed = parseFeed(
      '<rss version="2.0" xmlns:x="http://purl.org/dc/elements/1.1/" xmlns:pod="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><item><link>https://pod.example.com/7</link><x:creator>Ann</x:creator><pod:duration>1:02:03</pod:duration><enclosure url="/ep7.mp3" type="audio/mpeg" length="123"/></item></channel></rss>',
      { url: 'https://pod.example.com/feed' },
    );
    const e = feed.entries[0]!;
    assert.equal(e.author, 'Ann');
    assert.equal(e.duration, 3723);
    assert.deepEqual(e.enclosures, [{ url: 'https://pod.example.com/ep7.mp3', type: 'audio/mpeg', length: 123 }]);
  });

  test('broken markup is read as far as it goes, with the problem named', () => {
    const cases: [string, RegExp][] = [
      [rss('<item><title>one</title><link>https://a.example/1</link></item><item><title>two</b></item>'), /mismatched <\/b>/],
      [rss('<item><title>one</title><link>https://a.example/1</link></item>').replace('</channel></rss>', ''), /unclosed <channel>/],
      [rss('<item><title>one</title><link>https://a.example/1</link></item>').replace(/>$/, ''), /unclosed <rss>/],
      [rss('<item><title>fish & chips</title><link>https://a.example/1</link></item>'), /bare "&"/],
    ];
    for (const [xml, problem] of cases) {
      const feed = parseFeed(xml);
      assert.equal(feed.entries[0]!.link, 'https://a.example/1', xml);
      assert.match(feed.problems.join('; '), problem, xml);
    }
    const clean = parseFeed(rss('<item><title>ok</title><link>https://a.example/1</link><enclosure url="https://a.example/x.mp3"/><description><![CDATA[</p> in CDATA]]></description><!-- </item> in a comment --></item>'));
    assert.deepEqual(clean.problems, [], 'self-closing tags and "</" inside CDATA or comments are fine');
  });

  test('a preview is the text of the summary, else of the content, and finds a lead image', () => {
    const feed = parseFeed(rss('<item><link>https://blog.example.com/p/9</link><description></description><content:encoded><![CDATA[<figure><img src="/i/cover.jpg"></figure><p>First &amp; <b>only</b> paragraph.</p>]]></content:encoded></item>'));
    assert.deepEqual(feed.entries[0]!.preview(), { text: 'First & only paragraph.', image: 'https://blog.example.com/i/cover.jpg' });
  });

  test('a feed is read into sightings: an escaped text preview, the entry image, the feed language', () => {
    const body = new TextEncoder().encode(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON blog',
        language: 'zh-CN',
        items: [
          { id: '1', url: 'https://j.example/1', title: 'A <b>bold</b> title', content_html: '<p>1 &lt; 2, <script>x()</script>always</p>', image: 'https://j.example/1.png', tags: ['python'] },
          { id: '2', title: 'no link, no sighting' },
        ],
      }),
    );
    const read = readFeed(body, 'application/feed+json', 'https://j.example/feed.json');
    assert.equal(read.title, 'JSON blog');
    assert.equal(read.sightings.length, 1);
    const s = read.sightings[0]!;
    assert.equal(s.title, 'A bold title');
    assert.equal(s.summary, '1 &lt; 2, always');
    assert.equal(s.image, 'https://j.example/1.png');
    assert.equal(s.lang, 'zh');
    assert.deepEqual(s.tags, ['python']);
  });

  test("a feed's description is sanitised HTML in every format, made when read and serialised with the feed", () => {
    const hostile = '&lt;p&gt;About &lt;a href="/about"&gt;us&lt;/a&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;';
    const feeds = [
      parseFeed(rss('', '').replace('<link>', `<description>${hostile}</description><link>`), { url: 'https://blog.example.com/feed.xml' }),
      parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><link href="https://blog.example.com/"/><subtitle type="html">${hostile}</subtitle></feed>`, { url: 'https://blog.example.com/atom.xml' }),
      parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', home_page_url: 'https://blog.example.com/', description: '<p>About <a href="https://blog.example.com/about">us</a><script>alert(1)</script></p>', items: [] })),
    ];
    for (const feed of feeds) {
      assert.equal(feed.description, '<p>About <a href="https://blog.example.com/about">us</a></p>', feed.format);
      assert.equal(JSON.parse(JSON.stringify(feed)).description, feed.description, 'serialised with the feed');
    }
  });
  test('a title that names a type or an element keeps its words; a title in HTML loses only its markup', () => {
    const titles = (feed: { entries: { title: string }[] }) => feed.entries.map((e) => e.title);
    const item = (title: string, n: number) => `<item><title>${title}</title><link>https://blog.example.com/${n}</link></item>`;
    const feed = parseFeed(rss([
      'Why Vec&lt;T&gt; beats List&lt;T&gt;',
      'An odd &lt;heading&gt; and a &lt; b',
      'The &amp;lt;dialog&amp;gt; element, escaped twice',
      'Using &lt;b&gt;bold&lt;/b&gt; in a title',
      '<![CDATA[Tom &amp; Jerry <i>again</i>]]>',
      '&lt;script&gt;alert(1)&lt;/script&gt;Hello',
    ].map(item).join('')));
    assert.deepEqual(titles(feed), ['Why Vec<T> beats List<T>', 'An odd <heading> and a < b', 'The <dialog> element, escaped twice', 'Using bold in a title', 'Tom & Jerry again', 'Hello']);
    const json = parseFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Map<K, V> notes', items: [
      { id: '1', url: 'https://j.example/1', title: 'HashMap<K, V> & friends' },
      { id: '2', url: 'https://j.example/2', title: 'Tom &amp; Jerry' },
    ] }));
    assert.equal(json.title, 'Map<K, V> notes');
    assert.deepEqual(titles(json), ['HashMap<K, V> & friends', 'Tom & Jerry']);
  });
});

