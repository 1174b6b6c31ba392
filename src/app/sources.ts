// The sources' use cases, for the CLI and the editor alike: add one (its address normalised by its
// kind's adapter, its section checked against the publication's), and import an OPML file whole
// or not at all.

import { ADDABLE_KINDS, isSourceKind, type SourceKind } from '../sources/kinds.ts';
import { readOpml } from '../sources/opml.ts';
import { adapterFor } from '../sources/registry.ts';
import { inTransaction } from '../store/db.ts';
import type { Db } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { upsertSource } from '../store/sources.ts';
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

/** Adds a source, or updates the one of the same kind and address; refuses what its kind cannot read. */
export async function addSource(db: Db, stored: StoredPublication, input: NewSourceInput): Promise<{ id: number; created: boolean; kind: SourceKind; url: string }> {
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
  const r = await upsertSource(db, stored.id, { kind, url, title: input.title, weight: input.weight, lang: input.lang, section: input.section, tags: input.tags });
  return { ...r, kind, url };
}

/** Every outline of an OPML file becomes a source, in one transaction: a kind Pressroom cannot read refuses the whole file. */
export async function importOpml(db: Db, stored: StoredPublication, text: string, file: string): Promise<{ feeds: number; created: number }> {
  const feeds = readOpml(text);
  const unknown = feeds.find((f) => !isSourceKind(f.kind) || !ADDABLE_KINDS.includes(f.kind));
  if (unknown) throw new AppError('invalid', `${file}: "${unknown.url}" is of a kind Pressroom has no adapter for ("${unknown.kind}"); nothing was imported`);
  let created = 0;
  await inTransaction(db, async (tx) => {
    for (const f of feeds) created += (await upsertSource(tx, stored.id, f)).created ? 1 : 0;
  });
  return { feeds: feeds.length, created };
}

export { listSources, nextDue } from '../store/sources.ts';
