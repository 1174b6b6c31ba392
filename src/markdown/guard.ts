// What a translation must keep of the Markdown it was given: links, bare URLs, code spans,
// emoji, numbering and emphasis. Compared as multisets, so words may move around them.

export interface MarkdownParts {
  links: string[];
  code: string[];
  emoji: string[];
  markers: string[];
}

const LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const BARE_URL = /(?<![(<\w])https?:\/\/[^\s)）>\]]+/g;
const CODE = /`+[^`]+`+/g;
const EMOJI = /\p{Extended_Pictographic}/gu;
const MARKER = /^(?:#{1,6} |\d+[、.] ?|[-*+] |> )/gm;

export function markdownParts(text: string): MarkdownParts {
  const code = text.match(CODE) ?? [];
  const withoutCode = text.replace(CODE, ' ');
  return {
    links: [...[...withoutCode.matchAll(LINK)].map((m) => m[1]!), ...(withoutCode.replace(LINK, ' ').match(BARE_URL) ?? [])].sort(),
    code: [...code].sort(),
    emoji: (withoutCode.match(EMOJI) ?? []).sort(),
    markers: (withoutCode.match(MARKER) ?? []).map((m) => m.replace(/、/, '.').replace(/\s+$/, '').replace(/\.$/, '.')).sort(),
  };
}

/** What `translated` lost or added of `original`'s Markdown, as sentences; empty when intact. */
export function markdownProblems(original: string, translated: string): string[] {
  const a = markdownParts(original);
  const b = markdownParts(translated);
  const problems: string[] = [];
  const diff = (what: string, x: string[], y: string[]) => {
    const left = [...y];
    const missing: string[] = [];
    for (const v of x) {
      const k = left.indexOf(v);
      if (k >= 0) left.splice(k, 1);
      else missing.push(v);
    }
    if (missing.length) problems.push(`${what} missing: ${missing.join(' ')}`);
    if (left.length) problems.push(`${what} added: ${left.join(' ')}`);
  };
  diff('link', a.links, b.links);
  diff('code span', a.code, b.code);
  diff('emoji', a.emoji, b.emoji);
  diff('numbering or list marker', a.markers, b.markers);
  return problems;
}
