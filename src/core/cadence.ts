// When the next issue is due: the weekly's own rhythm, read from the dates of its last issues.

/**
 * The date of the next draft: one publishing interval after the latest issue (the usual gap
 * between the last few, a week when there are fewer than two), and never before today.
 */
export function nextIssueDate(latestFirst: string[], today: Date): string {
  const day = 86_400_000;
  const t = latestFirst.map((d) => Date.parse(d)).filter((x) => Number.isFinite(x));
  const gaps = t.slice(1).map((x, i) => Math.round((t[i]! - x) / day)).filter((g) => g >= 1).sort((a, b) => a - b);
  const interval = gaps.length ? gaps[Math.floor(gaps.length / 2)]! : 7;
  const next = t.length ? t[0]! + interval * day : today.getTime();
  return new Date(Math.max(next, Date.parse(today.toISOString().slice(0, 10)))).toISOString().slice(0, 10);
}
