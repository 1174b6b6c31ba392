import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeHTML } from 'entities';
import { htmlPreview } from './preview.ts';
import { cutAtWord } from '../text/summary.ts';
import { stripTags } from './sanitize.ts';

describe('text preview of ingested HTML', () => {
  test('keeps the words a reader sees, one paragraph a line, entities decoded', () => {
    const p = htmlPreview('<h2>Why   asyncio?</h2>\n<p>Tasks &amp; timeouts,&nbsp;explained.</p><ul><li>one</li><li>two</li></ul>');
    assert.equal(p.text, 'Why asyncio?\nTasks & timeouts, explained.\none\ntwo');
  });

  test('drops scripts, styles, comments and whatever hides inside them', () => {
    const p = htmlPreview('<p>Before<script>document.write("<p>injected</p>")</script><style>p{}</style><!-- <b>note</b> --> after</p><noscript>enable JS</noscript>');
    assert.equal(p.text, 'Before after');
  });

  test('a ">" inside a quoted attribute does not end the tag', () => {
    assert.equal(htmlPreview('<a title="a > b" href="/x">link</a> text').text, 'link text');
  });

  test('a "<" that starts no tag is text, and the text is never markup', () => {
    assert.equal(htmlPreview('if a < b &lt;i&gt;then&lt;/i&gt;').text, 'if a < b <i>then</i>');
  });

  test('an unclosed script hides the rest, an unclosed tag ends the text', () => {
    assert.equal(htmlPreview('<p>kept</p><script>alert(1)').text, 'kept');
    assert.equal(htmlPreview('<p>kept <a href="x').text, 'kept');
  });

  test('is cut at a word boundary with an ellipsis', () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const p = htmlPreview(`<p>${words}</p>`, { maxChars: 100 });
    assert.ok(p.text.length <= 100, `${p.text.length}`);
    assert.match(p.text, /^word0 word1 .* word\d+…$/);
    const emoji = htmlPreview(`<p>${'😀'.repeat(80)}</p>`, { maxChars: 100 }).text;
    assert.ok(emoji.endsWith('😀…') && emoji.length <= 100, 'no half of a character is left at the cut');
  });

  test('a long paragraph reads the same however its entities and white space fall', () => {
    // What the preview must equal: the whole paragraph decoded, white space collapsed, then cut.
    const expected = (raw: string, max: number) => cutAtWord(decodeHTML(raw).replace(/[\s\u00a0]+/g, ' ').trim(), max);
    for (let shift = 0; shift < 80; shift++) {
      const raw = `${'x'.repeat(shift)} ${Array.from({ length: 60 }, (_, i) => (i % 3 ? `w${i} &amp; &eacute;t&eacute;` : `w${i}${' '.repeat(40)}&#x4e2d;\n`)).join(' ')}`;
      for (const max of [40, 120]) assert.equal(htmlPreview(`<p>${raw}</p>`, { maxChars: max }).text, expected(raw, max), `shift ${shift}, max ${max}`);
    }
  });

  test('finds the first real image and makes it absolute; pixels and scripts are not images', () => {
    const base = 'https://blog.example.com/posts/1';
    assert.equal(htmlPreview('<p>hi<img src="/track.gif" width="1" height="1"><img src="javascript:alert(1)"><img alt="a>b" src="../img/a.png"></p>', { base }).image, 'https://blog.example.com/img/a.png');
    assert.equal(htmlPreview('<img src="data:image/png;base64,AAAA">', { base }).image, undefined);
  });

  test('reads the same words as the sanitiser over varied markup', () => {
    const docs = [
      '<div class="x"><p>One <b>two</b> <i>three</i></p><p>four&#39;s <a href="#">five</a></p></div>',
      '<table><tr><td>a</td><td>b</td></tr></table><pre>code  block</pre>',
      '<p>Title &mdash; sub&hellip; &#x4e2d;&#25991;</p><br/><img src="x.png" alt="">end',
      '<p>1 &lt; 2 and 3 > 2</p><iframe src="https://www.youtube.com/embed/x"></iframe><p>after</p>',
    ];
    for (const html of docs) assert.equal(htmlPreview(html).text.replace(/\s+/g, ''), stripTags(html).replace(/\s+/g, ''), html);
  });
});
