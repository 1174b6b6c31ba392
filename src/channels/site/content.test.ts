import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import MarkdownIt from 'markdown-it';
import { testIssues, testPublication } from '../../app/test-fixtures.ts';
import { editionBody, inlineToHtml, markdownToHtml } from './content.ts';
import { plainText } from '../../text/word-count.ts';

/** What a browser would run or fetch from a page: every href and src, decoded. */
const targets = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!.replace(/&#(x?)([0-9a-f]+);?/gi, (_, x, n) => String.fromCodePoint(parseInt(n, x ? 16 : 10))).replace(/&amp;/g, '&'));

describe('Markdown to HTML', () => {
  it('renders an issue as markdown-it does, with lazy images and no heading anchors', () => {
    const md = new MarkdownIt({ html: false });
    const pub = testPublication();
    for (const issue of testIssues(6))
      for (const lang of ['zh', 'en']) {
        const body = editionBody(issue, pub, lang, 'full');
        const ours = markdownToHtml(body);
        const theirs = md.render(body);
        // The same elements and text; the two differ only in how they write the same character
        // and in the order of an image's attributes.
        const norm = (h: string) => h.replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/<img [^>]*>/g, '<img>').replace(/\s+/g, ' ').trim();
        assert.equal(norm(ours), norm(theirs), `issue ${issue.number} ${lang}`);
        assert.equal(ours.match(/<img /g)?.length ?? 0, ours.match(/<img loading="lazy" decoding="async" /g)?.length ?? 0, 'every image loads lazily');
        assert.doesNotMatch(ours, /class="anchor"/);
      }
  });

  it('never lets a script scheme through, however it is written', () => {
    const hostile = [
      '[a](javascript:alert(1))',
      '[a](JaVaScRiPt:alert(1))',
      '[a](&#106;avascript:alert(1))',
      '[a](&#x6A;avascript&colon;alert(1))',
      '[a](java&#x09;script:alert(1))',
      '[a]( javascript:alert(1) )',
      '[a][r]\n\n[r]: javascript:alert(1)',
      '<javascript:alert(1)>',
      '![i](data:text/html;base64,PHNjcmlwdD4=)',
      '![i](vbscript:msgbox)',
      '[a](file:///etc/passwd)',
      '## heading [a](javascript:x)',
    ];
    for (const text of hostile) {
      const html = markdownToHtml(`# Title\n\n${text}\n\n[ok](https://example.com/?a=1&b=2)`);
      for (const url of targets(html)) assert.match(new URL(url, 'https://weekly.example.com/issues/1/').protocol, /^(https?|mailto):$/, `${JSON.stringify(text)} gave ${url}`);
      assert.match(html, /href="https:\/\/example\.com\/\?a=1&amp;b=2"/, 'the good link stays');
    }
  });

  it('escapes raw HTML instead of passing it through', () => {
    const html = markdownToHtml('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> and <b onclick="x">b</b>');
    assert.doesNotMatch(html, /<script|<b |<img src=x/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('renders inline text as markdown-it does, with or without markup', () => {
    const md = new MarkdownIt({ html: false });
    const parts = ['一个工具', ' plain words ', '**bold**', '`code`', '[link](https://x.example/?a=1&b=2)', '<b>', 'a & b', '"quoted"', 'C:\\path', 'line\nbreak', '~~gone~~', 'x_y_z', '1. not a list', '# not a heading', '![img](https://x.example/i.png)', 'https://x.example/'];
    for (const a of parts) for (const b of parts) assert.equal(inlineToHtml(a + b), md.renderInline(a + b).replace(/<img ([^>]*)>/g, '<img $1 loading="lazy" decoding="async">'), JSON.stringify(a + b));
  });

  it('makes plain text of titles with and without markup', () => {
    assert.equal(plainText('一个没有标记的标题'), '一个没有标记的标题');
    assert.equal(plainText('1、[一个链接](https://x.example/) 和 **粗体**'), '一个链接 和   粗体  ');
    assert.equal(plainText('see https://x.example/a now'), 'see   now');
  });

  it('loads images lazily and keeps their alt text', () => {
    assert.match(markdownToHtml('![a diagram](https://img.example.org/1.png)'), /<img loading="lazy" decoding="async" src="https:\/\/img\.example\.org\/1\.png" alt="a diagram">/);
  });
});

describe('a title from a feed, picked into an issue', () => {
  it('stays words on the page: no link, no image, no autolink of its own', async () => {
    const { candidateItem } = await import('../../app/triage.ts');
    const pub = testPublication();
    const [issue] = testIssues(1);
    const titles = ['Great read](https://evil.example/login) [.', '![x](https://evil.example/pixel.png)', 'See <https://evil.example/auto>', 'Plain title with snake_case'];
    titles.forEach((title, k) => {
      const item = candidateItem('zh', pub.languages, {}, { id: 100 + k, url: `https://blog.example.org/feed-${k}`, title, lang: 'zh', stars: null, kind: 'article' }, 'articles', null);
      issue!.items.push({ ...item, position: 10 + k });
    });
    const html = markdownToHtml(editionBody(issue!, pub, 'zh', 'full'));
    assert.deepEqual(targets(html).filter((t) => t.includes('evil.example')), [], 'no address from a title is linked or loaded');
    const shown = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    for (const title of titles) assert.ok(shown.includes(title), `"${title}" is shown as written`);
  });
});

describe('a link digest on the site', () => {
  it('keeps each "1、…" line its own line, where a paragraph would run them together', () => {
    const digest = '## 🦄文章\n\n1、[第一篇](https://a.example/1)\n2、[第二篇](https://a.example/2)\n3、[第三篇](https://a.example/3)\n';
    const lines = markdownToHtml(digest, { lines: true });
    assert.equal(lines.match(/<br\s*\/?>/g)?.length, 2, lines);
    assert.doesNotMatch(markdownToHtml(digest), /<br/, 'an issue keeps its soft breaks soft');
  });
});
