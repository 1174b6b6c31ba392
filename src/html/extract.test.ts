import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractArticle } from './extract.ts';

const page = (body: string, head = '') => `<!doctype html><html lang="en"><head><title>Site | A post</title>${head}</head><body>${body}</body></html>`;
const para = (s: string, n: number) => `<p>${Array.from({ length: n }, () => s).join(' ')}</p>`;

test('finds the article, its excerpt, lead image, author, date and reading time', () => {
  const html = page(
    `<nav><a href="/">Home</a> <a href="/about">About</a></nav>
     <article><h1>Profiling asyncio</h1><p class="byline">By Ada Lovelace</p>
     ${para('Find the slow task by sampling the event loop and reading the stacks of pending tasks.', 40)}
     ${para('Then fix it with a thread pool or a better query.', 40)}
     <script>steal()</script><img src="/img/flame.png" onerror="x()"></article>
     <footer>© Example</footer>`,
    `<meta property="og:image" content="/img/lead.png"><meta property="article:published_time" content="2030-11-20T08:00:00Z"><meta name="author" content="Ada Lovelace">`,
  );
  const a = extractArticle(html, 'https://blog.example.com/posts/asyncio')!;
  assert.ok(a);
  assert.match(a.text, /^Find the slow task/m);
  assert.ok(!a.text.includes('Home'), 'navigation is left out');
  assert.equal(a.image, 'https://blog.example.com/img/lead.png');
  assert.equal(a.published, '2030-11-20T08:00:00.000Z');
  assert.equal(a.lang, 'en');
  assert.match(a.author ?? '', /Ada Lovelace/);
  assert.ok(a.words > 900 && a.words < 1100, `words ${a.words}`);
  assert.equal(a.readingMinutes, Math.round(a.words / 230));
  assert.ok(!/script|onerror|steal/.test(a.html));
  assert.match(a.html, /src="https:\/\/blog\.example\.com\/img\/flame\.png"/);
});

test('Chinese pages read at 400 characters a minute and are detected as Chinese', () => {
  const html = `<html><head><title>x</title></head><body><article>${para('这是一段用于测试的中文文章内容，讲解异步编程的性能分析方法。', 60)}</article></body></html>`;
  const a = extractArticle(html, 'https://cn.example.com/p/1')!;
  assert.equal(a.lang, 'zh');
  assert.equal(a.readingMinutes, Math.max(1, Math.round((a.text.match(/\p{Script=Han}/gu)!.length) / 400)));
});

test('a page with nothing to read gives nothing', () => {
  assert.equal(extractArticle(page('<div><a href="/x">x</a></div>'), 'https://e.example.com/'), null);
});
