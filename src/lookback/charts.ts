// Charts as SVG, drawn on the server: readable without JavaScript, in light and dark (the SVG's
// own style follows prefers-color-scheme, also as an <img>), each with a title and a description
// that says its numbers in words for a screen reader. Scales, ticks and paths are d3's
// (d3-scale, d3-shape); the markup is written here, every text escaped.

import { max, sum } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { escapeHtml as esc } from '../html/escape.ts';
import { cutToColumns } from '../text/width.ts';

export const PALETTE = ['#3b6fd8', '#e0892b', '#2f9e6b', '#c4467a', '#8a63d2', '#7a8794'];

// Scoped to the chart: inline in a page, an SVG's style sheet is the page's too.
const STYLE = `
.pr-chart .bg{fill:#fff}.pr-chart .fg{fill:#1b1b1f}.pr-chart .muted{fill:#5b5d66}.pr-chart .grid{stroke:#e3e5ea}.pr-chart .axis{stroke:#8a8d96}.pr-chart .line{stroke:#3b6fd8;fill:none;stroke-width:2}
.pr-chart text{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC",sans-serif;font-size:12px}
.pr-chart .title{font-size:15px;font-weight:600}
@media (prefers-color-scheme:dark){.pr-chart .bg{fill:#16171b}.pr-chart .fg{fill:#e6e7eb}.pr-chart .muted{fill:#a3a6b0}.pr-chart .grid{stroke:#2c2f36}.pr-chart .axis{stroke:#5a5e69}.pr-chart .line{stroke:#7aa7ff}}`;

export interface ChartBase {
  /** Unique on the page: the SVG's element ids start with it. */
  id: string;
  title: string;
  /** What it shows, in words: the text alternative. */
  desc: string;
  width?: number;
}

function frame(c: ChartBase, height: number, body: string): string {
  const w = c.width ?? 720;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${height}" width="${w}" height="${height}" role="img" aria-labelledby="${c.id}-t ${c.id}-d" class="pr-chart"><title id="${c.id}-t">${esc(c.title)}</title><desc id="${c.id}-d">${esc(c.desc)}</desc><style>${STYLE}</style><rect class="bg" width="${w}" height="${height}" rx="8"/><text class="title fg" x="16" y="26">${esc(c.title)}</text>${body}</svg>`;
}


const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en') : n.toFixed(1));

/** Horizontal bars, one a row: top domains, sources, projects' stars, pick rates. */
export function barChart(c: ChartBase & { rows: { label: string; value: number; note?: string }[]; unit?: string }): string {
  const w = c.width ?? 720;
  const labelW = 200;
  const rowH = 22;
  const top = 44;
  const h = top + c.rows.length * rowH + 28;
  const x = scaleLinear().domain([0, max(c.rows, (r) => r.value) || 1]).nice().range([labelW, w - 70]);
  const ticks = x.ticks(5);
  const grid = ticks.map((t) => `<line class="grid" x1="${x(t)}" x2="${x(t)}" y1="${top - 6}" y2="${h - 24}"/><text class="muted" x="${x(t)}" y="${h - 8}" text-anchor="middle">${fmt(t)}</text>`).join('');
  const bars = c.rows
    .map((r, i) => {
      const y = top + i * rowH;
      return `<text class="fg" x="${labelW - 8}" y="${y + 15}" text-anchor="end">${esc(cutToColumns(r.label, 30))}</text><rect x="${labelW}" y="${y + 3}" width="${Math.max(1, x(r.value) - labelW)}" height="${rowH - 7}" rx="3" fill="${PALETTE[0]}"><title>${esc(`${r.label}: ${fmt(r.value)}${c.unit ?? ''}${r.note ? ` (${r.note})` : ''}`)}</title></rect><text class="muted" x="${x(r.value) + 6}" y="${y + 15}">${fmt(r.value)}${esc(c.unit ?? '')}</text>`;
    })
    .join('');
  return frame(c, h, grid + bars);
}

/** Columns stacked by series over issues: items per section per issue. */
export function stackedColumns(c: ChartBase & { x: number[]; series: { label: string; values: number[] }[] }): string {
  const w = c.width ?? 720;
  const h = 300;
  const m = { top: 44, right: 16, bottom: 52, left: 44 };
  const totals = c.x.map((_, i) => sum(c.series, (s) => s.values[i] ?? 0));
  const x = scaleBand<number>().domain(c.x).range([m.left, w - m.right]).padding(0.15);
  const y = scaleLinear().domain([0, max(totals) || 1]).nice().range([h - m.bottom, m.top]);
  const grid = y.ticks(5).map((t) => `<line class="grid" x1="${m.left}" x2="${w - m.right}" y1="${y(t)}" y2="${y(t)}"/><text class="muted" x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`).join('');
  const every = Math.max(1, Math.ceil(c.x.length / 15));
  const labels = c.x.map((n, i) => (i % every ? '' : `<text class="muted" x="${x(n)! + x.bandwidth() / 2}" y="${h - m.bottom + 16}" text-anchor="middle">${n}</text>`)).join('');
  let cols = '';
  c.x.forEach((n, i) => {
    let base = 0;
    c.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (!v) return;
      cols += `<rect x="${x(n)}" y="${y(base + v)}" width="${x.bandwidth()}" height="${y(base) - y(base + v)}" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`#${n} ${s.label}: ${v}`)}</title></rect>`;
      base += v;
    });
  });
  const legend = c.series.map((s, k) => `<g transform="translate(${m.left + k * 130},${h - 18})"><rect width="10" height="10" y="-9" fill="${PALETTE[k % PALETTE.length]}"/><text class="fg" x="14">${esc(cutToColumns(s.label, 16))}</text></g>`).join('');
  return frame(c, h, grid + cols + labels + legend);
}

/** A line over issues: words per issue. */
export function lineChart(c: ChartBase & { points: { x: number; y: number }[]; unit?: string }): string {
  const w = c.width ?? 720;
  const h = 260;
  const m = { top: 44, right: 16, bottom: 30, left: 56 };
  const xs = c.points.map((p) => p.x);
  const lo = xs.length ? Math.min(...xs) : 0;
  const hi = xs.length ? Math.max(...xs) : 1;
  const x = scaleLinear().domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi]).range([m.left + 8, w - m.right - 8]);
  const y = scaleLinear().domain([0, max(c.points, (p) => p.y) || 1]).nice().range([h - m.bottom, m.top]);
  const grid = y.ticks(5).map((t) => `<line class="grid" x1="${m.left}" x2="${w - m.right}" y1="${y(t)}" y2="${y(t)}"/><text class="muted" x="${m.left - 6}" y="${y(t) + 4}" text-anchor="end">${fmt(t)}</text>`).join('');
  const xt = x.ticks(Math.min(10, c.points.length)).filter(Number.isInteger).map((t) => `<text class="muted" x="${x(t)}" y="${h - 10}" text-anchor="middle">${t}</text>`).join('');
  const path = line<{ x: number; y: number }>().x((p) => x(p.x)).y((p) => y(p.y))(c.points) ?? '';
  const dots = c.points.length <= 60 ? c.points.map((p) => `<circle cx="${x(p.x)}" cy="${y(p.y)}" r="2.5" fill="${PALETTE[0]}"><title>#${p.x}: ${fmt(p.y)}${esc(c.unit ?? '')}</title></circle>`).join('') : '';
  return frame(c, h, `${grid}${xt}<path class="line" d="${path}"/>${dots}`);
}

/** One bar split into shares: the links' languages. */
export function shareBar(c: ChartBase & { rows: { label: string; value: number }[] }): string {
  const w = c.width ?? 720;
  const h = 110;
  const total = sum(c.rows, (r) => r.value) || 1;
  const x = scaleLinear().domain([0, total]).range([16, w - 16]);
  let at = 0;
  const parts = c.rows
    .map((r, k) => {
      const share = `${((r.value / total) * 100).toFixed(1)}%`;
      const part = `<rect x="${x(at)}" y="44" width="${Math.max(0, x(at + r.value) - x(at))}" height="24" fill="${PALETTE[k % PALETTE.length]}"><title>${esc(`${r.label}: ${r.value} (${share})`)}</title></rect>`;
      at += r.value;
      return part;
    })
    .join('');
  const legend = c.rows.map((r, k) => `<g transform="translate(${16 + k * 150},92)"><rect width="10" height="10" y="-9" fill="${PALETTE[k % PALETTE.length]}"/><text class="fg" x="14">${esc(`${cutToColumns(r.label, 10)} ${((r.value / total) * 100).toFixed(1)}%`)}</text></g>`).join('');
  return frame(c, h, parts + legend);
}
