// A GitHub repository through the REST API: description, stars, forks, language, topics,
// last push. Each collection keeps a star snapshot; trending is the gain between snapshots.

import { getJson, type Sighting, type SourceAdapter, type SourceContext } from '../types.ts';
import { escapeText } from '../../html/escape.ts';

export interface Repo {
  full_name: string;
  html_url: string;
  description: string | null;
  stargazers_count: number;
  forks_count: number;
  language: string | null;
  topics?: string[];
  pushed_at: string;
  created_at: string;
  archived?: boolean;
}

/** GET /repos/{owner}/{repo} from the configured GitHub API, with the token when there is one. */
export function fetchRepo(ctx: SourceContext, fullName: string): Promise<Repo> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28' };
  if (ctx.platforms.githubToken) headers.authorization = `Bearer ${ctx.platforms.githubToken}`;
  return getJson<Repo>(ctx, `${ctx.platforms.github.replace(/\/$/, '')}/repos/${fullName}`, headers);
}

/** A repository as the inbox sees it: its link, "name: description", stars, forks, language and topics. */
export function repoSighting(repo: Repo, published: string): Sighting {
  return {
    url: repo.html_url,
    title: repo.description ? `${repo.full_name.split('/')[1]}: ${repo.description}` : repo.full_name,
    summary: escapeText(repo.description ?? ''),
    published,
    points: 0,
    comments: 0,
    stars: repo.stargazers_count,
    forks: repo.forks_count,
    tags: [...(repo.language ? [repo.language.toLowerCase()] : []), ...(repo.topics ?? [])].slice(0, 8),
  };
}

export const githubAdapter: SourceAdapter = {
  kind: 'github',
  normalise(input) {
    // An owner's name has no dots (a repository's may): "gitlab.com/a" is another host, not an owner.
    const m = /^(?:https?:\/\/)?(?:www\.)?(?:github\.com\/)?([\w-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(input.trim());
    if (!m) throw new Error(`github: "${input}" is not owner/repo or a github.com URL`);
    return `${m[1]}/${m[2]}`;
  },
  async collect(source, ctx) {
    const repo = await fetchRepo(ctx, source.url);
    return {
      notModified: false,
      title: repo.full_name,
      problems: repo.archived ? ['the repository is archived'] : [],
      snapshot: { repo: repo.full_name.toLowerCase(), stars: repo.stargazers_count, forks: repo.forks_count },
      sightings: [repoSighting(repo, repo.pushed_at)],
    };
  },
};

