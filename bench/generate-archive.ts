// A synthetic archive in the house style: N issues, about 30 items each, Chinese and English.
// Deterministic (seeded), so runs compare.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ZH_WORDS = '异步 并发 类型 测试 解释器 编译器 数据库 缓存 日志 性能 内存 模块 标准库 装饰器 生成器 协程 网络 爬虫 可视化 部署 容器 接口 框架 插件 模型 向量 索引 队列 调度 安全'.split(' ');
const EN_WORDS = 'async concurrency types testing interpreter compiler database cache logging performance memory module stdlib decorator generator coroutine network scraper charts deploy container API framework plugin model vector index queue scheduler security'.split(' ');

export function generateArchive(dir: string, issues = 500, seed = 42): { files: number; bytes: number } {
  const rand = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const zhSentence = (n: number) => Array.from({ length: n }, () => pick(ZH_WORDS)).join('') + '。';
  const enSentence = (n: number) => {
    const s = Array.from({ length: n }, () => pick(EN_WORDS)).join(' ');
    return s[0]!.toUpperCase() + s.slice(1) + '.';
  };
  mkdirSync(join(dir, 'zh'), { recursive: true });
  mkdirSync(join(dir, 'en'), { recursive: true });
  let files = 0;
  let bytes = 0;
  const start = Date.UTC(2023, 4, 13);
  for (let n = 1; n <= issues; n++) {
    const date = new Date(start + (n - 1) * 7 * 86400000).toISOString().slice(0, 10);
    const sections = [
      { zh: '🦄文章&教程', en: '🦄Articles & Tutorials', count: 12 + Math.floor(rand() * 3) },
      { zh: '🐿️项目&资源', en: '🐿️Projects & Resources', count: 12 + Math.floor(rand() * 3) },
      { zh: '🐢播客&视频', en: '🐢Podcasts & Videos', count: 2 + Math.floor(rand() * 3) },
      { zh: '🥂讨论&问题', en: '🥂Discussions & Questions', count: 1 + Math.floor(rand() * 3) },
    ];
    const items = sections.map((s, si) =>
      Array.from({ length: s.count }, (_, i) => ({
        url: `https://${si === 1 ? 'github.com/example' : `site${Math.floor(rand() * 400)}.example.com`}/${n}-${si}-${i}`,
        zhTitle: zhSentence(3 + Math.floor(rand() * 4)).slice(0, -1),
        enTitle: enSentence(4 + Math.floor(rand() * 5)).slice(0, -1),
        zhBlurb: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => zhSentence(6 + Math.floor(rand() * 8))).join(''),
        enBlurb: Array.from({ length: 2 + Math.floor(rand() * 3) }, () => enSentence(8 + Math.floor(rand() * 10))).join(' '),
        stars: si === 1 && rand() < 0.6 ? (1 + Math.floor(rand() * 300)) / 10 : 0,
        image: rand() < 0.15 ? `https://img.example.com/${n}-${si}-${i}.png` : '',
        foreign: rand() < 0.5,
      })),
    );
    const zhTitle = items[0]![0]!.zhTitle;
    const enTitle = items[0]![0]!.enTitle;
    let zh = `---\ntitle: 'Python 潮流周刊#${n}：${zhTitle}'\npubDate: ${date}\nauthor: '编辑部'\n---\n\n每周精选 Python 与通用技术内容。\n\n本期分享了 ${items[0]!.length} 篇文章，${items[1]!.length} 个开源项目，全文 3000 字。\n`;
    let en = `# Python Trending Weekly #${n}: ${enTitle}\n\nA weekly pick of Python reads.\n`;
    sections.forEach((s, si) => {
      zh += `\n## [${s.zh}](https://example.com/join)\n`;
      en += `\n## [${s.en}](https://example.com/join)\n`;
      items[si]!.forEach((it, i) => {
        const zs = it.stars ? `（star ${it.stars}K）` : '';
        const es = it.stars ? ` (${it.stars}K stars)` : '';
        zh += `\n${i + 1}、[${it.zhTitle}](${it.url})${it.foreign ? '（英文）' : ''}\n\n${it.zhBlurb}${zs}\n`;
        en += `\n${i + 1}. [${it.enTitle}](${it.url})\n\n${it.enBlurb}${es}\n`;
        if (it.image) {
          zh += `\n![](${it.image})\n`;
          en += `\n![](${it.image})\n`;
        }
      });
    });
    zh += `\n## 🐱欢迎订阅\n\n欢迎通过 RSS 订阅。\n`;
    for (const [lang, text] of [
      ['zh', zh],
      ['en', en],
    ] as const) {
      writeFileSync(join(dir, lang, `${date}-weekly.md`), text);
      files++;
      bytes += Buffer.byteLength(text);
    }
  }
  return { files, bytes };
}
