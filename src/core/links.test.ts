import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertSafeLinks, escapeMarkdownText, linkProblem, safeLink, unescapeMarkdownText } from './links.ts';
import type { Issue } from './model.ts';

/** Spellings of a script link that browsers run, as found in the wild and in the probe. */
export const SCRIPT_LINKS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  ' \u0001javascript:alert(1)',
  'vbscript:msgbox(1)',
  'data:text/html,<script>alert(1)</script>',
  'javascript&#58;alert(1)',
  'javascript&colon;alert(1)',
];

describe('the link policy', () => {
  for (const url of SCRIPT_LINKS) {
    test(`refuses ${JSON.stringify(url)} as a link and as an image`, () => {
      assert.ok(linkProblem(url, 'link'), url);
      assert.ok(linkProblem(url, 'image'), url);
      assert.equal(safeLink(url), undefined);
    });
  }

  test('keeps http, https and mailto links, and relative ones unless absolute is asked for', () => {
    for (const url of ['https://example.com/a?b=1#c', 'http://example.com', 'HTTPS://EXAMPLE.COM', 'mailto:editor@example.com', '/uploads/a.png', 'issues/3/', '#top', '//cdn.example.com/x.png']) {
      assert.equal(linkProblem(url), undefined, url);
      assert.equal(safeLink(url), url);
    }
    assert.match(linkProblem('/issues/3/', 'link', { absolute: true })!, /not an absolute/);
  });

  test('an image is http(s) or relative: mailto is a link, not an image', () => {
    assert.equal(linkProblem('mailto:a@example.com', 'link'), undefined);
    assert.match(linkProblem('mailto:a@example.com', 'image')!, /"mailto:", which is not allowed/);
  });

  test('an issue with a script link is refused with the issue and the item named', () => {
    const issue: Issue = {
      number: 7,
      date: '2026-01-03',
      status: 'draft',
      edition: 'full',
      editions: [],
      items: [
        { section: 'articles', position: 0, url: 'https://ok.example.com', meta: {}, texts: { zh: { title: '好的', blurb: '' } } },
        { section: 'articles', position: 1, url: 'https://ok.example.com/2', image: 'JaVaScRiPt:alert(1)', meta: {}, texts: { zh: { title: '坏的图片', blurb: '' } } },
      ],
    };
    assert.throws(() => assertSafeLinks(issue), /issue #7: "坏的图片": image "JaVaScRiPt:alert\(1\)" uses "javascript:"/);
  });

  test('a title from a feed cannot open a link or an image in Markdown', () => {
    assert.equal(escapeMarkdownText('Great read](https://evil.example/login) [.'), 'Great read\\](https://evil.example/login) \\[.');
    assert.equal(escapeMarkdownText('![x](https://evil.example/p.png)'), '!\\[x\\](https://evil.example/p.png)');
    assert.equal(escapeMarkdownText('<https://evil.example>'), '\\<https://evil.example\\>');
    assert.equal(escapeMarkdownText('snake_case and *stars* stay as they are'), 'snake_case and *stars* stay as they are');
  });

  test('a title shown unrendered reads as it was written, escapes and all taken out', () => {
    for (const title of ['Why Vec<T> beats list[int]', 'a \\ b, \\[not a link\\]', '<https://x.example>', 'plain', '`code` and *stars*']) {
      assert.equal(unescapeMarkdownText(escapeMarkdownText(title)), title);
    }
    assert.equal(unescapeMarkdownText('1\\. not a list, \\*not emphasis\\*'), '1\\. not a list, \\*not emphasis\\*', 'escapes an editor wrote are kept');
  });
});
