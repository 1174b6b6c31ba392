// A word cloud of a season, per language: words found by Intl.Segmenter (so Chinese and Japanese
// are cut into words, not characters), stop words left out (a list per language that the
// publication extends), and laid out on a spiral from the middle so that no two words overlap
// (boxes measured from the text: a CJK character is a square, a Latin letter about half one).
// A word that finds no room is left out, and counted.

import { escapeHtml as esc } from '../html/escape.ts';
import { isWide } from '../text/width.ts';
import { PALETTE } from './charts.ts';

const STOP: Record<string, string[]> = {
  zh: '的 了 和 是 在 与 及 或 等 对 中 为 一个 一些 这个 那个 这些 我们 你们 他们 它们 可以 使用 如何 什么 为什么 以及 进行 通过 其中 一篇 文章 介绍 一种 以下 已经 还有 没有 就是 不是 这样 如果 因为 所以 但是 然后 并且 而且 自己 非常 很多 更多 支持 提供 作者 内容 方式 问题 相关 主要 包括 实现 开源 项目 工具 一款 基于 用于 能够 需要 这是 分享 本期 周刊 这篇文章 等等 它的 作为 怎样 利用'.split(' '),
  en: 'the a an and or of to in on for with from by at as is are was were be been it its this that these those you your we our they their he she his her not no but if so than then into about over more most how what why when which who can will just also new using use used via vs one two all any some out up https http www com org'.split(' '),
  ja: 'の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による ず なり られる において ば なかっ なく しかし について せ だっ その後 できる それ う ので なお のみ でき き つ における および いう さらに でも ら たり その他 に関する たち ます ん なら'.split(' '),
};

/** The language's stop words, English's too (titles in any language carry English words), and the publication's own. */
export function stopWords(lang: string, extra: string[] = []): Set<string> {
  return new Set([...(STOP[lang] ?? []), ...STOP.en!, ...extra].map((w) => w.toLowerCase()));
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** The words of some texts, counted, most first. */
export function countWords(texts: string[], lang: string, stop: Set<string>): { text: string; weight: number }[] {
  const seg = new Intl.Segmenter(lang, { granularity: 'word' });
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const s of seg.segment(text)) {
      if (!s.isWordLike) continue;
      const w = s.segment.toLowerCase();
      // A number, a version, a size or an address is not a word to show.
      if (!/[\p{L}]/u.test(w) || /[./:]/.test(w) || /^\d/.test(w) || stop.has(w)) continue;
      // One Chinese character is rarely a word worth showing; a Latin word is one of three letters or more.
      if (CJK.test(w) ? [...w].length < 2 : w.length < 3) continue;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return [...counts].map(([text, weight]) => ({ text, weight })).sort((a, b) => b.weight - a.weight || a.text.localeCompare(b.text));
}

export interface Placed {
  text: string;
  weight: number;
  /** The text's centre and box. */
  x: number;
  y: number;
  size: number;
  w: number;
  h: number;
}

// A wide (CJK) character is a square; a Latin letter about 0.6 of one, a capital or an m wider.
const widthOf = (text: string, size: number) => [...text].reduce((n, ch) => n + (isWide(ch) ? 1 : /[A-Z@#%&MWmw]/.test(ch) ? 0.78 : 0.62), 0) * size;

/** Places words on an Archimedean spiral from the middle, largest first, none overlapping. */
export function layoutCloud(words: { text: string; weight: number }[], opts: { width: number; height: number; minSize?: number; maxSize?: number; padding?: number }): { placed: Placed[]; dropped: number } {
  const { width, height } = opts;
  const minSize = opts.minSize ?? 11;
  const maxSize = opts.maxSize ?? 56;
  const pad = opts.padding ?? 2;
  const top = words[0]?.weight ?? 1;
  const low = words.at(-1)?.weight ?? 1;
  const CELL = 24;
  const cols = Math.ceil(width / CELL);
  const grid = new Map<number, Placed[]>();
  const cellsOf = (x0: number, y0: number, x1: number, y1: number) => {
    const out: number[] = [];
    for (let cy = Math.max(0, Math.floor(y0 / CELL)); cy <= Math.floor(y1 / CELL); cy++) for (let cx = Math.max(0, Math.floor(x0 / CELL)); cx <= Math.floor(x1 / CELL); cx++) out.push(cy * cols + cx);
    return out;
  };
  const placed: Placed[] = [];
  let dropped = 0;
  let misses = 0;
  const failed: { w: number; h: number }[] = [];
  for (const word of words) {
    const t = top === low ? 1 : Math.sqrt((word.weight - low) / (top - low));
    const size = Math.round(minSize + (maxSize - minSize) * t);
    const w = widthOf(word.text, size) + pad * 2;
    const h = size * 1.15 + pad * 2;
    let done = false;
    // The spiral: step a little along it until the box is free, or the canvas is left behind.
    // Once words of the smallest size keep finding no room, the canvas is full: the rest are left
    // out. A box no smaller either way than one that found no room finds none either.
    if (misses >= 30 || failed.some((f) => w >= f.w && h >= f.h)) {
      dropped++;
      continue;
    }
    // Steps along the curve of a third of the word's height, however far out it has come.
    const step = Math.max(3, h / 3);
    for (let a = 0, r = 0; r < Math.max(width, height); a += Math.min(0.35, step / Math.max(r, 1))) {
      r = 1.6 * a;
      const x = width / 2 + r * Math.cos(a) * (width / height);
      const y = height / 2 + r * Math.sin(a);
      const x0 = x - w / 2, x1 = x + w / 2, y0 = y - h / 2, y1 = y + h / 2;
      if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) continue;
      const cells = cellsOf(x0, y0, x1, y1);
      const hit = cells.some((c) => grid.get(c)?.some((p) => x0 < p.x + p.w / 2 && x1 > p.x - p.w / 2 && y0 < p.y + p.h / 2 && y1 > p.y - p.h / 2));
      if (hit) continue;
      const p: Placed = { text: word.text, weight: word.weight, x, y, size, w, h };
      placed.push(p);
      for (const c of cells) grid.set(c, [...(grid.get(c) ?? []), p]);
      done = true;
      break;
    }
    if (!done) {
      dropped++;
      failed.push({ w, h });
    }
    misses = done ? 0 : size <= minSize ? misses + 1 : misses;
  }
  return { placed, dropped };
}

/** Whether any two placed words overlap: what the layout promises never happens. */
export function overlaps(placed: Placed[]): [string, string] | undefined {
  for (let i = 0; i < placed.length; i++) {
    const a = placed[i]!;
    for (let j = i + 1; j < placed.length; j++) {
      const b = placed[j]!;
      if (Math.abs(a.x - b.x) * 2 < a.w + b.w - 0.01 && Math.abs(a.y - b.y) * 2 < a.h + b.h - 0.01) return [a.text, b.text];
    }
  }
  return undefined;
}

export function cloudSvg(c: { id: string; title: string; lang: string; width: number; height: number; placed: Placed[] }): string {
  const desc = `${c.placed.length} words, the most frequent first: ${c.placed.slice(0, 15).map((p) => `${p.text} (${p.weight})`).join(', ')}`;
  const words = c.placed
    .map((p, i) => `<text x="${p.x.toFixed(1)}" y="${(p.y + p.size * 0.36).toFixed(1)}" style="font-size:${p.size}px" text-anchor="middle" fill="${PALETTE[i % PALETTE.length]}"><title>${esc(`${p.text}: ${p.weight}`)}</title>${esc(p.text)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${c.width} ${c.height}" width="${c.width}" height="${c.height}" role="img" aria-labelledby="${c.id}-t ${c.id}-d" xml:lang="${c.lang}" lang="${c.lang}" class="pr-cloud"><title id="${c.id}-t">${esc(c.title)}</title><desc id="${c.id}-d">${esc(desc)}</desc><style>.pr-cloud .bg{fill:#fff}.pr-cloud text{font-family:system-ui,"PingFang SC","Noto Sans CJK SC","Noto Sans CJK JP",sans-serif;font-weight:600}@media (prefers-color-scheme:dark){.pr-cloud .bg{fill:#16171b}}</style><rect class="bg" width="${c.width}" height="${c.height}" rx="8"/>${words}</svg>`;
}
