// Near-duplicate titles: the same story under slightly different headlines.

export function titleKey(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function shingles(key: string): Set<string> {
  const s = key.replace(/ /g, '');
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

export function similarity(a: string, b: string): number {
  const x = shingles(titleKey(a));
  const y = shingles(titleKey(b));
  if (!x.size || !y.size) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return both / (x.size + y.size - both);
}

/**
 * Groups titles that are near-duplicates (bigram Jaccard ≥ threshold). Returns, for each
 * index, the index of its group's first member.
 */
export function groupNearDuplicates(titles: string[], threshold = 0.75): number[] {
  const keys = titles.map((t) => shingles(titleKey(t)));
  const group = titles.map((_t, i) => i);
  const index = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const counts = new Map<number, number>();
    for (const g of k) for (const j of index.get(g) ?? []) counts.set(j, (counts.get(j) ?? 0) + 1);
    for (const [j, both] of counts) {
      const sim = both / (k.size + keys[j]!.size - both);
      if (sim >= threshold) {
        group[i] = group[j]!;
        break;
      }
    }
    for (const g of k) {
      const list = index.get(g);
      if (list) list.push(i);
      else index.set(g, [i]);
    }
  });
  return group;
}
