// A publication described in a file (YAML or JSON, read elsewhere): checked field by field, with
// every problem named by its place ("sections[2].titles: …"), and completed with the house
// style's defaults for what the file leaves out. Another weekly is configuration, not code.

import { DEMO_PUBLICATION } from './demo-publication.ts';
import { EDITIONS, ITEM_KINDS, type LangStyle, type Publication, type SectionDef } from './model.ts';

export class PublicationFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'PublicationFileError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

/** The publication a file describes, or a PublicationFileError listing every problem. */
export function publicationFromData(data: unknown): Publication {
  const problems: string[] = [];
  const bad = (where: string, what: string) => void problems.push(`${where}: ${what}`);
  if (!isObject(data)) throw new PublicationFileError(['the file must describe an object (slug, name, languages, sections, …)']);

  const slug = data.slug;
  if (!isString(slug) || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(slug)) bad('slug', 'lowercase letters, digits and dashes, e.g. "tech-weekly"');
  const languages = data.languages;
  if (!Array.isArray(languages) || languages.length === 0 || !languages.every((l) => isString(l) && /^[a-z]{2,3}(-[A-Za-z0-9]+)?$/.test(l))) bad('languages', 'a list of language tags, e.g. [zh, en]');
  const langs = Array.isArray(languages) ? languages.filter(isString) : [];
  const primary = data.primaryLang ?? langs[0];
  if (!isString(primary) || !langs.includes(primary)) bad('primaryLang', `one of the languages (${langs.join(', ') || 'none given'})`);
  const name = data.name;
  if (!isObject(name) || !isString(name[primary as string])) bad('name', `a name per language, at least the primary one (name.${String(primary)})`);

  const sections: SectionDef[] = [];
  if (!Array.isArray(data.sections) || data.sections.length === 0) bad('sections', 'a list of sections, each with key, titles and kind');
  else {
    const keys = new Set<string>();
    data.sections.forEach((s: unknown, i: number) => {
      const at = `sections[${i}]`;
      if (!isObject(s)) return bad(at, 'an object with key, titles and kind');
      if (!isString(s.key) || !/^[a-z][a-z0-9-]*$/.test(s.key)) bad(`${at}.key`, 'lowercase letters, digits and dashes');
      else if (keys.has(s.key)) bad(`${at}.key`, `"${s.key}" is used by an earlier section`);
      else keys.add(s.key);
      if (!isObject(s.titles) || !isString(s.titles[primary as string])) bad(`${at}.titles`, `a title per language, at least ${String(primary)}`);
      if (s.kind !== 'items' && s.kind !== 'free') bad(`${at}.kind`, '"items" (numbered items) or "free" (free text)');
      if (s.counts !== undefined && !(ITEM_KINDS as readonly unknown[]).includes(s.counts)) bad(`${at}.counts`, `one of ${ITEM_KINDS.join(', ')}`);
      if (s.aliases !== undefined && !(Array.isArray(s.aliases) && s.aliases.every(isString))) bad(`${at}.aliases`, 'a list of other headings that mean this section');
      if (s.emoji !== undefined && !isString(s.emoji)) bad(`${at}.emoji`, 'text (may be empty)');
      if (s.link !== undefined && !isString(s.link)) bad(`${at}.link`, 'an address');
      sections.push({
        key: String(s.key),
        emoji: isString(s.emoji) ? s.emoji : '',
        titles: (isObject(s.titles) ? s.titles : {}) as Record<string, string>,
        kind: s.kind === 'free' ? 'free' : 'items',
        ...(s.kind !== 'free' ? { counts: (s.counts as SectionDef['counts']) ?? 'article' } : {}),
        ...(Array.isArray(s.aliases) ? { aliases: s.aliases.filter(isString) } : {}),
        ...(isString(s.link) ? { link: s.link } : {}),
      });
    });
  }

  // The house style: the file's fields over the defaults of a language like it.
  const styleIn = isObject(data.style) && isObject(data.style.langs) ? data.style.langs : {};
  const langStyles: Record<string, LangStyle> = {};
  for (const lang of langs) {
    const base = DEMO_PUBLICATION.style.langs[lang] ?? DEMO_PUBLICATION.style.langs.en!;
    const own = styleIn[lang];
    if (own !== undefined && !isObject(own)) {
      bad(`style.langs.${lang}`, 'an object of house-style fields');
      continue;
    }
    const merged = { ...base, ...(own ?? {}) } as LangStyle;
    for (const key of ['titleTemplate', 'itemMarker', 'starsTemplate', 'noteTemplate', 'headingTemplate', 'intro', 'countsSeparator', 'countsTemplate', 'teaserLead', 'teaserCountsTemplate', 'subscribe'] as const) {
      if (!isString(merged[key])) bad(`style.langs.${lang}.${key}`, 'text');
    }
    if (merged.header !== 'frontmatter' && merged.header !== 'h1') bad(`style.langs.${lang}.header`, '"frontmatter" or "h1"');
    langStyles[lang] = merged;
  }
  for (const lang of Object.keys(styleIn)) if (!langs.includes(lang)) bad(`style.langs.${lang}`, `not one of the languages (${langs.join(', ')})`);

  if (data.posts !== undefined) {
    if (!Array.isArray(data.posts)) bad('posts', 'a list of { pattern, kind }');
    else
      data.posts.forEach((p: unknown, i: number) => {
        if (!isObject(p) || !isString(p.pattern)) return bad(`posts[${i}].pattern`, 'a regular expression on the file name');
        try {
          new RegExp(p.pattern);
        } catch (e) {
          bad(`posts[${i}].pattern`, `not a regular expression: ${(e as Error).message}`);
        }
        if (p.kind !== 'compilation' && p.kind !== 'digest' && p.kind !== 'post') bad(`posts[${i}].kind`, '"compilation", "digest" or "post"');
      });
  }
  const editions = isObject(data.publishing) ? data.publishing.editions : undefined;
  if (editions !== undefined) {
    if (!isObject(editions)) bad('publishing.editions', 'an edition per channel');
    else for (const [ch, e] of Object.entries(editions)) if (!(EDITIONS as readonly unknown[]).includes(e)) bad(`publishing.editions.${ch}`, `"full" or "teaser", not ${JSON.stringify(e)}`);
  }
  if (problems.length) throw new PublicationFileError(problems);
  return {
    slug: slug as string,
    name: name as Record<string, string>,
    primaryLang: primary as string,
    languages: langs,
    sections,
    style: { langs: langStyles, ...(isObject(data.style) && isString(data.style.fullTextUrl) ? { fullTextUrl: data.style.fullTextUrl } : {}) },
    ...(Array.isArray(data.glossary) ? { glossary: data.glossary as Record<string, string>[] } : {}),
    ...(isObject(data.publishing) ? { publishing: data.publishing as Publication['publishing'] } : {}),
    ...(Array.isArray(data.posts) ? { posts: data.posts as Publication['posts'] } : {}),
  };
}
