// Posts: the files of an archive that are not numbered issues (a season's compilation, a link
// digest, an announcement). They are recognised by their file name, as the publication's post
// patterns say, never by guessing from their text, and kept whole.

import { DEFAULT_POST_PATTERNS, type Post, type PostKind, type Publication } from '../core/model.ts';
import { detectLang } from './detect.ts';
import { MarkdownError } from './errors.ts';
import { readFrontMatter } from './front-matter.ts';

/** A post's Markdown without its byte-order mark and front matter (and, with `title`, its H1): what a page shows under its own title. */
export function postText(post: Post, opts: { title?: boolean } = {}): string {
  const body = post.body.replace(/^\uFEFF/, '').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  return opts.title === false ? body.replace(/^\s*# .*\r?\n/, '') : body;
}

/** The kind of post a file is, by its front matter (kind: compilation|digest|post) or its name; undefined for an issue. */
export function postKindOf(file: string, pub: Publication, text?: string): PostKind | undefined {
  if (text !== undefined && text.replace(/^\uFEFF/, '').startsWith('---')) {
    const kind = /^(?:kind|type):\s*['"]?(compilation|digest|post)['"]?\s*$/m.exec(text.slice(0, 2000).split(/\n---\s*\n/)[0] ?? '')?.[1];
    if (kind) return kind as PostKind;
  }
  const name = file.split(/[\\/]/).pop() ?? file;
  for (const p of pub.posts ?? DEFAULT_POST_PATTERNS) if (new RegExp(p.pattern, 'i').test(name)) return p.kind;
  return undefined;
}

/** A post from its file: slug, language, date and title from the front matter or the H1 and the file name. */
export function parsePost(text: string, file: string, kind: PostKind): Post {
  if (text.trim() === '') throw new MarkdownError(file, 1, 'the file is empty');
  const name = (file.split(/[\\/]/).pop() ?? file).replace(/\.(md|markdown)$/i, '');
  const fm = readFrontMatter(text.replace(/^\uFEFF/, ''), file);
  const field = (re: RegExp) => fm?.fields.find((f) => re.test(f.key))?.value.trim();
  const title = field(/^title$/i) ?? /^# (.*)/m.exec(text)?.[1]?.trim() ?? '';
  const rawDate = field(/^(pubDate|date)$/i) ?? /(\d{4}-\d{2}-\d{2})/.exec(name)?.[1] ?? '';
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(rawDate);
  if (!m) throw new MarkdownError(file, 1, 'a post needs a date: in the front matter (date, pubDate) or the file name (YYYY-MM-DD-…)');
  const slug = field(/^slug$/i) ?? name;
  if (!/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(slug)) throw new MarkdownError(file, 1, `the post's slug "${slug}" has characters a file name or address cannot keep`);
  return { slug, lang: detectLang(file, title || text.slice(0, 2000)), kind, date: `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`, title, body: text };
}
