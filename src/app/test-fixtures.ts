// Issues for publishing tests, written here (not taken from the real weekly's samples): a few
// words rotate so titles differ, every issue has Chinese and English, some items carry tags,
// stars and images, and one item carries hostile text.

import { DEMO_PUBLICATION } from '../core/demo-publication.ts';
import { normaliseIssue, type Issue, type Item, type Publication } from '../core/model.ts';
import { openStore, type Store } from '../store/db.ts';
import { updatePublication, usePublication, type StoredPublication } from '../store/publications.ts';

const TOPICS = [
  { zh: '异步编程', en: 'async programming', tag: 'Python' },
  { zh: '类型检查', en: 'type checking', tag: 'Python' },
  { zh: '数据库索引', en: 'database indexes', tag: 'SQL' },
  { zh: '性能分析', en: 'profiling', tag: 'Rust' },
  { zh: '打包发布', en: 'packaging', tag: 'Python' },
];

export function testPublication(over: Partial<Publication> = {}): Publication {
  return { ...DEMO_PUBLICATION, publishing: { siteUrl: 'https://weekly.example.com', editions: { site: 'teaser', feed: 'teaser', email: 'teaser', telegram: 'teaser', git: 'full' } }, ...over };
}

export function testIssue(n: number, opts: { hostile?: boolean } = {}): Issue {
  const t = TOPICS[n % TOPICS.length]!;
  const date = new Date(Date.UTC(2025, 0, 4) + (n - 1) * 7 * 86_400_000).toISOString().slice(0, 10);
  const items: Item[] = [
    {
      section: 'articles',
      position: 0,
      url: `https://blog.example.org/${n}/guide`,
      image: n % 2 ? `https://img.example.org/${n}.png` : null,
      meta: {},
      texts: {
        zh: { title: `第 ${n} 期的${t.zh}指南`, blurb: `一篇讲${t.zh}的长文，附带 \`code\` 示例和**重点**。`, imageAlt: `${t.zh}示意图` },
        en: { title: `A guide to ${t.en} (${n})`, blurb: `A long read on ${t.en}, with \`code\` samples and **key points**.`, imageAlt: `${t.en} diagram` },
      },
    },
    {
      section: 'projects',
      position: 0,
      url: `https://github.com/example/tool${n}`,
      image: null,
      meta: { stars: 1000 + n, language: t.tag },
      texts: {
        zh: { title: `tool${n}：${t.zh}工具`, blurb: `一个用于${t.zh}的开源工具。` },
        en: { title: `tool${n}: a ${t.en} tool`, blurb: `An open-source tool for ${t.en}.` },
      },
    },
    {
      section: 'discussions',
      position: 0,
      url: `https://news.example.org/item?id=${n}`,
      image: null,
      meta: { tags: ['Community'] },
      texts: {
        zh: { title: `大家如何看待${t.zh}？`, blurb: opts.hostile ? '<script>alert(1)</script> 点这里 [x](javascript:alert(2)) <img src=x onerror=alert(3)>' : `关于${t.zh}的讨论。` },
        en: { title: `What do you think of ${t.en}?`, blurb: opts.hostile ? '<script>alert(1)</script> click [x](javascript:alert(2)) <img src=x onerror=alert(3)>' : `A discussion of ${t.en}.` },
      },
    },
  ];
  return normaliseIssue({
    number: n,
    date,
    status: 'published',
    edition: 'full',
    editions: [
      { lang: 'zh', edition: 'full', title: `${t.zh}专题` },
      { lang: 'en', edition: 'full', title: `On ${t.en}` },
    ],
    items,
  });
}

export function testIssues(count: number): Issue[] {
  return Array.from({ length: count }, (_, i) => testIssue(i + 1, { hostile: i === 1 }));
}

/** A store (in memory unless `url` says otherwise) holding the test publication, ready to use. */
export async function storeWithTestPublication(url = 'sqlite::memory:'): Promise<{ store: Store; stored: StoredPublication }> {
  const store = await openStore(url);
  const { id } = await usePublication(store.db);
  await updatePublication(store.db, id, testPublication());
  return { store, stored: await usePublication(store.db) };
}
