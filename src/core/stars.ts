// Star counts as the weekly writes them: 950, 1.2K, 27.5K, 1.5M.

export function formatStars(n: number): string {
  // 999,999 rounds to 1000.0K: that is 1M.
  if (n >= 999_950) return `${trim((n / 1_000_000).toFixed(1))}M`;
  if (n >= 1000) return `${trim((n / 1000).toFixed(1))}K`;
  return String(n);
}

export function parseStars(s: string): number | undefined {
  const m = /^([\d.,]+)\s*([KkMm万]?)$/.exec(s.trim());
  if (!m) return undefined;
  const base = Number(m[1]!.replaceAll(',', ''));
  if (!Number.isFinite(base)) return undefined;
  const mult = { '': 1, k: 1000, K: 1000, m: 1e6, M: 1e6, 万: 10000 }[m[2]!] ?? 1;
  return Math.round(base * mult);
}

function trim(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}
