// A season's e-book, EPUB or PDF: made from what readers have of its issues, with pictures
// fetched through the one HTTP client (embedded) or dropped, by setting; written under the data
// directory (DATA/ebooks/season-N.LANG.FORMAT), from where the site's archive offers it to
// members or to everyone, by setting. A book is written whole to a temporary name and then
// renamed, so a reader never downloads half of one.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { IMAGE_MEDIA_TYPES, imageType } from '../core/image-type.ts';
import type { Lang, Publication } from '../core/model.ts';
import type { Fetcher } from '../http/client.ts';
import { eachLimited } from '../http/limiter.ts';
import { seasonBook, type Book } from '../lookback/ebook/book.ts';
import { writeEpub, type ImageStore } from '../lookback/ebook/epub.ts';
import { emptySeason, seasonIssues } from './season.ts';
import type { Db } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { AppError } from './errors.ts';

export type EbookFormat = 'epub' | 'pdf';

export interface EbookRequest {
  season: number;
  lang?: Lang | undefined;
  format: EbookFormat;
  /** Over the publication's setting. */
  images?: 'embed' | 'drop' | undefined;
  /** Needed to embed pictures. */
  fetcher?: Fetcher | undefined;
  /** Where the books are kept: DATA/ebooks. */
  dir: string;
}

export interface EbookResult {
  file: string;
  name: string;
  bytes: number;
  issues: number;
  items: number;
  images: { embedded: number; dropped: { src: string; why: string }[] };
  /** When the book it took the place of was made: a season's book is made again, not kept twice. */
  replaced: string | null;
}

export const ebookName = (season: number, lang: Lang, format: EbookFormat) => `season-${season}.${lang}.${format}`;

/** The pictures of a book, fetched a few at a time; each that fails is dropped with its reason. */
async function fetchImages(book: Book, fetcher: Fetcher): Promise<{ store: ImageStore; dropped: { src: string; why: string }[] }> {
  const srcs = [...new Set(book.chapters.flatMap((c) => c.sections.flatMap((s) => s.items.flatMap((i) => (i.image ? [i.image.src] : [])))))];
  const store: ImageStore = new Map();
  const dropped: { src: string; why: string }[] = [];
  await eachLimited(srcs, 4, async (src) => {
    try {
      const r = await fetcher.get(src, {}, 'image/png, image/jpeg, image/gif, image/webp');
      const body = new Uint8Array(r.body);
      const kind = imageType(body);
      if (!kind) dropped.push({ src, why: 'not a PNG, JPEG, GIF or WebP picture' });
      else store.set(src, { bytes: body, mediaType: IMAGE_MEDIA_TYPES[kind] });
    } catch (e) {
      dropped.push({ src, why: (e as Error).message });
    }
  });
  return { store, dropped };
}

export async function makeEbook(db: Db, stored: StoredPublication, r: EbookRequest): Promise<EbookResult> {
  const pub: Publication = stored.pub;
  const { lang, issues, first, last } = await seasonIssues(db, stored, r.season, r.lang);
  const embed = (r.images ?? pub.publishing?.ebooks?.images ?? 'drop') === 'embed';
  const book = seasonBook(issues, pub, { season: r.season, lang, images: embed });
  if (!book.chapters.length) throw emptySeason(r.season, first, last, lang);
  if (embed && !r.fetcher) throw new AppError('bad-request', 'embedding pictures needs the HTTP client; none was given');
  const pictures = embed ? await fetchImages(book, r.fetcher!) : { store: new Map() as ImageStore, dropped: [] };
  let bytes: Uint8Array;
  let dropped = pictures.dropped;
  if (r.format === 'epub') {
    const out = writeEpub(book, pictures.store);
    bytes = out.bytes;
    dropped = [...dropped, ...out.dropped.filter((d) => !dropped.some((x) => x.src === d.src))];
  } else {
    const { writePdf } = await import('../lookback/ebook/pdf.ts');
    bytes = await writePdf(book, pictures.store);
  }
  mkdirSync(r.dir, { recursive: true });
  const name = ebookName(r.season, lang, r.format);
  const file = join(r.dir, name);
  const replaced = await stat(file).then((s) => s.mtime.toISOString(), () => null);
  const partial = `${file}.${process.pid}.part`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  const items = book.chapters.reduce((n, c) => n + c.sections.reduce((m, s) => m + s.items.length, 0), 0);
  return { file, name, bytes: bytes.length, issues: book.chapters.length, items, images: { embedded: pictures.store.size, dropped }, replaced };
}

/** The books made so far, by season: what the archive offers. Read without blocking: the served
 * site asks on every page, to know when a book was added. */
export async function listEbooks(dir: string): Promise<{ season: number; lang: Lang; format: EbookFormat; name: string; bytes: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const books = names.flatMap((name) => {
    const m = /^season-(\d+)\.([a-z]{2,3}(?:-[A-Za-z]+)?)\.(epub|pdf)$/.exec(name);
    return m ? [{ season: Number(m[1]), lang: m[2]!, format: m[3] as EbookFormat, name }] : [];
  });
  return Promise.all(books.map(async (b) => ({ ...b, bytes: (await stat(join(dir, b.name))).size })));
}
