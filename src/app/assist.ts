// What the assistant does for an editor: draft a blurb in the house style, translate an item's
// texts keeping their Markdown and the publication's glossary. Answers are cached by their input
// and every call's tokens are counted against the issue it was for.

import { createHash } from 'node:crypto';
import type { Item, Lang, Publication } from '../core/model.ts';
import { markdownProblems } from '../markdown/guard.ts';
import type { Db } from '../store/db.ts';
import { cacheAnswer, cachedAnswer, recordUsage, tokensFor } from '../store/llm.ts';
import { extractiveSummary } from '../text/summary.ts';
import type { ChatClient, ChatMessage } from '../llm/client.ts';

export const LANG_NAMES: Record<string, string> = { zh: 'Simplified Chinese', en: 'English', ja: 'Japanese' };
const langName = (l: Lang) => LANG_NAMES[l] ?? l;

export class AssistError extends Error {
  override name = 'AssistError';
}

export interface Usage {
  publicationId: number;
  issueNumber: number | null;
}

export interface Completion {
  text: string;
  promptTokens: number;
  completionTokens: number;
  cached: boolean;
}

/** One completion through the cache; usage is recorded either way (cached calls cost nothing). */
export async function cachedComplete(db: Db, client: ChatClient, messages: ChatMessage[], purpose: string, usage: Usage, onDelta?: (text: string) => void): Promise<Completion> {
  const key = createHash('sha256').update(JSON.stringify({ model: client.model, messages })).digest('hex');
  const hit = await cachedAnswer(db, key);
  let out: Completion;
  if (hit !== undefined) {
    onDelta?.(hit);
    out = { text: hit, promptTokens: 0, completionTokens: 0, cached: true };
  } else {
    const r = await client.complete(messages, onDelta ? { onDelta } : {});
    out = { text: r.text.trim(), promptTokens: r.promptTokens, completionTokens: r.completionTokens, cached: false };
    await cacheAnswer(db, { key, model: client.model, output: out.text, promptTokens: r.promptTokens, completionTokens: r.completionTokens }, new Date());
  }
  await recordUsage(db, { ...usage, purpose, model: client.model, promptTokens: out.promptTokens, completionTokens: out.completionTokens, cached: out.cached }, new Date());
  return out;
}

export { tokensFor };

export interface BlurbInput {
  title: string;
  url: string | null;
  /** The article's text as extracted, or its feed summary. */
  text: string;
  lang: Lang;
  /** Blurbs of this publication in the same language, as examples of its voice. */
  examples: string[];
}

export function blurbMessages(pub: Publication, b: BlurbInput): ChatMessage[] {
  const name = pub.name[b.lang] ?? pub.name[pub.primaryLang] ?? pub.slug;
  const examples = b.examples.slice(0, 3).map((e, i) => `Example ${i + 1}:\n${e}`).join('\n\n');
  return [
    {
      role: 'system',
      content: [
        `You write the short blurbs of "${name}", a curated weekly newsletter. Write in ${langName(b.lang)}.`,
        'A blurb is one to three sentences that say what the link is and why a reader would open it. Plain, specific, no hype, no emoji, no headings, no lists.',
        'Keep product and project names, code identifiers and version numbers as they are. Reply with the blurb only.',
        ...(examples ? [`Blurbs from past issues, for their voice:\n\n${examples}`] : []),
      ].join('\n'),
    },
    { role: 'user', content: `Title: ${b.title}\n${b.url ? `Link: ${b.url}\n` : ''}\n${b.text.slice(0, 6000)}` },
  ];
}

/** The blurb to offer without a model: the article's opening sentences. */
export function fallbackBlurb(b: BlurbInput): string {
  return extractiveSummary(b.text, b.lang) || b.title;
}

export const TRANSLATABLE = ['title', 'blurb', 'note'] as const;
export type TranslatableField = (typeof TRANSLATABLE)[number];

export interface TranslationProposal {
  itemId: number;
  from: Lang;
  to: Lang;
  fields: { field: TranslatableField; before: string; after: string }[];
}

/** Glossary pairs whose source term appears in the text. */
export function glossaryFor(pub: Publication, from: Lang, to: Lang, text: string): [string, string][] {
  return (pub.glossary ?? []).flatMap((g) => (g[from] && g[to] && text.includes(g[from]!) ? [[g[from]!, g[to]!] as [string, string]] : []));
}

function packFields(fields: [TranslatableField, string][]): string {
  return fields.map(([f, v]) => `<<<${f}>>>\n${v}`).join('\n');
}

function unpackFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /<<<(\w+)>>>\n?([\s\S]*?)(?=\n?<<<\w+>>>|$)/g;
  for (const m of text.matchAll(re)) out.set(m[1]!, m[2]!.trim());
  return out;
}

export function translateMessages(pub: Publication, from: Lang, to: Lang, packed: string, reminder?: string): ChatMessage[] {
  const terms = glossaryFor(pub, from, to, packed);
  return [
    {
      role: 'system',
      content: [
        `You translate a curated tech newsletter from ${langName(from)} to ${langName(to)}.`,
        'The input is Markdown split into fields by lines like <<<title>>>. Reply with the same field lines, in the same order, each followed by its translation.',
        'Keep the Markdown exactly: every link target, bare URL, `code span`, emoji, number and list marker stays as it is; translate only the words. Keep names of projects and people as they are.',
        ...(terms.length ? [`Use this glossary, always:\n${terms.map(([a, b]) => `${a} → ${b}`).join('\n')}`] : []),
        ...(reminder ? [`Your last answer broke these rules: ${reminder}. Fix that.`] : []),
      ].join('\n'),
    },
    { role: 'user', content: packed },
  ];
}

/** Translates one item's texts; checks the answer kept its Markdown and glossary, asks once more if not. */
export async function translateItem(db: Db, client: ChatClient, pub: Publication, item: Item, from: Lang, to: Lang, usage: Usage): Promise<TranslationProposal & { tokens: number }> {
  const source = item.texts[from];
  if (!source) throw new AssistError(`item ${item.id} has no ${from} text to translate`);
  const fields = TRANSLATABLE.flatMap((f) => (source[f] ? [[f, source[f]!] as [TranslatableField, string]] : []));
  if (fields.length === 0) throw new AssistError(`item ${item.id} has no ${from} text to translate`);
  const packed = packFields(fields);
  let reminder: string | undefined;
  let tokens = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await cachedComplete(db, client, translateMessages(pub, from, to, packed, reminder), 'translate', usage);
    tokens += r.promptTokens + r.completionTokens;
    const got = unpackFields(r.text);
    const problems: string[] = [];
    const out = fields.map(([field, before]) => {
      const after = got.get(field);
      if (after === undefined || !after) problems.push(`the ${field} is missing`);
      else for (const p of markdownProblems(before, after)) problems.push(`${field}: ${p}`);
      for (const [a, b] of glossaryFor(pub, from, to, before)) if (after && !after.includes(b)) problems.push(`${field}: glossary says "${a}" is "${b}"`);
      return { field, before: item.texts[to]?.[field] ?? '', after: after ?? '' };
    });
    if (problems.length === 0) return { itemId: item.id!, from, to, fields: out, tokens };
    reminder = problems.join('; ');
  }
  throw new AssistError(`the translation of item ${item.id} did not keep its Markdown: ${reminder}`);
}
