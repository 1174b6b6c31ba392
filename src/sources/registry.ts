// Every source kind's adapter, by kind (the kinds themselves are listed in kinds.ts).

import { feedAdapter } from './feed/adapter.ts';
import { githubAdapter } from './github/adapter.ts';
import { hnAdapter } from './hn/adapter.ts';
import { lobstersAdapter } from './lobsters/adapter.ts';
import { redditAdapter } from './reddit/adapter.ts';
import { isSourceKind, SOURCE_KIND_INFO, SOURCE_KINDS, type SourceKind } from './kinds.ts';
import type { SourceAdapter } from './types.ts';
import { v2exAdapter } from './v2ex/adapter.ts';
import { newsletterAdapter } from './newsletter/adapter.ts';
import { githubSearchAdapter } from './github-search/adapter.ts';

const submissionAdapter: SourceAdapter = {
  kind: 'submission',
  normalise: (input) => input.trim(),
  collect: async () => ({ notModified: true, sightings: [], problems: [] }),
};

export const ADAPTERS: Record<SourceKind, SourceAdapter> = {
  feed: feedAdapter,
  github: githubAdapter,
  'github-search': githubSearchAdapter,
  hn: hnAdapter,
  reddit: redditAdapter,
  v2ex: v2exAdapter,
  lobsters: lobstersAdapter,
  newsletter: newsletterAdapter,
  submission: submissionAdapter,
};

/** The adapter for a stored kind, or a clear error for a kind this version no longer has. */
export function adapterFor(kind: string): SourceAdapter {
  if (!isSourceKind(kind)) throw new Error(`unknown source kind "${kind}"; kinds are ${SOURCE_KINDS.join(', ')}`);
  return ADAPTERS[kind];
}

/** What an editor's ranking shows for each kind's points: "HN 320 points". */
export function pointsLabel(kind: string): string {
  return isSourceKind(kind) ? SOURCE_KIND_INFO[kind].points : kind;
}
