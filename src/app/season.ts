// A season looked back on: its compilation or its link digest made from what readers have of its
// issues (the published copies), stored as a draft post for the editor to read, edit and publish
// like any other post. A post already under that name is never overwritten unless asked.

import { seasonNumbers, seasonRange, type Issue, type Lang } from '../core/model.ts';
import { compileSeason, digestSeason, type SeasonPost } from '../markdown/season.ts';
import type { Db } from '../store/db.ts';
import { liveIssues } from '../store/issues.ts';
import { getPost, savePost, setPostStatus } from '../store/posts.ts';
import type { StoredPublication } from '../store/publications.ts';
import { AppError } from './errors.ts';

export interface SeasonRequest {
  season: number;
  kind: 'compilation' | 'digest';
  lang?: Lang | undefined;
  /** The post's date; today when not given. */
  date?: string | undefined;
  /** The site's address, for the compilation's links to each issue. */
  siteUrl: string;
  /** Write over a post of the same name. */
  replace?: boolean | undefined;
  now?: Date | undefined;
}

/** A season asked for, checked (a language the publication has, a season from 1), with what
 * readers have of its issues: what the compilation, the digest and the e-books are made from. */
export async function seasonIssues(db: Db, stored: StoredPublication, season: number, lang?: Lang): Promise<{ lang: Lang; issues: Issue[]; first: number; last: number }> {
  const pub = stored.pub;
  const l = lang ?? pub.primaryLang;
  if (!pub.languages.includes(l)) throw new AppError('bad-request', `the publication is written in ${pub.languages.join(', ')}, not "${l}"`);
  if (!Number.isInteger(season) || season < 1) throw new AppError('bad-request', `a season is a number from 1 (issues 1-30), not "${season}"`);
  return { lang: l, issues: await liveIssues(db, stored.id, seasonNumbers(season)), ...seasonRange(season) };
}

/** What a season made of no published issue says. */
export const emptySeason = (season: number, first: number, last: number, lang: Lang) => new AppError('not-found', `season ${season} (issues ${first}-${last}) has no published issue in ${lang}`);

export async function generateSeasonPost(db: Db, stored: StoredPublication, r: SeasonRequest): Promise<SeasonPost & { lang: Lang; result: 'created' | 'updated' | 'unchanged' }> {
  const pub = stored.pub;
  const { lang, issues, first, last } = await seasonIssues(db, stored, r.season, r.lang);
  const date = r.date ?? (r.now ?? new Date()).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new AppError('bad-request', `--date is YYYY-MM-DD, not "${date}"`);
  const root = r.siteUrl.replace(/\/+$/, '');
  const input = { season: r.season, lang, date, issueUrl: (n: number, l: Lang) => `${root}${l === pub.primaryLang ? '' : `/${l}`}/issues/${n}/` };
  const made = r.kind === 'compilation' ? compileSeason(issues, pub, input) : digestSeason(issues, pub, input);
  if (!made.issues.length) throw emptySeason(r.season, first, last, lang);
  const was = await getPost(db, stored.id, made.slug, lang);
  if (was && !r.replace) {
    throw new AppError('conflict', `a post "${made.slug}" (${lang}) exists already: "${was.title}", ${was.status ?? 'published'}, dated ${was.date}; the new ${r.kind} of season ${r.season} would be "${made.title}". Give another --date, or --replace to write over it`);
  }
  const result = await savePost(db, stored.id, { slug: made.slug, lang, kind: r.kind, date, title: made.title, body: made.body, status: was?.status === 'published' ? 'published' : 'draft' }, r.now);
  return { ...made, lang, result };
}

/** A draft post made public (or taken back to a draft). */
export async function setPostPublished(db: Db, stored: StoredPublication, slug: string, lang: Lang, published: boolean, now = new Date()): Promise<void> {
  if (!(await setPostStatus(db, stored.id, slug, lang, published ? 'published' : 'draft', now))) throw new AppError('not-found', `no post "${slug}" in ${lang}`);
}
