import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { demoIssue } from '../core/demo-issue.ts';
import { DEMO_PUBLICATION as pub } from '../core/demo-publication.ts';
import type { Issue } from '../core/model.ts';
import { renderEdition } from './render.ts';
import { renderTelegram } from '../channels/telegram/format.ts';

const issue = demoIssue(new Date('2030-05-04'));

describe('an issue made in Pressroom renders in the house style', () => {
  const zh = renderEdition(issue, pub, 'zh', 'full');

  test('front matter with title, date and author', () => {
    assert.ok(zh.startsWith("---\ntitle: 'Python 潮流周刊#1：欢迎使用 Pressroom'\npubDate: 2030-05-04\nauthor: '编辑部'\n---\n\n"));
  });

  test('section headings and numbered items with their blurbs, marks and stars', () => {
    assert.match(zh, /\n## 🦄文章&教程\n\n1、\[Python 新版本有哪些变化\]\(https:\/\/docs\.python\.org\/3\/whatsnew\/\)（英文）\n\n官方文档里/);
    assert.match(zh, /\n## 🐿️项目&资源\n\n1、\[cpython：Python 编程语言\]\(https:\/\/github\.com\/python\/cpython\)\n\nPython 的参考实现，解释器与标准库都在这里开发。（star 65.4K）\n/);
  });

  test('a counts line that follows the items', () => {
    assert.match(zh, /本期分享了 1 篇文章，1 个开源项目，全文 100 字。/);
    const more: Issue = structuredClone(issue);
    more.items.push({ ...structuredClone(more.items[0]!), position: 1, url: 'https://example.com/2' });
    assert.match(renderEdition(more, pub, 'zh', 'full'), /本期分享了 2 篇文章，1 个开源项目/);
  });

  test('English uses its own marker, stars and title line', () => {
    const en = renderEdition(issue, pub, 'en', 'full');
    assert.ok(en.startsWith('# Python Trending Weekly #1: Welcome to Pressroom\n\n'));
    assert.match(en, /\n1\. \[cpython: The Python programming language\]\(https:\/\/github\.com\/python\/cpython\)\n\nThe reference implementation .* developed\. \(65\.4K stars\)\n/);
  });

  test('a note renders in the language template', () => {
    const noted: Issue = structuredClone(issue);
    noted.items[0]!.texts.zh!.note = '[另一篇](https://example.com/b)';
    assert.match(renderEdition(noted, pub, 'zh', 'full'), /改动。（附：\[另一篇\]\(https:\/\/example\.com\/b\)）\n/);
  });
});

describe('teaser and Telegram', () => {
  test('the teaser lists titles under bold section links, without blurbs', () => {
    const t = renderEdition(issue, pub, 'zh', 'teaser');
    assert.match(t, /\*\*\[🦄文章&教程\]\(https:\/\/example\.com\/weekly\)\*\*\n\n① Python 新版本有哪些变化\n/);
    assert.ok(!t.includes('官方文档'));
    assert.match(t, /订阅专栏即可阅读第 1 期的全文：https:\/\/example\.com\/weekly/);
  });

  test('a long issue is cut to fit one Telegram message and says where the rest is', () => {
    const big: Issue = structuredClone(issue);
    for (let i = 1; i < 400; i++) big.items.push({ ...structuredClone(big.items[0]!), position: i, url: `https://example.com/${i}` });
    const msg = renderTelegram(big, pub, 'zh');
    assert.equal(msg.truncated, true);
    assert.ok(msg.text.length <= 4096, `length ${msg.text.length}`);
    assert.ok(msg.text.endsWith('订阅专栏即可阅读第 1 期的全文：https://example.com/weekly'));
    assert.equal(renderTelegram(issue, pub, 'zh').truncated, false);
  });
});
