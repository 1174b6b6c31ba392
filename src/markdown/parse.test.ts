import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { DEMO_PUBLICATION as pub } from '../core/demo-publication.ts';
import { mergeEdition } from '../core/merge.ts';
import { MarkdownError } from './errors.ts';
import { parseEdition } from './parse.ts';
import { renderEdition } from './render.ts';

const dir = join(import.meta.dirname, 'testdata');
const read = (p: string) => readFileSync(join(dir, p), 'utf8');
const parse = (p: string) => parseEdition(read(p), pub, { file: p });

function roundTrip(p: string): string {
  const ed = parse(p);
  const issue = mergeEdition(undefined, ed, { ...pub, sections: [...pub.sections, ...ed.newSections] });
  return renderEdition(issue, { ...pub, sections: [...pub.sections, ...ed.newSections] }, ed.lang, ed.edition);
}

describe('reading a full Chinese edition with front matter', () => {
  const ed = parse('archive/zh/2030-01-05-weekly.md');

  test('finds number, date, language, title and description', () => {
    assert.equal(ed.number, 201);
    assert.equal(ed.date, '2030-01-05');
    assert.equal(ed.lang, 'zh');
    assert.equal(ed.edition, 'full');
    assert.equal(ed.title, '用标准库写一个小型数据库');
    assert.equal(ed.description, '本期主题是存储与测试');
  });

  test('puts items into the publication sections in order', () => {
    assert.deepEqual(
      ed.items.map((i) => [i.section, i.text.title]),
      [
        ['articles', '只用 sqlite3 模块实现一个键值存储'],
        ['articles', '给异步代码写测试的五个建议'],
        ['articles', '字节码里的模式匹配'],
        ['projects', 'tinyq：基于文件的任务队列'],
        ['projects', 'shelfie：终端里的书架管理器'],
        ['discussions', '你会在新项目里用类型检查吗？'],
      ],
    );
  });

  test('takes star counts, notes, images and foreign-language marks out of the blurb', () => {
    const [kv, tips, , tinyq, shelfie] = ed.items;
    assert.equal(kv!.text.note, '[作者上一篇讲 WAL 的文章](https://blog.example.com/wal)');
    assert.ok(kv!.text.blurb.endsWith('最后与 dbm 做了性能对比。'));
    assert.equal(tips!.image, 'https://img.example.com/async-tips.png');
    assert.equal(tips!.text.suffix, '（英文）');
    assert.equal(tips!.meta.sourceLang, 'en');
    assert.equal(tinyq!.meta.stars, 1200);
    assert.equal(shelfie!.meta.stars, 950);
    assert.ok(!tinyq!.text.blurb.includes('star'));
  });

  test('keeps free sections as free text', () => {
    const free = ed.layout.blocks.filter((b) => b.kind === 'section' && !['articles', 'projects', 'discussions'].includes(b.key));
    assert.deepEqual(
      free.map((b) => b.kind === 'section' && b.key),
      ['past', 'subscribe'],
    );
  });
});

describe('reading other formats', () => {
  test('an English edition with an H1 title and "1." numbering', () => {
    const ed = parse('archive/en/2030-01-05-weekly.md');
    assert.equal(ed.lang, 'en');
    assert.equal(ed.number, 201);
    assert.equal(ed.date, '2030-01-05', 'date from the file name');
    assert.equal(ed.items.length, 6);
    assert.equal(ed.items[3]!.meta.stars, 1200);
    assert.equal(ed.items[0]!.text.note, "[the author's earlier post on WAL](https://blog.example.com/wal)");
  });

  test('a teaser edition with bold headings and circled numbers', () => {
    const ed = parse('archive/zh/2030-01-12-weekly.md');
    assert.equal(ed.edition, 'teaser');
    assert.equal(ed.number, 202);
    assert.deepEqual(
      ed.items.map((i) => [i.section, i.text.title, i.url]),
      [
        ['articles', '测试金字塔过时了吗？', null],
        ['articles', '为日志加上结构', null],
        ['articles', '浮点数求和的陷阱', null],
        ['projects', 'pathwalk：更快的目录遍历', null],
        ['projects', 'quill：命令行记事本', null],
      ],
    );
  });

  test('an early issue with CRLF line ends and an item whose link was removed', () => {
    const ed = parse('archive/zh/2029-06-01-weekly.md');
    assert.equal(ed.layout.eol, '\r\n');
    assert.equal(ed.items.length, 3);
    assert.equal(ed.items[1]!.url, null);
    assert.deepEqual(ed.warnings, ['archive/zh/2029-06-01-weekly.md:14: item without a link']);
  });

  test('a bilingual title keeps its original half as metadata and renders back unchanged', () => {
    const src = '# Python 潮流周刊#5：x\n\n## 🦄文章&教程\n\n1、[异步编程指南---A Guide to Async](https://a.example.com/)\n\n简介。\n';
    const ed = parseEdition(src, pub, { file: 'zh/2029-05-01-weekly.md' });
    assert.equal(ed.items[0]!.meta.originalTitle, 'A Guide to Async');
    assert.equal(ed.items[0]!.text.title, '异步编程指南---A Guide to Async');
    assert.equal(renderEdition(mergeEdition(undefined, ed, pub), pub, 'zh', 'full'), src);
  });
});

describe('round trip', () => {
  for (const file of ['archive/zh/2030-01-05-weekly.md', 'archive/en/2030-01-05-weekly.md', 'archive/zh/2030-01-12-weekly.md', 'archive/zh/2029-06-01-weekly.md']) {
    test(`${file} renders back byte for byte`, () => {
      assert.equal(roundTrip(file), read(file));
    });
  }

  test('a byte-order mark survives', () => {
    const src = '\uFEFF' + read('archive/en/2030-01-05-weekly.md');
    const ed = parseEdition(src, pub, { file: 'en/2030-01-05-weekly.md' });
    assert.equal(renderEdition(mergeEdition(undefined, ed, pub), pub, 'en', 'full'), src);
  });
});

describe('bad files', () => {
  const failsWith = (p: string, line: number, reason: RegExp) => {
    assert.throws(
      () => parse(p),
      (e: unknown) => e instanceof MarkdownError && e.file === p && e.line === line && reason.test(e.message),
    );
  };
  test('unclosed front matter names the file and line 1', () => failsWith('bad/2029-07-01-unclosed.md', 1, /front matter is not closed/));
  test('an item link that is not closed names its line', () => failsWith('bad/2029-07-08-broken-link.md', 5, /item link is not closed/));
  test('an item link that would run a script names its line, however it is spelled', () => failsWith('bad/2029-07-15-script-links.md', 9, /link "JaVaScRiPt:alert\(document\.cookie\)" uses "javascript:", which is not allowed/));
  test('an image that would run a script names its item\'s line', () => failsWith('bad/2029-07-22-script-image.md', 5, /image "javascript:alert\(1\)" uses "javascript:"/));
  test('a file without an issue number says so', () => failsWith('bad/notes.md', 1, /no issue number/));
  test('an empty file says so', () => assert.throws(() => parseEdition('  \n', pub, { file: 'x.md' }), /x\.md:1: the file is empty/));
});
