// What became of the links we featured: a sweep over every item link of the archive (or of the
// issues since a date), through the one HTTP client (its per-host limits and pauses, its refusal
// of private addresses), with conditional requests from what the last sweep learnt. Each link's
// result is stored as soon as it is known, so a sweep that is stopped (a kill, a signal) resumes
// where it was and fetches nothing twice. The report lists, by issue, the links that are dead or
// moved, each dead one with the Web Archive's address for it as of the issue's date (written, not
// fetched).

import type { Issue } from '../core/model.ts';
import type { Fetcher, FetchResult } from '../http/client.ts';
import { eachLimited } from '../http/limiter.ts';
import { FetchError } from '../http/errors.ts';
import type { Db } from '../store/db.ts';
import { liveIssues } from '../store/issues.ts';
import { finishSweep, lastSweep, linkChecks, openSweep, saveLinkCheck, startSweep, type LinkCheck, type Sweep } from '../store/lookback.ts';
import type { StoredPublication } from '../store/publications.ts';
import { AppError } from './errors.ts';

export interface SweepOptions {
  since?: string | undefined;
  now?: () => Date;
  signal?: AbortSignal | undefined;
  /** Links in flight at once, over every host (the client keeps to its per-host limit). */
  concurrency?: number;
  onProgress?: (p: SweepProgress) => void;
}

export interface SweepProgress {
  total: number;
  done: number;
  dead: number;
  /** Checked in an earlier run of this sweep, and not fetched again. */
  resumed: number;
}

export interface SweepResult extends SweepProgress {
  sweep: Sweep;
  finished: boolean;
}

/** Every http(s) link of the issues, with where it was featured. */
export function featuredLinks(issues: Issue[], lang: string): Map<string, { issue: number; date: string; title: string }[]> {
  const out = new Map<string, { issue: number; date: string; title: string }[]>();
  for (const i of issues) {
    for (const it of i.items) {
      if (!it.url || !/^https?:\/\//i.test(it.url)) continue;
      const title = it.texts[lang]?.title ?? Object.values(it.texts)[0]?.title ?? it.url;
      const list = out.get(it.url) ?? [];
      list.push({ issue: i.number, date: i.date, title });
      out.set(it.url, list);
    }
  }
  return out;
}

/** What one fetch says of a link. */
export function verdict(url: string, outcome: Pick<FetchResult, 'status' | 'url' | 'notModified' | 'etag' | 'lastModified'> | FetchError | Error, now: Date, was?: LinkCheck): LinkCheck {
  const base = { url, checkedAt: now.toISOString(), etag: was?.etag ?? null, lastModified: was?.lastModified ?? null, finalUrl: null, error: null, httpStatus: null };
  if (!(outcome instanceof Error)) {
    // The validators the page gave this time, for a conditional request the next.
    base.etag = outcome.etag ?? base.etag;
    base.lastModified = outcome.lastModified ?? base.lastModified;
    const moved = !outcome.notModified && outcome.url !== url && outcome.url.replace(/\/$/, '') !== url.replace(/\/$/, '');
    return { ...base, status: outcome.notModified ? (was?.status === 'redirected' ? 'redirected' : 'ok') : moved ? 'redirected' : 'ok', httpStatus: outcome.notModified ? 304 : outcome.status, finalUrl: outcome.notModified ? (was?.finalUrl ?? null) : moved ? outcome.url : null };
  }
  if (outcome instanceof FetchError) {
    // Too big to read is there; gone, refused or not found is dead; a slow or failing server may come back.
    if (outcome.code === 'too-large') return { ...base, status: 'ok' };
    const dead = (outcome.code === 'http' && (outcome.status === 404 || outcome.status === 410 || outcome.status === 451)) || (outcome.code === 'network' && /ENOTFOUND|ECONNREFUSED|EAI_NONAME/.test(outcome.message)) || outcome.code === 'bad-url';
    return { ...base, status: dead ? 'dead' : 'error', httpStatus: outcome.status ?? null, error: outcome.message.replace(`fetch: ${url}: `, '') };
  }
  return { ...base, status: 'error', error: outcome.message };
}

export async function sweepLinks(db: Db, stored: StoredPublication, fetcher: Fetcher, opts: SweepOptions = {}): Promise<SweepResult> {
  const now = opts.now ?? (() => new Date());
  if (opts.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.since)) throw new AppError('bad-request', `--since is a date, YYYY-MM-DD, not "${opts.since}"`);
  const issues = (await liveIssues(db, stored.id)).filter((i) => opts.since === undefined || i.date >= opts.since);
  const links = [...featuredLinks(issues, stored.pub.primaryLang).keys()];
  const since = opts.since ?? null;
  const sweep = (await openSweep(db, stored.id, since)) ?? (await startSweep(db, stored.id, since, links.length, now()));
  const known = await linkChecks(db, stored.id);
  // What this sweep has checked already (before a stop) is not fetched again.
  const checkedNow = (u: string) => (known.get(u)?.checkedAt ?? '') >= sweep.startedAt;
  const todo = links.filter((u) => !checkedNow(u));
  const resumed = links.length - todo.length;
  const progress: SweepProgress = { total: links.length, done: resumed, dead: links.filter((u) => checkedNow(u) && known.get(u)!.status === 'dead').length, resumed };
  opts.onProgress?.({ ...progress });
  await eachLimited(
    todo,
    opts.concurrency ?? 8,
    async (url) => {
      const was = known.get(url);
      let outcome: Parameters<typeof verdict>[1];
      try {
        outcome = await fetcher.get(url, { etag: was?.etag ?? undefined, lastModified: was?.lastModified ?? undefined }, 'text/html,*/*;q=0.8');
      } catch (e) {
        outcome = e as Error;
      }
      const check = verdict(url, outcome, now(), was);
      await saveLinkCheck(db, stored.id, check);
      progress.done++;
      if (check.status === 'dead') progress.dead++;
      opts.onProgress?.({ ...progress });
    },
    opts.signal,
  );
  const finished = progress.done === links.length;
  if (finished) await finishSweep(db, sweep.id, now());
  return { ...progress, sweep: { ...sweep, finishedAt: finished ? now().toISOString() : null }, finished };
}

export interface LinkReportIssue {
  issue: number;
  date: string;
  links: { url: string; title: string; status: 'dead' | 'redirected' | 'error'; detail: string; finalUrl: string | null; archive: string | null; checkedAt: string }[];
}

/** The Web Archive's address for a page as it was near a date: written, never fetched. */
export const archiveUrl = (url: string, date: string) => `https://web.archive.org/web/${date.replace(/-/g, '')}000000/${url}`;

/** By issue, newest first: the links the last checks found dead, moved or failing. */
export async function linkReport(db: Db, stored: StoredPublication): Promise<{ sweep: Sweep | undefined; checked: number; issues: LinkReportIssue[] }> {
  const [issues, checks, sweep] = await Promise.all([liveIssues(db, stored.id), linkChecks(db, stored.id), lastSweep(db, stored.id)]);
  const by = new Map<number, LinkReportIssue>();
  for (const [url, places] of featuredLinks(issues, stored.pub.primaryLang)) {
    const c = checks.get(url);
    if (!c || c.status === 'ok') continue;
    for (const p of places) {
      const entry = by.get(p.issue) ?? { issue: p.issue, date: p.date, links: [] };
      entry.links.push({ url, title: p.title, status: c.status, detail: c.error ?? (c.httpStatus ? `HTTP ${c.httpStatus}` : ''), finalUrl: c.finalUrl, archive: c.status === 'dead' ? archiveUrl(url, p.date) : null, checkedAt: c.checkedAt });
      by.set(p.issue, entry);
    }
  }
  return { sweep, checked: checks.size, issues: [...by.values()].sort((a, b) => b.issue - a.issue) };
}
