// The weekly's model. Plain data, no I/O: everything else reads and writes these shapes.

/** A language tag as the publication uses it: "zh", "en", "ja", … */
export type Lang = string;

/** What an item counts as in the "Shared 12 articles, 12 projects" line and in statistics. */
export type ItemKind = 'article' | 'project' | 'media' | 'discussion';
export const ITEM_KINDS: readonly ItemKind[] = ['article', 'project', 'media', 'discussion'];

export type IssueStatus = 'draft' | 'scheduled' | 'published';
export type Edition = 'full' | 'teaser';
export const EDITIONS: readonly Edition[] = ['full', 'teaser'];

export interface SectionDef {
  /** Stable key, e.g. "articles". */
  key: string;
  emoji: string;
  /** Heading text per language, without the emoji. */
  titles: Record<Lang, string>;
  link?: string | undefined;
  /** Numbered items, or free text (giveaways, past issues, subscribe, sponsorship). */
  kind: 'items' | 'free';
  /** For item sections: what their items count as. */
  counts?: ItemKind | undefined;
  /** Other headings that mean this section in archives (older wordings). */
  aliases?: string[] | undefined;
}

/** Per-language house style: the text around the items. Templates use {placeholders}. */
export interface LangStyle {
  /** Front matter (blog) or an H1 title line (Git archive). */
  header: 'frontmatter' | 'h1';
  /** e.g. "Python 潮流周刊#{number}：{title}" */
  titleTemplate: string;
  author?: string | undefined;
  /** Items are numbered "1、" or "1. ". */
  itemMarker: string;
  /** Marks an item whose source is in another language, e.g. { en: "（英文）" }. */
  foreignMarks: Record<Lang, string>;
  starsTemplate: string; // "（star {stars}）"
  noteTemplate: string; // "（附：{note}）"
  /** Heading of a section: "{emoji}{title}" */
  headingTemplate: string;
  intro: string;
  /** Counted nouns per item kind, e.g. { article: "{n} 篇文章" }, joined by countsSeparator. */
  countNouns: Record<ItemKind, string>;
  countsSeparator: string;
  /** "本期分享了 {counts}，全文 {words} 字。" */
  countsTemplate: string;
  /** Teaser-only sentence above the title summary. */
  teaserLead: string;
  teaserCountsTemplate: string;
  subscribe: string;
  /** Free blocks after the sections in the full edition. */
  outro: string[];
  /** The wording of the season's compilation and link digest (markdown/season.ts has the defaults). */
  season?: Partial<SeasonStyle> | undefined;
  /** Words the word cloud leaves out, over the language's own list (lookback/wordcloud.ts). */
  stopWords?: string[] | undefined;
}

/** Templates of a season's compilation and link digest. Placeholders: {name} {season} {first}
 * {last} {date}, and {words} (compilation), {links} {sections} (digest), {number} {url} (an
 * issue's heading), {emoji} {title} {n} (a digest's section heading). */
export interface SeasonStyle {
  compilationTitle: string;
  compilationIntro: string;
  issueHeading: string;
  separator: string;
  digestTitle: string;
  digestIntro: string;
  digestHeading: string;
  appendixTitle: string;
  appendixIntro: string;
  /** The posts' slugs: "{date}-sweekly", "{date}-iweekly". */
  slug: string;
  digestSlug: string;
}

export interface HouseStyle {
  langs: Record<Lang, LangStyle>;
  /** Where teaser readers are sent for the full text. */
  fullTextUrl?: string | undefined;
}

export interface Publication {
  slug: string;
  name: Record<Lang, string>;
  primaryLang: Lang;
  languages: Lang[];
  sections: SectionDef[];
  style: HouseStyle;
  /** Terms translation must render one fixed way, e.g. { zh: "Python 潮流周刊", en: "Python Trending Weekly" }. */
  glossary?: Record<Lang, string>[] | undefined;
  publishing?: Publishing | undefined;
  /**
   * Files that are posts, not numbered issues (season compilations, link digests,
   * announcements): a pattern on the file name (a regular expression) and the kind of post.
   * Default: DEFAULT_POST_PATTERNS.
   */
  posts?: PostPattern[] | undefined;
}

export type PostKind = 'compilation' | 'digest' | 'post';
export interface PostPattern {
  pattern: string;
  kind: PostKind;
}

/** The weekly's own: YYYY-MM-DD-sweekly.md (season compilation), -iweekly (link digest), -lweekly (other posts). */
export const DEFAULT_POST_PATTERNS: readonly PostPattern[] = [
  { pattern: '-sweekly\\.(md|markdown)$', kind: 'compilation' },
  { pattern: '-iweekly\\.(md|markdown)$', kind: 'digest' },
  { pattern: '-lweekly\\.(md|markdown)$', kind: 'post' },
];

/**
 * A post: a piece of the archive that is not a numbered issue. It never takes or changes an
 * issue's number; it keeps its text whole, so it renders back byte for byte.
 */
export interface Post {
  /** From the file name (or front matter `slug`): "2023-12-11-sweekly". */
  slug: string;
  lang: Lang;
  kind: PostKind;
  date: string;
  title: string;
  /** The file's text, exactly. */
  body: string;
  /** A draft (a generated compilation the editor has not published) is nobody's but the editors'. Default: published. */
  status?: 'draft' | 'published' | undefined;
}

/** Where an issue goes when it is published, by name: "site", "feed", "email", "telegram", "git", "webhooks" (the list is channels/registry.ts). */
export type Channel = string;

export interface Webhook {
  url: string;
  /** generic: a JSON document; slack and discord: their incoming-webhook message shapes. */
  kind: 'generic' | 'slack' | 'discord';
  lang?: Lang | undefined;
}

/** How a publication reaches its readers. Secrets (SMTP password, bot token) are not here: they come from the environment. */
export interface Publishing {
  /** The site's public address, for links in feeds, mail and the sitemap, e.g. "https://weekly.example.com". */
  siteUrl?: string | undefined;
  /** The edition readers who are not members get on each channel; members always get the full one. Default: full everywhere. */
  editions?: Partial<Record<Channel, Edition>> | undefined;
  /** The From of mail, e.g. "Weekly <weekly@example.com>". */
  mailFrom?: string | undefined;
  telegram?: { chatId: string; lang?: Lang | undefined; parseMode?: 'HTML' | 'MarkdownV2' | undefined } | undefined;
  git?: { dir: string; remote?: string | undefined; branch?: string | undefined } | undefined;
  webhooks?: Webhook[] | undefined;
  /**
   * When an issue's full edition becomes everyone's on the channels that give non-members the
   * teaser: so many issues later (the weekly's practice) or so many days after its date, whichever
   * comes first. Unset: never.
   */
  unlock?: { afterIssues?: number | undefined; afterDays?: number | undefined } | undefined;
  /** The season e-books: who may download them from the site's archive (default: members), and
   * whether pictures are embedded (fetched when the book is made) or dropped (default: dropped). */
  ebooks?: { access?: 'everyone' | 'members' | 'off' | undefined; images?: 'embed' | 'drop' | undefined } | undefined;
  /** The site's stats pages (/stats/, /stats/season-N/): charts and the word cloud from what every
   * reader sees of the issues (titles and counts). Default: off. */
  stats?: 'public' | 'off' | undefined;
  /** Clicks on an issue's links in mail are counted, per link and day (never per reader), through
   * signed redirects on the site; the mail's footer says so. Default: off. */
  countClicks?: boolean | undefined;
}

/** Where in time an edition is decided: the latest published issue and today (YYYY-MM-DD). */
export interface EditionMoment {
  latest: number;
  today: string;
}

/**
 * The edition a reader gets on a channel: the one rule every page, feed, index, API, mail and
 * message follows. Members get the full edition; others get the channel's, unless the issue is
 * old enough to be unlocked (which needs the issue and the moment; without them, nothing unlocks).
 */
export function editionFor(pub: Publication, channel: Channel, member = false, issue?: { number: number; date: string }, at?: EditionMoment): Edition {
  if (member) return 'full';
  const edition = pub.publishing?.editions?.[channel] ?? 'full';
  if (edition === 'full' || !issue || !at) return edition;
  const unlock = pub.publishing?.unlock;
  if (unlock?.afterIssues !== undefined && at.latest - issue.number >= unlock.afterIssues) return 'full';
  if (unlock?.afterDays !== undefined && (Date.parse(at.today) - Date.parse(issue.date)) / 86_400_000 >= unlock.afterDays) return 'full';
  return edition;
}

/**
 * The edition a reader gets of a post: a season compilation is its issues' full text, so it takes
 * the channel's edition; digests (titles) and other posts are everyone's.
 */
export function postEditionFor(pub: Publication, channel: Channel, post: { kind: PostKind }, member = false): Edition {
  return post.kind === 'compilation' ? editionFor(pub, channel, member) : 'full';
}

/** The season an issue belongs to: 30 issues a season, issues 1-30 in season 1. */
export const SEASON_LENGTH = 30;
export function seasonOf(number: number): number {
  return Math.max(1, Math.ceil(number / SEASON_LENGTH));
}

/** The numbers of a season's issues: 1–30 for the first. */
export function seasonRange(season: number): { first: number; last: number } {
  return { first: (season - 1) * SEASON_LENGTH + 1, last: season * SEASON_LENGTH };
}

/** Every issue number of a season, in order. */
export function seasonNumbers(season: number): number[] {
  const { first } = seasonRange(season);
  return Array.from({ length: SEASON_LENGTH }, (_, i) => first + i);
}

/** Per-language text of an item. */
export interface ItemText {
  title: string;
  blurb: string;
  /** Marker after the link, e.g. "（英文）". */
  suffix?: string | undefined;
  /** A note with related links, e.g. "The author also wrote [..](..)". */
  note?: string | undefined;
  /** Alt text of the item's image in this language. */
  imageAlt?: string | undefined;
  /** Formatting that differs from the house default, kept so the text renders back as it was. */
  layout?: ItemLayout | undefined;
}

export interface ItemLayout {
  /** Literal number when it is not position + 1. */
  number?: string;
  marker?: string;
  /** Whitespace after the title line. */
  trail?: string;
  /** Separator between the title line and the blurb when it is not one blank line. */
  sep?: string;
  /** Separator before the image. */
  imageSep?: string;
  /** The image comes right after the title line, before the text (as some weeklies write it). */
  imageFirst?: boolean;
  /** The image is not rendered in this language. */
  noImage?: boolean;
  /** The URL differs in this language. */
  url?: string;
  /** This language does not show the item's star count. */
  noStars?: boolean;
  /** The star count is written as it was, when it is not the house template. */
  starsText?: string;
  /** The note's wrapper when it is not the house template, e.g. " (See also: {note})". */
  noteForm?: string;
  /** Image URL in this language, when it differs from the item's. */
  image?: string;
  /** Title as shown in the teaser, when it differs from the full title. */
  teaserTitle?: string;
  /** Item exists only in the teaser of this language. */
  teaserOnly?: boolean;
}

export interface ItemMeta {
  stars?: number | undefined;
  forks?: number | undefined;
  language?: string | undefined;
  /** Per language, a hash of the first language's title and blurb its text was written from (see textHash), to tell a stale translation. */
  translatedFrom?: Record<string, string> | undefined;
  [key: string]: unknown;
}

export interface Item {
  /** Set once stored. */
  id?: number | undefined;
  section: string;
  /** 0-based position inside its section. */
  position: number;
  url: string | null;
  image?: string | null | undefined;
  meta: ItemMeta;
  texts: Record<Lang, ItemText>;
}

/** Front matter fields in order, with values that may hold {title}, {number}, {date}. */
export interface HeaderField {
  key: string;
  value: string;
  quote: '' | "'" | '"';
}

export type Header =
  | { kind: 'frontmatter'; fields: HeaderField[] }
  | { kind: 'h1'; text: string }
  | { kind: 'none' };

export type BlockRole = 'intro' | 'counts' | 'notice' | 'summary' | 'subscribe' | 'past' | 'giveaway' | 'text';

export interface HeadingLayout {
  /** Heading text as written, emoji included. */
  text: string;
  link?: string | undefined;
  /** "## ", "### " or "" for a bold line (or a line that is only the section's link). */
  level: string;
  bold: boolean;
  trail?: string;
  /** What stands before the link, as in "## 🦄[文章&教程](…)" (the emoji outside the link). */
  lead?: string;
}

export type LayoutBlock =
  | { kind: 'text'; role: BlockRole; text: string; sep?: string }
  | { kind: 'counts'; sep?: string } // computed at render time
  | {
      kind: 'section';
      key: string;
      heading: HeadingLayout;
      sep?: string;
      /** Free text before the first item, or the whole body of a free section. */
      body?: string;
      bodySep?: string;
      /** Separator before the first item, when not one blank line. */
      itemsSep?: string;
      /** Separators between items, when not one blank line (by index of the later item). */
      itemSeps?: Record<number, string>;
      /** Items are shown as ① titles (teaser) instead of numbered links. */
      teaser?: boolean;
    };

/** How one edition of one language is laid out. Kept from an import, or made from the house style. */
export interface EditionLayout {
  eol: '\n' | '\r\n';
  bom?: boolean;
  header: Header;
  /** Separator after the header. */
  headerSep?: string;
  blocks: LayoutBlock[];
  /** Text after the last block: "\n", "" … */
  end: string;
}

export interface IssueEdition {
  lang: Lang;
  edition: Edition;
  title: string;
  description?: string | undefined;
  layout?: EditionLayout | undefined;
  /** The file this edition was imported from, for telling a re-import from a collision. */
  source?: string | undefined;
}

export interface Issue {
  number: number;
  date: string; // YYYY-MM-DD
  status: IssueStatus;
  edition: Edition;
  editions: IssueEdition[];
  items: Item[];
}

export function sectionByKey(pub: Publication, key: string): SectionDef | undefined {
  return pub.sections.find((s) => s.key === key);
}

export function editionOf(issue: Issue, lang: Lang, edition: Edition): IssueEdition | undefined {
  return issue.editions.find((e) => e.lang === lang && e.edition === edition);
}

/** The title of an issue in a language ("" when that language has none), the full edition's first. */
export function issueTitle(issue: Issue, lang: Lang): string {
  const own = issue.editions.filter((e) => e.lang === lang && e.title);
  return (own.find((e) => e.edition === 'full') ?? own[0])?.title ?? '';
}

/** Items of a section in order. */
export function sectionItems(issue: Issue, key: string): Item[] {
  return issue.items.filter((i) => i.section === key).sort((a, b) => a.position - b.position);
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Puts editions and items in their one canonical order, so equal issues compare equal. */
export function normaliseIssue(issue: Issue): Issue {
  issue.editions.sort((a, b) => byText(a.lang, b.lang) || byText(a.edition, b.edition));
  issue.items.sort((a, b) => byText(a.section, b.section) || a.position - b.position);
  return issue;
}

/** A short hash of an item's title and blurb (FNV-1a, 32 bits): what a translation was made from. */
export function textHash(t: ItemText | undefined): string {
  const s = `${t?.title ?? ''}\n${t?.blurb ?? ''}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** The languages whose text of an item was written from an earlier first-language text than it has now. */
export function staleTranslations(item: Item, primary: Lang): Lang[] {
  const from = item.meta.translatedFrom;
  if (!from) return [];
  const now = textHash(item.texts[primary]);
  return Object.entries(from).filter(([lang, hash]) => lang !== primary && item.texts[lang]?.title && hash !== now).map(([lang]) => lang);
}
