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

/** The numbers a title carries, in order: a version, an episode, an issue. */
function numbersOf(key: string): string[] {
  return key.match(/\p{N}+/gu) ?? [];
}

/** Titles alike but for their numbers are different stories: "Django 5.1 released" and "Django
 * 5.2 released", "Episode 3: …" and "Episode 4: …". One number list that starts the other
 * ("3.14" and "3.14.0") may be the same story. */
function differentNumbers(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return true;
  return false;
}

/**
 * Groups titles that are near-duplicates (bigram Jaccard ≥ threshold). Returns, for each
 * index, the index of its group's first member. Titles whose numbers differ are never grouped, nor
 * any pair `apart` names (the caller's knowledge: two entries of one feed are two stories).
 *
 * Exact, and near-linear on real inboxes by prefix filtering (Bayardo et al., "Scaling up all
 * pairs similarity search"): each title's bigrams are ordered rarest first across all titles;
 * two titles with Jaccard ≥ t must share one of the first |A| - ⌈t·|A|⌉ + 1 of them, so only
 * those are indexed and compared. Common bigrams ("th", "on") never make pairs to test.
 */
export function groupNearDuplicates(titles: string[], threshold = 0.75, apart?: (i: number, j: number) => boolean): number[] {
  const keys = titles.map(titleKey);
  const sets = keys.map(shingles);
  const numbers = keys.map(numbersOf);
  const df = new Map<string, number>();
  for (const k of sets) for (const g of k) df.set(g, (df.get(g) ?? 0) + 1);
  const group = titles.map((_t, i) => i);
  const index = new Map<string, number[]>();
  sets.forEach((set, i) => {
    const ordered = [...set].sort((a, b) => df.get(a)! - df.get(b)! || (a < b ? -1 : a > b ? 1 : 0));
    const prefix = ordered.length - Math.ceil(threshold * ordered.length) + 1;
    const seen = new Set<number>();
    for (let p = 0; p < prefix; p++) for (const j of index.get(ordered[p]!) ?? []) seen.add(j);
    const lo = threshold * set.size;
    const hi = set.size / threshold;
    for (const j of [...seen].sort((a, b) => a - b)) {
      const other = sets[j]!;
      if (other.size < lo || other.size > hi) continue; // Jaccard ≥ t needs sizes within a factor t
      let both = 0;
      for (const g of set) if (other.has(g)) both++;
      if (both / (set.size + other.size - both) >= threshold && !differentNumbers(numbers[i]!, numbers[j]!) && !apart?.(i, j)) {
        group[i] = group[j]!;
        break;
      }
    }
    for (let p = 0; p < prefix; p++) {
      const list = index.get(ordered[p]!);
      if (list) list.push(i);
      else index.set(ordered[p]!, [i]);
    }
  });
  return group;
}
