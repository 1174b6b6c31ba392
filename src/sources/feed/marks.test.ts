import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readFeed, type FeedRead } from './read.ts';

const known = (r: FeedRead) => new Map(r.marks);
const rss = (items: string[], link = 'https://blog.example.com/') =>
  Buffer.from(`<?xml version="1.0"?>\n<rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"><channel><title>Blog</title><link>${link}</link>\n${items.join('\n')}\n</channel></rss>`);
const post = (i: number, extra = '') => `<item><title>Post ${i}</title><link>https://blog.example.com/p/${i}</link><description>&lt;p&gt;Text of post ${i}&lt;/p&gt;</description>${extra}</item>`;
const URL_ = 'https://blog.example.com/feed.xml';

describe('a feed read again reads only what changed', () => {
  test('the next day: only the new entry is read; the others are counted as seen and keep their marks', () => {
    const day1 = readFeed(rss([1, 2, 3, 4].map((i) => post(i))), 'application/rss+xml', URL_);
    assert.equal(day1.sightings.length, 4);
    assert.equal(day1.marks.length, 4);
    const day2 = readFeed(rss([5, 1, 2, 3, 4].map((i) => post(i))), 'application/rss+xml', URL_, { known: known(day1) });
    assert.deepEqual(day2.sightings.map((s) => s.title), ['Post 5']);
    assert.equal(day2.unchanged, 4);
    assert.equal(day2.marks.length, 5, 'what to know the day after: all five');
    // And the day after that, with nothing new, nothing is read and nothing is forgotten.
    const day3 = readFeed(rss([5, 1, 2, 3, 4].map((i) => post(i))), 'application/rss+xml', URL_, { known: known(day2) });
    assert.equal(day3.sightings.length, 0);
    assert.equal(day3.unchanged, 5);
    assert.deepEqual(new Set(day3.marks), new Set(day2.marks));
  });

  test('an entry that changed anywhere (its comment count, its title) is read again', () => {
    const day1 = readFeed(rss([post(1, '<slash:comments>3</slash:comments>'), post(2)]), undefined, URL_);
    const day2 = readFeed(rss([post(1, '<slash:comments>9</slash:comments>'), post(2).replace('Post 2', 'Post 2, corrected')]), undefined, URL_, { known: known(day1) });
    assert.deepEqual(day2.sightings.map((s) => [s.title, s.comments]), [['Post 1', 9], ['Post 2, corrected', 0]]);
    assert.equal(day2.unchanged, 0);
  });

  test('a new episode of a show whose episodes all link to its home page is told apart like the others', () => {
    const ep = (i: number) => `<item><title>Episode ${i}</title><link>https://show.example.com/</link><guid isPermaLink="false">ep-${i}</guid><enclosure url="https://cdn.example.com/ep${i}.mp3" type="audio/mpeg" length="100"/></item>`;
    const day1 = readFeed(rss([1, 2, 3].map(ep), 'https://show.example.com/'), undefined, URL_);
    assert.equal(new Set(day1.sightings.map((s) => s.url)).size, 3);
    // A feed with only one entry of that link would be keyed by it; the ones left unread still count.
    const day2 = readFeed(rss([4, 1, 2, 3].map(ep), 'https://show.example.com/'), undefined, URL_, { known: known(day1) });
    assert.deepEqual(day2.sightings.map((s) => s.url), ['https://cdn.example.com/ep4.mp3']);
  });

  test('markup of an entry quoted in CDATA or a comment is not taken for the entry', () => {
    const quoting = `<item><title>On feeds</title><link>https://blog.example.com/p/9</link><description><![CDATA[An item looks like ${post(1)} in a feed.]]></description></item>`;
    const day1 = readFeed(rss([post(1), quoting]), undefined, URL_);
    assert.equal(day1.sightings.length, 2);
    // The quoting entry changes; the quoted copy inside it must stay where it is.
    const changed = quoting.replace('On feeds', 'On feeds, again');
    const day2 = readFeed(rss([post(1), `<!-- ${post(1)} -->`, changed]), undefined, URL_, { known: known(day1) });
    assert.deepEqual(day2.sightings.map((s) => s.title), ['On feeds, again']);
    assert.match(day2.sightings[0]!.summary, /An item looks like .*Text of post 1.* in a feed/, 'the quoted copy is still in the text');
    assert.equal(day2.unchanged, 1);
  });

  test('Atom entries and JSON Feed items are known again too', () => {
    const atom = (ids: number[]) =>
      Buffer.from(`<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${ids.map((i) => `<entry><id>tag:a,2030:${i}</id><title>Entry ${i}</title><link href="https://a.example.com/${i}"/><updated>2030-01-0${i}T00:00:00Z</updated></entry>`).join('')}</feed>`);
    const a1 = readFeed(atom([1, 2]), 'application/atom+xml', URL_);
    const a2 = readFeed(atom([3, 1, 2]), 'application/atom+xml', URL_, { known: known(a1) });
    assert.deepEqual([a2.sightings.map((s) => s.title), a2.unchanged], [['Entry 3'], 2]);
    const json = (ids: number[]) => Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: ids.map((i) => ({ id: String(i), url: `https://j.example.com/${i}`, title: `Item ${i}`, content_html: '<p>x</p>' })) }));
    const j1 = readFeed(json([1, 2]), 'application/feed+json', URL_);
    const j2 = readFeed(json([3, 1, 2]), 'application/feed+json', URL_, { known: known(j1) });
    assert.deepEqual([j2.sightings.map((s) => s.title), j2.unchanged], [['Item 3'], 2]);
  });

  test('a feed read with marks from before gives what a first reading gives for its new entries', () => {
    const items = [7, 1, 2, 3].map((i) => post(i, `<category>c${i}</category><pubDate>Mon, 0${i} Jan 2030 10:00:00 GMT</pubDate>`));
    const first = readFeed(rss(items.slice(1)), undefined, URL_);
    const again = readFeed(rss(items), undefined, URL_, { known: known(first) });
    const whole = readFeed(rss(items), undefined, URL_);
    assert.deepEqual(again.sightings, whole.sightings.slice(0, 1));
    assert.deepEqual(new Set(again.marks), new Set(whole.marks));
  });
});

describe('a JSON Feed read again', () => {
  const item = (i: number, extra: Record<string, unknown> = {}) => ({ id: `https://j.example.com/${i}`, url: `https://j.example.com/${i}`, title: `Item ${i}`, content_html: `<p>Text of item ${i}</p>`, ...extra });
  const doc = (items: unknown[], pre: Record<string, unknown> = {}, post: Record<string, unknown> = {}) =>
    Buffer.from(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', ...pre, items, ...post }, null, 1));

  test('its known items are cut from the text unparsed; the new and the changed ones are read as a whole reading reads them', () => {
    // Text in items that looks like JSON structure: braces, brackets, quotes, escaped quotes and backslashes.
    const tricky = item(2, { title: 'Item 2 {"items": [1, 2]} \\" ] } \\\\', tags: ['a', 'b]'], attachments: [{ url: 'https://cdn.example.com/2.mp3', mime_type: 'audio/mpeg' }] });
    const day1 = readFeed(doc([item(1), tricky, null, item(3)]), 'application/feed+json', URL_);
    assert.equal(day1.sightings.length, 3);
    const day2Items = [item(4), item(1), tricky, null, item(3, { title: 'Item 3, corrected' })];
    const day2 = readFeed(doc(day2Items, { description: 'an "items" key in a string' }, { _ext: { items: [{ id: 'x' }] } }), 'application/feed+json', URL_, { known: known(day1) });
    assert.deepEqual(day2.sightings.map((s) => s.title), ['Item 4', 'Item 3, corrected']);
    assert.equal(day2.unchanged, 2);
    const whole = readFeed(doc(day2Items, { description: 'an "items" key in a string' }, { _ext: { items: [{ id: 'x' }] } }), 'application/feed+json', URL_);
    assert.deepEqual(day2.sightings, [whole.sightings[0], whole.sightings[3]]);
    assert.deepEqual(new Set(day2.marks), new Set(whole.marks));
  });

  test('a document whose items the scan is not sure of is read whole, and still known the next day', () => {
    // "items" twice: JSON.parse takes the last, so the scan gives up rather than guess.
    const twice = (items: unknown[]) => Buffer.from(`{"version":"https://jsonfeed.org/version/1","title":"J","items":[${JSON.stringify(item(9))}],"items":${JSON.stringify(items)}}`);
    const day1 = readFeed(twice([item(1), item(2)]), 'application/feed+json', URL_);
    assert.deepEqual(day1.sightings.map((s) => s.title), ['Item 1', 'Item 2']);
    const day2 = readFeed(twice([item(3), item(1), item(2)]), 'application/feed+json', URL_, { known: known(day1) });
    assert.deepEqual([day2.sightings.map((s) => s.title), day2.unchanged], [['Item 3'], 2]);
  });

  test('broken JSON is named as it came, cut or not', () => {
    const day1 = readFeed(doc([item(1), item(2)]), 'application/feed+json', URL_);
    const broken = Buffer.from(doc([item(1), item(2)]).toString().replace('"title": "J"', '"title": tru'));
    assert.throws(() => readFeed(broken, 'application/feed+json', URL_, { known: known(day1) }), (e: Error) => {
      assert.throws(() => readFeed(broken, 'application/feed+json', URL_), { message: e.message });
      return /not valid JSON/.test(e.message);
    });
  });
});
