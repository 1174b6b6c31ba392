// Trending projects discovered: a GitHub repository search (the REST API's /search/repositories)
// by the publication's topics and languages, e.g. "language:python topic:cli". Each collection
// asks twice: repositories created in the last 30 days, and those pushed in the last 7, both by
// stars; every repository found keeps a star snapshot, so its gain over the week ranks it. The
// token from the environment raises GitHub's limit; an answer that says the limit is spent is a
// problem to show, and what came before it is kept.

import { repoSighting, type Repo } from '../github/adapter.ts';
import type { SourceAdapter, SourceContext } from '../types.ts';

interface SearchAnswer {
  total_count: number;
  incomplete_results: boolean;
  items: Repo[];
}

const day = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);

async function search(ctx: SourceContext, q: string): Promise<{ items: Repo[]; remaining: number | null; reset: number | null }> {
  const headers: Record<string, string> = { 'x-github-api-version': '2022-11-28' };
  if (ctx.platforms.githubToken) headers.authorization = `Bearer ${ctx.platforms.githubToken}`;
  const url = `${ctx.platforms['github-search'].replace(/\/$/, '')}/search/repositories?${new URLSearchParams({ q, sort: 'stars', order: 'desc', per_page: '50' })}`;
  const res = await ctx.fetcher.get(url, {}, 'application/vnd.github+json', headers);
  let body: SearchAnswer;
  try {
    body = JSON.parse(res.body.toString('utf8')) as SearchAnswer;
  } catch (e) {
    throw new Error(`${url}: the answer is not JSON (${(e as Error).message})`);
  }
  const num = (h: string | undefined) => (h === undefined || h === '' ? null : Number(h));
  return { items: body.items ?? [], remaining: num(res.headers['x-ratelimit-remaining']), reset: num(res.headers['x-ratelimit-reset']) };
}

export const githubSearchAdapter: SourceAdapter = {
  kind: 'github-search',
  normalise(input) {
    const q = input.trim().replace(/\s+/g, ' ');
    if (!q || q.length > 200) throw new Error(`github-search: a search of GitHub's repositories, e.g. "language:python topic:cli", not "${input}"`);
    if (/\b(?:created|pushed|sort|stars):/i.test(q)) throw new Error('github-search: leave out created:, pushed: and sort: (Pressroom adds its own, for what is new and what is moving)');
    return q;
  },
  async collect(source, ctx) {
    const problems: string[] = [];
    const found = new Map<string, Repo>();
    for (const q of [`${source.url} created:>${day(ctx.now, 30)}`, `${source.url} pushed:>${day(ctx.now, 7)}`]) {
      const r = await search(ctx, q);
      for (const repo of r.items) if (!found.has(repo.full_name.toLowerCase())) found.set(repo.full_name.toLowerCase(), repo);
      if (r.remaining === 0) {
        problems.push(`GitHub's search limit is spent${r.reset ? ` until ${new Date(r.reset * 1000).toISOString()}` : ''}; set GITHUB_TOKEN for a higher one`);
        break;
      }
    }
    const repos = [...found.values()].filter((r) => !r.archived);
    return {
      notModified: false,
      problems,
      snapshots: repos.map((r) => ({ repo: r.full_name.toLowerCase(), url: r.html_url, stars: r.stargazers_count, forks: r.forks_count })),
      sightings: repos.map((repo) => repoSighting(repo, repo.created_at)),
    };
  },
};
