// The editor's look back: lookback/report.ts over what readers have of the issues, with the pick
// rate of each source (the editor's own decisions, which readers never see).

import { seasonNumbers, type Lang } from '../core/model.ts';
import { lookbackReport, type LookBack } from '../lookback/report.ts';
import { decisionsBySource } from '../store/candidates.ts';
import type { Db } from '../store/db.ts';
import { liveIssues } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { listSources } from '../store/sources.ts';

export type { Chart, LookBack } from '../lookback/report.ts';

export async function lookBack(db: Db, stored: StoredPublication, opts: { season?: number | undefined; lang?: Lang | undefined; ui?: string | undefined } = {}): Promise<LookBack> {
  // A season's page reads its 30 issues, not the archive.
  const numbers = opts.season === undefined ? undefined : seasonNumbers(opts.season);
  const [issues, decisions, sources] = await Promise.all([liveIssues(db, stored.id, numbers), decisionsBySource(db, stored.id), listSources(db, stored.id)]);
  const names = new Map(sources.map((s) => [s.id, s.title || s.url]));
  const rates = [...decisions].map(([id, d]) => ({ label: names.get(id) ?? `#${id}`, picked: d.picked, decided: d.picked + d.skipped }));
  return lookbackReport(issues, stored.pub, { ...opts, rates });
}
