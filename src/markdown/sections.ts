// Finds which of the publication's sections a heading names, in any of its languages.

import type { SectionDef } from '../core/model.ts';
import { leadingEmoji } from './inline.ts';

/** Letters and digits only, lower case: "🦄 Articles & Tutorials" → "articlestutorials". */
export function headingKey(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function resolveSection(sections: SectionDef[], headingText: string): SectionDef | undefined {
  const key = headingKey(headingText);
  if (!key) return undefined;
  return sections.find((s) =>
    [...Object.values(s.titles), ...(s.aliases ?? [])].some((t) => headingKey(t) === key),
  );
}

/** A section the publication does not know yet, made from a heading: always free text. */
export function freeSectionFor(headingText: string, lang: string): SectionDef {
  const emoji = leadingEmoji(headingText);
  const title = headingText.slice(emoji.length).trim();
  const slug = headingKey(title).slice(0, 40) || 'section';
  return { key: `free-${slug}`, emoji, titles: { [lang]: title }, kind: 'free' };
}
