// What a command works on: the store named by --db and the publication named by --publication.

import { openStore, resolveDbUrl, type Store } from '../store/db.ts';
import { usePublication, type StoredPublication } from '../store/publications.ts';
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

export async function withContext<T>(p: Parsed, io: Io, run: (ctx: Context) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbUrl(str(p, 'db')));
  try {
    const publication = await usePublication(store.db, str(p, 'publication'));
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
