// What a command works on: the store named by --db and the publication named by --publication.

import { openStore, resolveDbUrl, type Store } from '../store/db.ts';
import { findPublication, usePublication, type StoredPublication } from '../app/publications.ts';
import { str, type Parsed } from './args.ts';

export interface Context {
  store: Store;
  publication: StoredPublication;
  json: boolean;
  out: (line: string) => void;
  io: Io;
}

/** The store alone, for commands that choose or make the publication themselves. */
export async function withStore<T>(p: Parsed, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbUrl(str(p, 'db')));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs a command on the store and the publication it names. A command that only reads never
 * makes a publication: on an empty archive it says how to make one. One that writes the first
 * things into an empty archive (`create: true`) starts the demo publication, and says so.
 */
export async function withContext<T>(p: Parsed, io: Io, run: (ctx: Context) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const store = await openStore(resolveDbUrl(str(p, 'db')));
  try {
    const slug = str(p, 'publication');
    let publication = await findPublication(store.db, slug);
    if (!publication) {
      if (slug) throw new Error(`no publication "${slug}" in ${store.label} (pressroom publications show lists them)`);
      if (!opts.create) throw new Error(`no publication in ${store.label} yet: create one with \`pressroom publications create FILE\`, or start the demo with \`pressroom serve --demo\``);
      publication = await usePublication(store.db);
      io.err(`created the demo publication "${publication.pub.slug}" in ${store.label} (pressroom publications create FILE makes your own)`);
    }
    return await run({ store, publication, json: p.values.json === true, out: io.out, io });
  } finally {
    await store.close();
  }
}

export interface Io {
  /** A line for people (or one JSON document). */
  out: (line: string) => void;
  err: (line: string) => void;
  /** Raw text, written as is: rendered Markdown. */
  write: (text: string) => void;
}
