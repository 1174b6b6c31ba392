// The sources' use cases, for the CLI and the editor alike: add one (its address normalised by its
// kind's adapter, its section checked against the publication's), and import an OPML file whole
// or not at all.

import { ADDABLE_KINDS, isSourceKind, PUSHED_KINDS, type SourceKind } from '../sources/kinds.ts';
import type { Source } from '../sources/types.ts';
import { readOpml } from '../sources/opml.ts';
import { discoverFeeds } from '../sources/feed/discover.ts';
import type { Fetcher } from '../http/client.ts';
import { decodeBody } from '../http/charset.ts';
import { adapterFor } from '../sources/registry.ts';
import { inTransaction } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { collectingSources, findSource, getSource, listSources, sightingCounts, updateSource, upsertSource, type NewSource } from '../store/sources.ts';
import { AppError } from './errors.ts';

export interface NewSourceInput {
  kind?: string | undefined;
  address: string;
  title?: string | undefined;
  weight?: number | undefined;
  lang?: string | undefined;
  section?: string | undefined;
  tags?: string[] | undefined;
}

/**
 * Adds a source, or updates the one of the same kind and address; refuses what its kind cannot
 * read. Given the one HTTP client, a feed's address that turns out to be a web page is replaced by
 * the feed the page names (`discoveredFrom` says which page).
 */
export async function addSource(
  db: Db,
  stored: StoredPublication,
  input: NewSourceInput,
  opts: { fetcher?: Fetcher | undefined; keepExisting?: boolean } = {},
): Promise<{ id: number; created: boolean; kind: SourceKind; url: string; discoveredFrom?: string; title?: string }> {
  const kind = input.kind ?? 'feed';
  if (!isSourceKind(kind) || !ADDABLE_KINDS.includes(kind)) throw new AppError('invalid', `the kind of a source is one of ${ADDABLE_KINDS.join(', ')}, not "${kind}"`);
  if (input.weight !== undefined && !(input.weight > 0)) throw new AppError('invalid', 'a source\'s weight is a positive number');
  const sections = stored.pub.sections;
  if (input.section && !sections.some((s) => s.key === input.section)) throw new AppError('invalid', `no section "${input.section}" (sections: ${sections.map((s) => s.key).join(', ')})`);
  let url: string;
  try {
    url = adapterFor(kind).normalise(input.address);
  } catch (e) {
    throw new AppError('invalid', (e as Error).message.replace(/^\w+: /, ''));
  }
  let discoveredFrom: string | undefined;
  if (kind === 'feed' && opts.fetcher) {
    const feed = await feedOfPage(opts.fetcher, url);
    if (feed) [discoveredFrom, url] = [url, feed];
  }
  // The Sources page's form adds; a source that is there already is changed in its own row, not
  // renamed by adding it again (keepExisting). The CLI's `sources add` updates it, and says so.
  const here = opts.keepExisting ? await findSource(db, stored.id, kind, url) : undefined;
  if (here) return { id: here.id, created: false, kind, url, title: here.title, ...(discoveredFrom ? { discoveredFrom } : {}) };
  const r = await upsertSource(db, stored.id, { kind, url, title: input.title, weight: input.weight, lang: input.lang, section: input.section, tags: input.tags });
  return { ...r, kind, url, ...(discoveredFrom ? { discoveredFrom } : {}) };
}

/** The feed a web page names, when the address is a page and not a feed; a page naming none is refused. An address that cannot be read now is kept as given (its health will say why). */
async function feedOfPage(fetcher: Fetcher, url: string): Promise<string | undefined> {
  let res;
  try {
    res = await fetcher.get(url, {}, 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5');
  } catch {
    return undefined;
  }
  const type = res.headers['content-type'] ?? '';
  const text = decodeBody(res.body, type).text;
  const isPage = /text\/html|application\/xhtml/i.test(type) || (!/xml|json/i.test(type) && /^\s*(<!doctype html|<html)/i.test(text));
  if (!isPage) return undefined;
  const feeds = discoverFeeds(text, res.url);
  if (!feeds.length) throw new AppError('invalid', `${url} is a web page that names no feed; give the feed's own address`, 'no-feed');
  return feeds[0];
}

/** A setting an OPML file gives a source otherwise than the publication has it. */
export interface SettingDiff {
  field: 'title' | 'weight' | 'lang' | 'section' | 'tags';
  here: string;
  file: string;
}

export interface OpmlImport {
  /** Outlines read. */
  feeds: number;
  created: number;
  /** There already, with the settings the file gives. */
  unchanged: number;
  /** There already with other settings, and given the file's (replace). */
  replaced: number;
  /** There already with other settings, left as they are (without replace): each with what differs. */
  differing: { id: number; url: string; diffs: SettingDiff[] }[];
}

const shown = (v: unknown) => (v === null || v === undefined ? '—' : Array.isArray(v) ? v.join(', ') || '—' : String(v));

function settingDiffs(here: Source, file: NewSource): SettingDiff[] {
  const out: SettingDiff[] = [];
  const differs = (field: SettingDiff['field'], a: unknown, b: unknown) => {
    if (b === undefined || (field === 'title' && b === '')) return; // the file says nothing of it
    const same = Array.isArray(a) && Array.isArray(b) ? [...a].sort().join('\n') === [...b].sort().join('\n') : (a ?? null) === (b ?? null);
    if (!same) out.push({ field, here: shown(a), file: shown(b) });
  };
  differs('title', here.title, file.title);
  differs('weight', here.weight, file.weight);
  differs('lang', here.lang, file.lang);
  differs('section', here.section, file.section);
  differs('tags', here.tags, file.tags);
  return out;
}

/** A source whose settings differ, as a person reads it: `#12 https://…: title "A" here, "B" in the file`. */
export function differingText(d: OpmlImport['differing'][number]): string {
  return `#${d.id} ${d.url}: ${d.diffs.map((x) => `${x.field} "${x.here}" here, "${x.file}" in the file`).join('; ')}`;
}

/**
 * Every outline of an OPML file becomes a source, in one transaction: a kind Pressroom cannot read
 * refuses the whole file. A source the publication has already keeps its settings unless
 * `replace` is given; those the file would change are listed, with both sides, not changed
 * silently (another reader's names and weights are not the editor's).
 */
export async function importOpml(db: Db, stored: StoredPublication, text: string, file: string, opts: { replace?: boolean } = {}): Promise<OpmlImport> {
  const feeds = readOpml(text);
  const unknown = feeds.find((f) => !isSourceKind(f.kind) || !ADDABLE_KINDS.includes(f.kind));
  if (unknown) throw new AppError('invalid', `${file}: "${unknown.url}" is of a kind Pressroom has no adapter for ("${unknown.kind}"); nothing was imported`);
  const out: OpmlImport = { feeds: feeds.length, created: 0, unchanged: 0, replaced: 0, differing: [] };
  await inTransaction(db, async (tx) => {
    // The publication's sources read once, not looked up outline by outline.
    const have = new Map((await listSources(tx, stored.id)).map((s) => [`${s.kind} ${s.url}`, s]));
    for (const f of feeds) {
      const key = `${f.kind} ${f.url}`;
      const here = have.get(key);
      if (!here) {
        // Kept for a second outline of the same feed further down the file.
        have.set(key, (await getSource(tx, (await upsertSource(tx, stored.id, f)).id))!);
        out.created++;
        continue;
      }
      const diffs = settingDiffs(here, f);
      if (!diffs.length) out.unchanged++;
      else if (opts.replace) {
        await upsertSource(tx, stored.id, f);
        out.replaced++;
      } else out.differing.push({ id: here.id, url: here.url, diffs });
    }
  });
  return out;
}

export { listSources, nextDue } from '../store/sources.ts';

/** A source as the sources page shows it: its settings and fetch state, its health in a word, and how many candidates it brought. */
export type SourceHealth = Omit<Source, 'etag' | 'lastModified'> & {
  /** ok, failing (with the last error), never fetched, or off. */
  state: 'ok' | 'failing' | 'new' | 'off';
  candidates: number;
  /** Its entries come to Pressroom (newsletters by mail): never fetched, so never collected "now". */
  pushed: boolean;
  /** A collection (this server's, the schedule's, a worker's or the CLI's) is fetching it now. */
  collecting: boolean;
};

/** Every source with its health, for the sources page: the ones failing first. */
export async function sourcesHealth(db: Db, stored: StoredPublication, now = new Date()): Promise<SourceHealth[]> {
  const [counts, collecting] = await Promise.all([sightingCounts(db, stored.id), collectingSources(db, stored.id, now)]);
  const rank = { failing: 0, new: 1, ok: 2, off: 3 } as const;
  return (await listSources(db, stored.id))
    .filter((s) => s.kind !== 'submission')
    .map(({ etag: _etag, lastModified: _lm, ...s }): SourceHealth => ({
      ...s,
      state: !s.enabled ? 'off' : s.lastError ? 'failing' : s.lastFetchedAt ? 'ok' : 'new',
      candidates: counts.get(s.id) ?? 0,
      pushed: PUSHED_KINDS.includes(s.kind),
      collecting: collecting.has(s.id),
    }))
    .sort((a, b) => rank[a.state] - rank[b.state] || a.url.localeCompare(b.url));
}

export interface SourceChange {
  enabled?: boolean | undefined;
  weight?: number | undefined;
  title?: string | undefined;
  /** null: no language of its own (each entry's, or the page's). */
  lang?: string | null | undefined;
  /** null: each candidate's section is suggested from its link. */
  section?: string | null | undefined;
  tags?: string[] | undefined;
}

export async function changeSource(db: Db, stored: StoredPublication, id: number, change: SourceChange): Promise<void> {
  if (change.weight !== undefined && !(change.weight > 0)) throw new AppError('invalid', 'a source\'s weight is a positive number');
  if (change.section && !stored.pub.sections.some((s) => s.key === change.section)) throw new AppError('invalid', `no section "${change.section}" (sections: ${stored.pub.sections.map((s) => s.key).join(', ')})`);
  if (change.lang && !/^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(change.lang)) throw new AppError('invalid', `"${change.lang}" is not a language tag (zh, en, ja…)`);
  if (!(await updateSource(db, stored.id, id, change))) throw new AppError('not-found', `no source #${id}`);
}
