// What became of the projects we featured: every GitHub repository an issue linked to, its stars
// when it was first featured (the item's count) and now (GitHub's REST API, with the token from
// the environment; each answer kept as a star snapshot), its growth since, and whether it is
// archived or gone. A refresh stops at GitHub's rate limit and says until when; what it did not
// reach keeps its last known state.

import type { Issue } from '../core/model.ts';
import { FetchError } from '../http/errors.ts';
import { projectKey } from '../rank/identity.ts';
import type { Fetcher } from '../http/client.ts';
import { fetchRepo } from '../sources/github/adapter.ts';
import type { Platforms } from '../sources/types.ts';
import { snapshotRepo } from '../store/candidates.ts';
import type { Db } from '../store/db.ts';
import { liveIssues } from '../store/issues.ts';
import { latestSnapshots, repoStates, saveRepoState } from '../store/lookback.ts';
import type { StoredPublication } from '../store/publications.ts';

export interface FeaturedProject {
  repo: string;
  title: string;
  issue: number;
  date: string;
  starsThen: number | null;
  starsNow: number | null;
  /** Stars gained since it was featured. */
  growth: number | null;
  state: 'active' | 'archived' | 'gone' | 'unknown';
  checkedAt: string | null;
}


/** Each repository the issues link to, at its first featuring. */
export function featuredRepos(issues: Issue[], lang: string): Map<string, { title: string; issue: number; date: string; stars: number | null }> {
  const out = new Map<string, { title: string; issue: number; date: string; stars: number | null }>();
  for (const i of [...issues].sort((a, b) => a.number - b.number)) {
    for (const it of i.items) {
      // The project a link is (rank/identity.ts): a repository's own page, its issues or releases, its github.io docs.
      const key = it.url ? projectKey(it.url) : undefined;
      if (!key?.startsWith('github:')) continue;
      const repo = key.slice('github:'.length);
      if (out.has(repo)) continue;
      out.set(repo, { title: it.texts[lang]?.title ?? repo, issue: i.number, date: i.date, stars: typeof it.meta.stars === 'number' ? it.meta.stars : null });
    }
  }
  return out;
}

export interface RefreshOptions {
  fetcher: Fetcher;
  platforms: Platforms;
  now?: () => Date;
  signal?: AbortSignal | undefined;
}

export async function featuredProjects(db: Db, stored: StoredPublication, refresh?: RefreshOptions): Promise<{ projects: FeaturedProject[]; refreshed: number; stopped: string | null }> {
  const repos = featuredRepos(await liveIssues(db, stored.id), stored.pub.primaryLang);
  let refreshed = 0;
  let stopped: string | null = null;
  if (refresh) {
    const now = refresh.now ?? (() => new Date());
    const ctx = { fetcher: refresh.fetcher, platforms: refresh.platforms, now: now() };
    for (const repo of repos.keys()) {
      if (refresh.signal?.aborted) break;
      try {
        const r = await fetchRepo(ctx, repo);
        await snapshotRepo(db, { repo, stars: r.stargazers_count, forks: r.forks_count }, now());
        await saveRepoState(db, repo, r.archived ? 'archived' : 'active', now());
        refreshed++;
      } catch (e) {
        if (e instanceof FetchError && (e.status === 404 || e.status === 410)) {
          await saveRepoState(db, repo, 'gone', now());
          refreshed++;
        } else if (e instanceof FetchError && (e.status === 403 || e.status === 429)) {
          // GitHub's rate limit: the rest waits for the next refresh.
          stopped = `GitHub's rate limit was reached after ${refreshed} repositories${e.retryAfter ? `; it allows more in ${e.retryAfter} s` : ''}; set GITHUB_TOKEN for a higher limit, and refresh again later`;
          break;
        } else {
          stopped = `${repo}: ${(e as Error).message}`;
          break;
        }
      }
    }
  }
  const names = [...repos.keys()];
  const [snaps, states] = await Promise.all([latestSnapshots(db, names), repoStates(db, names)]);
  const projects = [...repos].map(([repo, f]): FeaturedProject => {
    const now = snaps.get(repo);
    const state = states.get(repo);
    const starsNow = state?.state === 'gone' ? null : (now?.stars ?? null);
    return { repo, title: f.title, issue: f.issue, date: f.date, starsThen: f.stars, starsNow, growth: starsNow !== null && f.stars !== null ? starsNow - f.stars : null, state: state?.state ?? 'unknown', checkedAt: state?.checkedAt ?? now?.takenAt ?? null };
  });
  projects.sort((a, b) => (b.growth ?? -Infinity) - (a.growth ?? -Infinity) || a.repo.localeCompare(b.repo));
  return { projects, refreshed, stopped };
}
