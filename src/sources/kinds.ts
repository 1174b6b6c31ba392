// The one list of source kinds: what each is called, what its address means (and an example, for
// the editor's form), what the ranking
// calls its points, and, for a platform, where its API is (a default and the environment variable
// that moves it, as tests and mirrors do). Adding a kind is a line here, a folder with its adapter
// and a line in registry.ts; the database keeps the kind as text, so no migration is needed.

export const SOURCE_KIND_INFO = {
  feed: { label: 'feed', points: 'feed', address: 'a feed URL (RSS, RDF, Atom, JSON Feed)', example: 'https://blog.example.org/feed.xml', addable: true },
  github: { label: 'GitHub', points: 'GitHub', address: '"owner/repo" or a github.com repository URL', example: 'owner/repo', addable: true, lasting: true, api: { base: 'https://api.github.com', env: 'PRESSROOM_GITHUB_API' } },
  'github-search': { label: 'GitHub trending', points: 'GitHub', address: 'a repository search by topics and languages, e.g. "language:python topic:cli"', example: 'language:python topic:cli', addable: true, lasting: true, api: { base: 'https://api.github.com', env: 'PRESSROOM_GITHUB_API' } },
  hn: { label: 'Hacker News', points: 'HN', address: 'a search query', example: 'python', addable: true, api: { base: 'https://hn.algolia.com', env: 'PRESSROOM_HN_API' } },
  reddit: { label: 'Reddit', points: 'Reddit', address: 'a subreddit', example: 'r/Python', addable: true, api: { base: 'https://www.reddit.com', env: 'PRESSROOM_REDDIT_BASE' } },
  v2ex: { label: 'V2EX', points: 'V2EX', address: 'a V2EX node', example: 'python', addable: true, api: { base: 'https://www.v2ex.com', env: 'PRESSROOM_V2EX_BASE' } },
  lobsters: { label: 'Lobsters', points: 'Lobsters', address: 'a Lobsters tag', example: 'python', addable: true, api: { base: 'https://lobste.rs', env: 'PRESSROOM_LOBSTERS_BASE' } },
  /** A sender whose newsletters come in by mail: the allow list of inbound mail. */
  newsletter: { label: 'newsletter', points: 'newsletter', address: 'a sender\'s address (news@example.com) or a domain (@example.com)', example: 'news@example.com', addable: true, pushed: true },
  /** Links readers submit and the editor saves: made by the app, never added by hand. */
  submission: { label: 'readers', points: 'reader', address: '(made by Pressroom)', example: 'readers', addable: false, pushed: true },
} as const satisfies Record<string, { label: string; points: string; address: string; example: string; addable: boolean; pushed?: boolean; lasting?: boolean; api?: { base: string; env: string } }>;

export type SourceKind = keyof typeof SOURCE_KIND_INFO;

/** The kinds that read a platform's API. */
export type PlatformKind = { [K in SourceKind]: (typeof SOURCE_KIND_INFO)[K] extends { api: object } ? K : never }[SourceKind];

export const PLATFORM_KINDS = Object.entries(SOURCE_KIND_INFO).flatMap(([k, v]) => ('api' in v ? [k as PlatformKind] : []));

/** Each platform's API address: its environment variable, else its default. */
export function platformBases(env: NodeJS.ProcessEnv): Record<PlatformKind, string> {
  const out = {} as Record<PlatformKind, string>;
  for (const k of PLATFORM_KINDS) {
    const api = SOURCE_KIND_INFO[k].api;
    out[k] = env[api.env] ?? api.base;
  }
  return out;
}

export const SOURCE_KINDS = Object.keys(SOURCE_KIND_INFO) as SourceKind[];

/** The kinds whose entries are projects, not news: a repository created or pushed long ago is still
 * a candidate, so the collector's age limit does not hold for them. */
export const LASTING_KINDS: readonly SourceKind[] = SOURCE_KINDS.filter((k) => 'lasting' in SOURCE_KIND_INFO[k]);

/** The kinds whose entries are pushed to Pressroom (mail, submissions): never fetched on a schedule. */
export const PUSHED_KINDS = SOURCE_KINDS.filter((k) => 'pushed' in SOURCE_KIND_INFO[k]);

/** The kinds an editor can add as a source (`sources add --kind`). */
export const ADDABLE_KINDS = SOURCE_KINDS.filter((k) => SOURCE_KIND_INFO[k].addable);

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(SOURCE_KIND_INFO, kind);
}
