// 500 feeds of realistic size and shape: RSS 2.0, Atom 1.0 and JSON Feed, 20 to 100 entries,
// HTML descriptions, some gzipped, a fifth in Chinese. Deterministic. With `newEntries`, the same
// feeds as they read a day later: that many new entries on top of each, the rest as they were.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const WORDS = 'python async typing packaging performance database testing web api data science machine learning interpreter compiler memory garbage collector profiler release security cli tooling notebook'.split(' ');
// A weekly like this one reads Chinese blogs too: every fifth feed is written in Chinese.
const WORDS_ZH = '异步 类型 打包 性能 数据库 测试 网络 接口 数据 科学 机器 学习 解释器 编译器 内存 垃圾回收 分析器 发布 安全 命令行 工具 笔记本 教程 项目'.split(' ');
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function generateFeeds(dir: string, count = 500, seed = 7, opts: { newEntries?: number } = {}): { files: string[]; entries: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  const rand = rng(seed);
  // Entries go back from today, as a live feed's do: the newest an hour old, the oldest months.
  const today = Math.floor(Date.now() / 86_400_000) * 86_400_000;
  let zh = false;
  const words = (n: number) => (zh ? Array.from({ length: n }, () => WORDS_ZH[Math.floor(rand() * WORDS_ZH.length)]).join('') : Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' '));
  const files: string[] = [];
  let entries = 0;
  let bytes = 0;
  for (let f = 0; f < count; f++) {
    zh = f % 5 === 1;
    const n = 20 + Math.floor(rand() * 81);
    entries += n;
    const host = `https://site${f}.example.com`;
    // A day's new entries take nothing from the generator, so the older entries stay the same.
    const fresh = Array.from({ length: opts.newEntries ?? 0 }, (_, k) => ({
      title: `${zh ? WORDS_ZH[(f + k) % WORDS_ZH.length] : WORDS[(f + k) % WORDS.length]} ${f}-${k}`,
      link: `${host}/posts/new-${k}`,
      date: new Date(today + 3_600_000 * (k + 1)),
      html: `<p>${zh ? WORDS_ZH.join('') : WORDS.join(' ')}</p>`,
      category: zh ? WORDS_ZH[f % WORDS_ZH.length] : WORDS[f % WORDS.length],
    }));
    entries += fresh.length;
    const items = [
      ...fresh,
      ...Array.from({ length: n }, (_, i) => ({
        title: words(4 + Math.floor(rand() * 6)),
        link: `${host}/posts/${i}-${Math.floor(rand() * 1e6)}${rand() < 0.2 ? '?utm_source=rss' : ''}`,
        date: new Date(today - i * 3_600_000 * (1 + Math.floor(rand() * 20))),
        html: `<p>${words(40 + Math.floor(rand() * 120))}</p><p><a href="/about">${words(3)}</a> <img src="/img/${i}.png"></p>`,
      })),
    ];
    const kind = f % 3;
    let body: string;
    let name: string;
    if (kind === 0) {
      name = `feed${f}.rss`;
      body = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Site ${f}</title><link>${host}/</link><description>${words(8)}</description>\n${items
        .map((it) => `<item><title>${esc(it.title)}</title><link>${esc(it.link)}</link><guid>${esc(it.link)}</guid><pubDate>${it.date.toUTCString()}</pubDate><dc:creator>Author ${f}</dc:creator><description>${esc(it.html)}</description><category>${'category' in it ? it.category : words(1)}</category></item>`)
        .join('\n')}\n</channel></rss>\n`;
    } else if (kind === 1) {
      name = `feed${f}.atom`;
      body = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Site ${f}</title><link href="${host}/"/><id>${host}/</id><updated>2030-11-20T00:00:00Z</updated>\n${items
        .map((it) => `<entry><title>${esc(it.title)}</title><link rel="alternate" href="${esc(it.link)}"/><id>${esc(it.link)}</id><updated>${it.date.toISOString()}</updated><author><name>Author ${f}</name></author><content type="html">${esc(it.html)}</content></entry>`)
        .join('\n')}\n</feed>\n`;
    } else {
      name = `feed${f}.json`;
      body = JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: `Site ${f}`,
        home_page_url: `${host}/`,
        items: items.map((it) => ({ id: it.link, url: it.link, title: it.title, content_html: it.html, date_published: it.date.toISOString() })),
      });
    }
    const gz = f % 4 === 0;
    const data = gz ? gzipSync(body) : Buffer.from(body);
    writeFileSync(join(dir, gz ? `${name}.gz` : name), data);
    files.push(name);
    bytes += Buffer.byteLength(body);
  }
  return { files, entries, bytes };
}

// Run as a script (bench/collect.ts does, so that the generator's garbage is not in the heap of
// the process it measures): `generate-feeds.ts DIR COUNT [NEW_ENTRIES]` prints what generateFeeds returns.
if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const [dir, count, fresh] = process.argv.slice(2);
  console.log(JSON.stringify(generateFeeds(dir!, Number(count), undefined, { newEntries: Number(fresh ?? 0) })));
}
