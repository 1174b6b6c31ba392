// Imports an archive of Markdown issues: files and folders, every edition and language.
// Each file is one transaction; a bad file is reported with its line and nothing of it is stored.

import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { canonicalJson } from '../core/canonical.ts';
import { mergeEdition, editionConflict } from '../core/merge.ts';
import type { Issue, Publication } from '../core/model.ts';
import { loadIssue, saveIssue, issueNumberOfDate } from '../store/issues.ts';
import { updatePublication, type StoredPublication } from '../store/publications.ts';
import { inTransaction, type Store } from '../store/db.ts';
import { repairMojibake } from '../text/mojibake.ts';
import { MarkdownError } from '../markdown/errors.ts';
import { parseEdition, type ParsedEdition } from '../markdown/parse.ts';
import { parsePost, postKindOf } from '../markdown/post.ts';
import type { PostKind } from '../core/model.ts';
import { savePost } from '../store/posts.ts';
import { renderEdition } from '../markdown/render.ts';

export type FileOutcome =
  | { file: string; status: 'created' | 'updated' | 'unchanged'; number: number; lang: string; edition: string; repaired: string[]; warnings: string[] }
  /** A post (a compilation, a digest…): kept whole under its slug, never an issue. */
  | { file: string; status: 'created' | 'updated' | 'unchanged'; post: string; kind: PostKind; lang: string; repaired: string[]; warnings: string[] }
  | { file: string; status: 'skipped'; reason: string }
  | { file: string; status: 'failed'; error: string };

/** Markdown files under the given paths, in a stable order. */
export async function markdownFiles(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => null);
    if (!s) throw new Error(`import: ${p}: no such file or folder`);
    if (s.isDirectory()) {
      const entries = (await readdir(p)).filter((e) => !e.startsWith('.') && e !== 'node_modules').sort();
      for (const e of entries) await walk(join(p, e));
    } else if (/\.(md|markdown)$/i.test(p)) out.push(p);
  };
  for (const p of paths) {
    // A file named on its own is meant: one that is not Markdown is a mistake to say, not to skip.
    const s = await stat(p).catch(() => null);
    if (s?.isFile() && !/\.(md|markdown)$/i.test(p)) throw new Error(`import: ${p}: not a Markdown file (.md or .markdown)`);
    const before = out.length;
    await walk(p);
    if (out.length === before) throw new Error(`import: ${p}: no Markdown files (.md or .markdown) in it`);
  }
  return out;
}

export interface SourceText {
  text: string;
  /** Encodings undone by the mojibake repair. */
  repaired: string[];
}

/** Reads a file as UTF-8, repairing mojibake. Throws a MarkdownError for text that is not UTF-8. */
export async function readSource(file: string): Promise<SourceText> {
  const bytes = await readFile(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new MarkdownError(file, firstBadLine(bytes), 'not UTF-8 text');
  }
  const fix = repairMojibake(text);
  return { text: fix.text, repaired: fix.undone };
}

function firstBadLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    try {
      decoder.decode(bytes.subarray(start, end));
    } catch {
      return line;
    }
    start = end + 1;
  }
  return line;
}

/** README files of an archive list past issues; they are not issues themselves. */
function isIndexFile(file: string): boolean {
  return /(^|[\\/])README[^\\/]*\.md$/i.test(file);
}

export interface ImportOptions {
  onFile?: (outcome: FileOutcome, index: number, total: number) => void;
  /** Overwrite an issue's edition that another file holds (see editionConflict); off: such a file is refused. */
  replace?: boolean;
  /** 'date': a file whose number disagrees with the issue of its date joins that issue, when its links say so too. */
  joinBy?: 'number' | 'date';
}

export async function importFiles(store: Store, stored: StoredPublication, paths: string[], opts: ImportOptions = {}): Promise<FileOutcome[]> {
  const files = await markdownFiles(paths);
  const outcomes: FileOutcome[] = [];
  let pub = stored.pub;
  for (const [i, file] of files.entries()) {
    let outcome: FileOutcome;
    try {
      const done = await importOne(store, stored.id, pub, file, opts.replace ?? false, opts.joinBy ?? 'number');
      outcome = done.outcome;
      pub = done.pub;
    } catch (e) {
      outcome = failure(file, e);
    }
    outcomes.push(outcome);
    opts.onFile?.(outcome, i, files.length);
  }
  stored.pub = pub;
  return outcomes;
}

/** One file in one transaction; gives back the publication, grown by any sections the file brought. */
async function importOne(store: Store, publicationId: number, pub: Publication, file: string, replace: boolean, joinBy: 'number' | 'date'): Promise<{ outcome: FileOutcome; pub: Publication }> {
  if (isIndexFile(file)) return { outcome: { file, status: 'skipped', reason: 'archive index (README), not an issue' }, pub };
  const source = await readSource(file);
  const kind = postKindOf(file, pub, source.text);
  if (kind) {
    const post = parsePost(source.text, file, kind);
    const status = await savePost(store.db, publicationId, post);
    return { outcome: { file, status, post: post.slug, kind, lang: post.lang, repaired: source.repaired, warnings: [] }, pub };
  }
  const parsed = parseEdition(source.text, pub, { file });
  const stated = parsed.number;
  const nextPub = parsed.newSections.length ? { ...pub, sections: [...pub.sections, ...parsed.newSections] } : pub;
  const status = await inTransaction(store.db, async (tx) => {
    let existing = await loadIssue(tx, publicationId, parsed.number);
    // Asked to: a file whose number is not that of the issue of its date, and whose links are that issue's, joins it.
    if (joinBy === 'date') {
      const twin = await issueNumberOfDate(tx, publicationId, parsed.date);
      if (twin !== undefined && twin !== parsed.number) {
        const other = await loadIssue(tx, publicationId, twin);
        if (other && editionConflict(other, { ...parsed, number: twin, source: file }) === undefined) {
          parsed.number = twin;
          existing = other;
        }
      }
    }
    const input = { ...parsed, source: file };
    // A file that would replace or mix up what another file brought is refused, naming both.
    const conflict = replace ? undefined : editionConflict(existing, input);
    if (conflict) {
      const twin = await issueNumberOfDate(tx, publicationId, parsed.date);
      const hint = twin !== undefined && twin !== parsed.number ? `; its date is that of #${twin}` : '';
      throw new Error(`${conflict}${hint}; nothing of it was stored (import --replace overwrites)`);
    }
    const merged = mergeEdition(existing, input, nextPub);
    if (nextPub !== pub) await updatePublication(tx, publicationId, nextPub);
    if (existing && canonicalJson(existing) === canonicalJson(merged)) return 'unchanged' as const;
    await saveIssue(tx, publicationId, merged);
    return existing ? ('updated' as const) : ('created' as const);
  });
  return {
    outcome: { file, status, number: parsed.number, lang: parsed.lang, edition: parsed.edition, repaired: source.repaired, warnings: [...(parsed.number !== stated ? [`${file}:1: says #${stated}; joined to #${parsed.number}, the issue of its date and links (--join-by date)`] : []), ...parsed.warnings, ...textItemWarnings(parsed)] },
    pub: nextPub,
  };
}

function failure(file: string, e: unknown): FileOutcome {
  const msg = e instanceof MarkdownError ? e.message : `${file}: ${(e as Error).message}`;
  return { file, status: 'failed', error: msg };
}

export interface CheckResult {
  file: string;
  ok: boolean;
  /** First differing line, 1-based, with both versions. */
  line?: number;
  expected?: string;
  actual?: string;
  error?: string;
  edition?: string;
  /** Numbered lines kept as text, when that is why the file fails. */
  textItems?: number;
}

/**
 * Round-trip check without touching the database: every file is parsed and joined with the
 * other editions of its issue, then each is rendered back and compared byte for byte.
 */
export async function checkFiles(pub: Publication, paths: string[]): Promise<CheckResult[]> {
  const files = (await markdownFiles(paths)).filter((f) => !isIndexFile(f));
  const parsed: (ParsedEdition & { source: string })[] = [];
  const results: CheckResult[] = [];
  let p = pub;
  for (const file of files) {
    try {
      const source = await readSource(file);
      // A post is kept whole: it renders back as it was read.
      const kind = postKindOf(file, p, source.text);
      if (kind) {
        const post = parsePost(source.text, file, kind);
        results.push({ ...compare(file, source.text, post.body), edition: kind });
        continue;
      }
      const ed = parseEdition(source.text, p, { file });
      if (ed.newSections.length) p = { ...p, sections: [...p.sections, ...ed.newSections] };
      parsed.push({ ...ed, source: source.text });
    } catch (e) {
      results.push({ file, ok: false, error: e instanceof MarkdownError ? e.message : String((e as Error).message) });
    }
  }
  const issues = new Map<number, Issue>();
  for (const ed of parsed) issues.set(ed.number, mergeEdition(issues.get(ed.number), ed, p));
  for (const ed of parsed) {
    const out = renderEdition(issues.get(ed.number)!, p, ed.lang, ed.edition);
    const r: CheckResult = { ...compare(ed.file, ed.source, out), edition: ed.edition };
    // Bytes that round-trip are not enough: numbered lines kept as text are items lost.
    if (r.ok && ed.textItems.length) results.push({ file: ed.file, ok: false, edition: ed.edition, error: textItemWarnings(ed).join('\n'), textItems: ed.textItems.length });
    else results.push(r);
  }
  return results.sort((a, b) => a.file.localeCompare(b.file));
}

/** One line per numbered line kept as text: "docs/x.md:14: numbered line kept as text, not an item: 1、[…](…)". */
export function textItemWarnings(ed: ParsedEdition): string[] {
  return ed.textItems.map((t) => `${ed.file}:${t.line}: numbered line kept as text, not an item (under a heading the publication does not know): ${t.text.slice(0, 80)}`);
}

export function compare(file: string, expected: string, actual: string): CheckResult {
  if (expected === actual) return { file, ok: true };
  const a = expected.split('\n');
  const b = actual.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { file, ok: false, line: i + 1, expected: a[i] ?? '(end of file)', actual: b[i] ?? '(end of file)' };
}
