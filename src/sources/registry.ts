// Every source kind, by name.

import { feedAdapter } from './feed/adapter.ts';
import { githubAdapter } from './github/adapter.ts';
import { hnAdapter } from './hn/adapter.ts';
import { lobstersAdapter } from './lobsters/adapter.ts';
import { redditAdapter } from './reddit/adapter.ts';
import type { SourceAdapter, SourceKind } from './types.ts';
import { v2exAdapter } from './v2ex/adapter.ts';

const submissionAdapter: SourceAdapter = {
  kind: 'submission',
  normalise: (input) => input.trim(),
  collect: async () => ({ notModified: true, sightings: [], problems: [] }),
};

export const ADAPTERS: Record<SourceKind, SourceAdapter> = {
  feed: feedAdapter,
  github: githubAdapter,
  hn: hnAdapter,
  reddit: redditAdapter,
  v2ex: v2exAdapter,
  lobsters: lobstersAdapter,
  submission: submissionAdapter,
};

/** What an editor's ranking shows for each kind's points: "HN 320 points". */
export const POINTS_LABEL: Record<SourceKind, string> = {
  feed: 'feed',
  github: 'GitHub',
  hn: 'HN',
  reddit: 'Reddit',
  v2ex: 'V2EX',
  lobsters: 'Lobsters',
  submission: 'reader',
};
