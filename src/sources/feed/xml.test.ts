import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { generateFeeds } from '../../../bench/generate-feeds.ts';
import { DepthError } from '../../html/depth.ts';
import { parseXml, type XmlNode } from './xml.ts';

/** A tree as plain data: what the feed readers see of it (the parent links left out). */
const plain = (n: XmlNode): unknown => (n.type === 'text' ? n.data : { name: n.name, qname: n.qname, attribs: { ...n.attribs }, at: [n.start, n.end], children: n.children.map(plain) });
const both = (xml: string) => {
  const fast = parseXml(xml);
  const lenient = parseXml(xml, { tokenizer: 'lenient' });
  return { fast, lenient, same: () => assert.deepEqual({ ...fast, root: fast.root && plain(fast.root), tokenizer: '' }, { ...lenient, root: lenient.root && plain(lenient.root), tokenizer: '' }) };
};

test('a well-formed feed is read by the strict tokenizer into the tree htmlparser2 builds, markup of every kind', () => {
  const feeds = [
    // Namespaces by any prefix, a default namespace changing inside, entities named and numeric,
    // CDATA beside text, comments (one holding "</x>"), quotes of both kinds, a duplicate attribute
    // (the first counts), a self-closing tag with and without a space, a closing tag with space before ">".
    `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss>
<!-- made by hand </item> -->
<rss version='2.0' xmlns:D="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
  <channel><title>T &amp; &#169; &eacute; &nbsp;x</title>
    <item><title>A <![CDATA[<b>bold</b> & </i>]]> tail</title><D:creator>Ann</D:creator>
      <link>https://a.example/1?x=1&amp;y=2</link><media:thumbnail url="https://a.example/t.png" url="ignored"/>
      <enclosure url="https://a.example/e.mp3" length="12" type="audio/mpeg" /><guid isPermaLink="false">1</guid>
    </item >
    <item><title/><description>&lt;p&gt;Hi&lt;/p&gt;</description></item>
  </channel>
</rss>
`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh"><title type="html">&lt;em&gt;标题&lt;/em&gt;</title>
<entry><id>tag:x,2024:1</id><link rel="alternate" href="/p/1"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hi <a href="/x">there</a></p></div></content></entry></feed>`,
    `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><channel rdf:about="x"><title>R</title></channel><item rdf:about="https://r.example/1"><title>One</title></item></rdf:RDF>`,
  ];
  for (const xml of feeds) {
    const { fast, same } = both(xml);
    assert.equal(fast.tokenizer, 'strict', xml.slice(0, 60));
    same();
  }
  // What the builder makes of it, said outright: the CDATA kept as written and joined to the text around it.
  const { fast } = both(feeds[0]!);
  const channel = fast.root!.children.find((c) => c.type === 'tag' && c.qname === 'channel');
  const item = channel?.type === 'tag' ? channel.children.find((c) => c.type === 'tag' && c.qname === 'item') : undefined;
  assert.ok(item?.type === 'tag');
  const title = item.children.find((c) => c.type === 'tag' && c.qname === 'title');
  assert.deepEqual(title?.type === 'tag' && title.children, [{ type: 'text', data: 'A <b>bold</b> & </i> tail' }]);
  assert.ok(item.children.some((c) => c.type === 'tag' && c.qname === 'dc:creator'));
  // The element's markup ends past its closing tag's ">", the space before it included.
  assert.ok(feeds[0]!.slice(item.start, item.end).endsWith('</item >'));
});

test('markup the strict tokenizer does not read the way htmlparser2 does is left to htmlparser2, with the same result', () => {
  const broken = [
    '<rss><channel><item><title>unclosed</channel></rss>', // misnested
    '<rss><channel><title>a < b</title></channel></rss>', // a bare "<"
    '<rss><channel><item><link href=unquoted>x</link></item></channel></rss>',
    '<rss><channel><item><enclosure url="a" length></item></channel></rss>', // an attribute without a value
    '<!DOCTYPE rss [<!ENTITY e "boom">]><rss><channel><title>&e;</title></channel></rss>', // an internal subset
    '<rss><channel><title>cut off</title>', // unclosed at the end
    '<rss><channel></rss></channel>',
    '<rss><!----><channel/></rss>',
    '<rss><channel><title>x</title></channel></rss><!-- no end',
  ];
  for (const xml of broken) {
    const { fast, same } = both(xml);
    assert.equal(fast.tokenizer, 'lenient', xml);
    same();
  }
  assert.equal(parseXml(broken[0]!).balanced, false);
  assert.equal(parseXml('<rss><channel><title>a & b</title></channel></rss>').bareAmpersand, true);
});

test('nesting past the limit is refused by either tokenizer, naming the line', () => {
  const deep = `<rss>\n${'<x>'.repeat(1200)}${'</x>'.repeat(1200)}</rss>`;
  for (const tokenizer of ['strict', 'lenient'] as const) {
    assert.throws(() => parseXml(deep, { tokenizer }), (e: Error) => e instanceof DepthError && /line 2/.test(e.message));
  }
});

test('generated feeds of every format the collector meets are read strictly, each to the same tree', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-xml-'));
  try {
    generateFeeds(dir, 30, 11);
    let read = 0;
    for (const name of readdirSync(dir)) {
      const raw = readFileSync(join(dir, name));
      const xml = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      if (xml.startsWith('{')) continue;
      const { fast, same } = both(xml);
      assert.equal(fast.tokenizer, 'strict', name);
      same();
      read++;
    }
    assert.equal(read, 20);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
