// A span of time as people say it in the CLI and in score explanations: "47 min", "5 h", "3 days".

/** Hours under two days in hours, longer in days; under 90 minutes in minutes when `minutes` is set. */
export function spanText(hours: number, opts: { minutes?: boolean } = {}): string {
  if (opts.minutes && hours < 1.5) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} days`;
}
