// What a link is the same thing as, beyond its own address: the project it points at (a GitHub
// repository, its github.io documentation, its release notes; a PyPI project and its Read the
// Docs site; an npm package) and, for a story copied elsewhere, its title. Used to tell that a
// candidate was featured before even when its link is not the one the issue had.

import { urlKey } from './canonical-url.ts';

const GITHUB_RESERVED = new Set(['topics', 'orgs', 'sponsors', 'marketplace', 'features', 'about', 'collections', 'trending', 'settings', 'search', 'explore', 'login', 'apps']);

/** The project a link points at, as "github:owner/repo", "pypi:name" or "npm:name", if it points at one. */
export function projectKey(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const parts = u.pathname.split('/').filter(Boolean);
  if (host === 'github.com' && parts.length >= 2 && !GITHUB_RESERVED.has(parts[0]!.toLowerCase())) return `github:${parts[0]!.toLowerCase()}/${parts[1]!.toLowerCase().replace(/\.git$/, '')}`;
  const pages = /^([a-z0-9-]+)\.github\.io$/.exec(host);
  if (pages && parts[0]) return `github:${pages[1]}/${parts[0].toLowerCase()}`;
  if (host === 'pypi.org' && parts[0] === 'project' && parts[1]) return `pypi:${normalisePackage(parts[1])}`;
  const rtd = /^([a-z0-9-]+)\.readthedocs\.(?:io|org)$/.exec(host);
  if (rtd) return `pypi:${normalisePackage(rtd[1]!)}`;
  if (host === 'npmjs.com' && parts[0] === 'package' && parts[1]) return `npm:${(parts[1].startsWith('@') && parts[2] ? `${parts[1]}/${parts[2]}` : parts[1]).toLowerCase()}`;
  return undefined;
}

/** PyPI's own name normalisation (PEP 503): runs of -, _ and . are one -. */
function normalisePackage(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A title as words only: long enough (ten letters or digits) to mean one story, not a common phrase. */
export function titleKey(title: string): string | undefined {
  const key = title.normalize('NFKC').toLowerCase().replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[^\p{L}\p{N}]/gu, '');
  return key.length >= 10 ? `title:${key}` : undefined;
}

/** Every key a link (with its title) is known by: its address, its project, its title. */
export function identityKeys(url: string, title?: string): string[] {
  return [urlKey(url), projectKey(url), title ? titleKey(title) : undefined].filter((k): k is string => !!k);
}

/** The identity key by which a link matches an earlier issue's item, with the issue. */
export function featuredMatch(featured: Map<string, number>, url: string, title?: string): { number: number; key: string } | null {
  for (const k of identityKeys(url, title)) {
    const n = featured.get(k);
    if (n !== undefined) return { number: n, key: k };
  }
  return null;
}

/** The first published issue that featured a link, by any of its keys (a map from featuredUrls). */
export function featuredIssue(featured: Map<string, number>, url: string, title?: string): number | null {
  return featuredMatch(featured, url, title)?.number ?? null;
}
