// The one list of source kinds: what each is called, what its address means and what the
// ranking calls its points. Adding a kind is a line here, a folder with its adapter and a line in
// registry.ts; the database keeps the kind as text, so no migration is needed.

export const SOURCE_KIND_INFO = {
  feed: { label: 'feed', points: 'feed', address: 'a feed URL (RSS, RDF, Atom, JSON Feed)', addable: true },
  github: { label: 'GitHub', points: 'GitHub', address: '"owner/repo" or a github.com repository URL', addable: true },
  hn: { label: 'Hacker News', points: 'HN', address: 'a search query', addable: true },
  reddit: { label: 'Reddit', points: 'Reddit', address: 'a subreddit', addable: true },
  v2ex: { label: 'V2EX', points: 'V2EX', address: 'a V2EX node', addable: true },
  lobsters: { label: 'Lobsters', points: 'Lobsters', address: 'a Lobsters tag', addable: true },
  /** Links readers submit and the editor saves: made by the app, never added by hand. */
  submission: { label: 'readers', points: 'reader', address: '(made by Pressroom)', addable: false },
} as const satisfies Record<string, { label: string; points: string; address: string; addable: boolean }>;

export type SourceKind = keyof typeof SOURCE_KIND_INFO;

export const SOURCE_KINDS = Object.keys(SOURCE_KIND_INFO) as SourceKind[];

/** The kinds an editor can add as a source (`sources add --kind`). */
export const ADDABLE_KINDS = SOURCE_KINDS.filter((k) => SOURCE_KIND_INFO[k].addable);

export function isSourceKind(kind: string): kind is SourceKind {
  return Object.hasOwn(SOURCE_KIND_INFO, kind);
}
