// The editor's triage, as the server and the CLI both call it: pick a candidate into the draft
// (with its star count and a warning when an issue featured it before), skip one or many, put
// one back in the inbox, and add an item by its link.

import { escapeMarkdownText } from '../core/links.ts';
import type { Item, Lang } from '../core/model.ts';
import type { EditOp } from '../core/edit.ts';
import type { Fetcher } from '../http/client.ts';
import { canonicalUrl } from '../rank/canonical-url.ts';
import { featuredIssue } from '../rank/identity.ts';
import { sectionFor, suggestKind } from '../rank/suggest.ts';
import { fetchRepo, type Repo } from '../sources/github/adapter.ts';
import { extractArticle } from '../html/extract.ts';
import { decodeBody } from '../http/charset.ts';
import type { Platforms } from '../sources/types.ts';
import { candidateById, setCandidateStatus, skipCandidates } from '../store/candidates.ts';
import type { Db } from '../store/db.ts';
import { currentDraft, issueRevision } from '../store/edits.ts';
import { loadIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { featuredUrls } from './candidates.ts';
import { AppError } from './errors.ts';

export interface TriageDeps {
  db: Db;
  fetcher?: Fetcher | undefined;
  platforms?: Platforms | undefined;
  now: () => Date;
  /** Applies edits to an issue as the signed-in editor (store/edits.ts applyEdits, with its conflict checks). */
  edit: (number: number, base: number, ops: EditOp[]) => Promise<{ revision: number; added: number[]; issue: unknown }>;
}

/** Puts a candidate at the end of a section of the draft (or the issue named), and marks it picked. */
export async function pickCandidate(d: TriageDeps, stored: StoredPublication, id: number, opts: { section?: string | undefined; issue?: number | undefined } = {}): Promise<{ number: number; revision: number; itemId: number | undefined; warnings: string[] }> {
  const { id: pid, pub } = stored;
  const c = await candidateById(d.db, pid, id);
  if (!c) throw new AppError('not-found', `no candidate #${id}`);
  const number = opts.issue ?? (await currentDraft(d.db, stored, d.now()));
  const issue = await loadIssue(d.db, pid, number);
  if (!issue) throw new AppError('not-found', `no issue #${number}`);
  if (issue.status === 'published') throw new AppError('conflict', `issue #${number} is published; pick into a draft`);
  const already = issue.items.find((i) => i.meta.candidateId === c.id || (i.url && canonicalUrl(i.url) === c.url));
  if (already) throw new AppError('conflict', `already in issue #${number} (${already.section})`);
  const section = opts.section ?? c.section;
  const warnings: string[] = [];
  // Picked again after it went out once: the editor is told, not stopped.
  const featured = featuredIssue(await featuredUrls(d.db, pid), c.url, c.title);
  if (featured !== null) warnings.push(`already featured in #${featured}`);
  const stars = await starsFor(c.url, d, warnings);
  const newItem = candidateItem(pub.primaryLang, pub.languages, pub.style.langs[pub.primaryLang]?.foreignMarks ?? {}, c, section, stars ?? c.stars);
  newItem.position = issue.items.filter((i) => i.section === section).length;
  const rev = (await issueRevision(d.db, pid, number)) ?? 0;
  const result = await d.edit(number, rev, [{ op: 'add', item: newItem }]);
  await setCandidateStatus(d.db, pid, c.id, 'picked');
  return { number, revision: result.revision, itemId: result.added[0], warnings };
}

export async function skipCandidate(d: TriageDeps, stored: StoredPublication, id: number): Promise<void> {
  if (!(await setCandidateStatus(d.db, stored.id, id, 'skipped'))) throw new AppError('not-found', `no candidate #${id}`);
}

/** Skips those of `ids` that are still new; says how many. */
export async function skipMany(d: TriageDeps, stored: StoredPublication, ids: number[]): Promise<number> {
  return skipCandidates(d.db, stored.id, ids, d.now());
}

/** Back to the inbox: a pick also leaves the draft (when its item is still there). */
export async function resetCandidate(d: TriageDeps, stored: StoredPublication, id: number): Promise<{ revision: number | undefined }> {
  const c = await candidateById(d.db, stored.id, id);
  if (!c) throw new AppError('not-found', `no candidate #${id}`);
  let revision: number | undefined;
  if (c.status === 'picked') {
    const number = await currentDraft(d.db, stored, d.now());
    const issue = (await loadIssue(d.db, stored.id, number))!;
    const it = issue.items.find((i) => i.meta.candidateId === c.id);
    if (it) revision = (await d.edit(number, (await issueRevision(d.db, stored.id, number))!, [{ op: 'remove', id: it.id! }])).revision;
  }
  await setCandidateStatus(d.db, stored.id, c.id, 'new');
  return { revision };
}

/** An item by its link, not from the inbox: its section suggested from the link, its stars fetched. */
export async function addLink(d: TriageDeps, stored: StoredPublication, number: number, base: number, link: { url: string; section?: string | undefined; title?: string | undefined }) {
  const { id: pid, pub } = stored;
  const issue = await loadIssue(d.db, pid, number);
  if (!issue) throw new AppError('not-found', `no issue #${number}`);
  const url = canonicalUrl(link.url);
  const section = link.section ?? sectionFor(suggestKind({ url }), pub.sections);
  const warnings: string[] = [];
  const featured = featuredIssue(await featuredUrls(d.db, pid), url, link.title);
  if (featured !== null) warnings.push(`already featured in #${featured}`);
  const repo = await repoFor(url, d, warnings);
  const stars = repo?.stargazers_count;
  // An item needs a title: the one given, the repository's, or the page's own; failing all three the editor is asked.
  const title = link.title?.trim() || (repo ? repoTitle(repo) : await pageTitle(url, d, warnings));
  if (!title) throw new AppError('invalid', `${url}: no title could be found for it${warnings.length ? ` (${warnings.join('; ')})` : ''}; give it one`, 'title-needed');
  const newItem: Item = {
    section,
    position: issue.items.filter((i) => i.section === section).length,
    url,
    image: null,
    meta: typeof stars === 'number' ? { stars } : {},
    texts: { [pub.primaryLang]: { title: escapeMarkdownText(title), blurb: '' } },
  };
  const r = await d.edit(number, base, [{ op: 'add', item: newItem }]);
  return { issue: r.issue, revision: r.revision, added: r.added, warnings };
}

interface PickedRow {
  id: number;
  url: string;
  title: string;
  lang: string | null;
  stars: number | null;
  kind: string;
  enclosure?: string | null | undefined;
}

export function candidateItem(primary: Lang, languages: Lang[], foreignMarks: Record<Lang, string>, c: PickedRow, section: string, stars: number | null): Item {
  // A feed's title is words, not Markdown: it must not become a link or an image in the issue.
  const title = escapeMarkdownText(c.title);
  const texts: Item['texts'] = { [primary]: { title, blurb: '', ...(c.lang && c.lang !== primary && foreignMarks[c.lang] ? { suffix: foreignMarks[c.lang] } : {}) } };
  if (c.lang && c.lang !== primary && languages.includes(c.lang)) texts[c.lang] = { title, blurb: '' };
  return {
    section,
    position: 0,
    url: c.url,
    image: null,
    meta: { candidateId: c.id, ...(stars !== null ? { stars } : {}), ...(c.lang && c.lang !== primary ? { sourceLang: c.lang } : {}), ...(c.enclosure ? { enclosure: JSON.parse(c.enclosure) as unknown } : {}) },
    texts,
  };
}

/** The star count of a GitHub repository link, asked of the GitHub API; undefined for other links. */
async function starsFor(url: string, d: TriageDeps, warnings: string[]): Promise<number | undefined> {
  const repo = await repoFor(url, d, warnings);
  return typeof repo?.stargazers_count === 'number' ? repo.stargazers_count : undefined;
}

/** A GitHub repository link's repository, from the GitHub API; undefined for other links or when it cannot be asked. */
async function repoFor(url: string, d: TriageDeps, warnings: string[]): Promise<Repo | undefined> {
  const m = /^https:\/\/github\.com\/([\w.-]+)\/([\w.-]+)\/?$/.exec(url);
  if (!m || !d.fetcher || !d.platforms) return undefined;
  try {
    return await fetchRepo({ fetcher: d.fetcher, platforms: d.platforms, now: d.now() }, `${m[1]}/${m[2]}`);
  } catch (e) {
    warnings.push(`stars of ${m[1]}/${m[2]}: ${(e as Error).message}`);
    return undefined;
  }
}

const repoTitle = (repo: Repo) => (repo.description ? `${repo.full_name.split('/')[1]}: ${repo.description}` : repo.full_name);

/** A page's own title (its <title> or og:title), read with the one HTTP client; "" when it cannot be read. */
async function pageTitle(url: string, d: TriageDeps, warnings: string[]): Promise<string> {
  if (!d.fetcher || /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/?$/.test(url)) return '';
  try {
    const res = await d.fetcher.get(url, {}, 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5');
    const type = res.headers['content-type'] ?? '';
    if (type && !/html|xml/i.test(type)) return '';
    return extractArticle(decodeBody(res.body, type).text, res.url)?.title.slice(0, 300) ?? '';
  } catch (e) {
    warnings.push(`${url}: ${(e as Error).message.replace(`fetch: ${url}: `, '')}`);
    return '';
  }
}
