// For tests: a signed-in editor that talks to a built app through inject(), and an app with its
// owner on a fresh embedded store for a block of tests.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openStore, type Store } from '../store/db.ts';
import { usePublication, type StoredPublication } from '../store/publications.ts';
import { buildApp } from './app.ts';

export interface Editor {
  cookie: string;
  csrf: string;
  userId: number;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, opts?: { csrf?: boolean; cookie?: boolean; raw?: string | Buffer; type?: string }): Promise<LightMyRequestResponse>;
}

function sessionCookie(res: LightMyRequestResponse): string {
  const set = res.headers['set-cookie'];
  const line = (Array.isArray(set) ? set : [set ?? '']).find((c) => c.startsWith('pressroom_session='));
  if (!line) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  return line.split(';')[0]!;
}

export function editorFrom(app: FastifyInstance, res: LightMyRequestResponse): Editor {
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookie(res);
  const { csrf, user } = res.json() as { csrf: string; user: { id: number } };
  return {
    cookie,
    csrf,
    userId: user.id,
    get: (url) => app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, body, o = {}) =>
      app.inject({
        method: 'POST',
        url,
        headers: {
          ...(o.cookie === false ? {} : { cookie }),
          ...(o.csrf === false ? {} : { 'x-csrf-token': csrf }),
          ...(o.raw !== undefined || body !== undefined ? { 'content-type': o.type ?? 'application/json' } : {}),
        },
        ...(o.raw !== undefined ? { payload: o.raw } : body !== undefined ? { payload: JSON.stringify(body) } : {}),
      }),
  };
}

export async function setupOwner(app: FastifyInstance, email = 'owner@example.com', password = 'correct horse battery'): Promise<Editor> {
  return editorFrom(app, await app.inject({ method: 'POST', url: '/api/setup', payload: { email, password, name: 'Olivia Owner' } }));
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Editor> {
  return editorFrom(app, await app.inject({ method: 'POST', url: '/api/login', payload: { email, password } }));
}

export interface OwnedApp {
  store: Store;
  stored: StoredPublication;
  app: FastifyInstance;
  owner: Editor;
  /** The app's data folder (uploads, e-books). */
  dir: string;
}

/** For the describe block it is called in: before its tests, a built app on a fresh embedded
 * store with the owner signed in; after them, all of it closed and removed. */
export function appWithOwner(name: string): OwnedApp {
  const dir = mkdtempSync(join(tmpdir(), `pressroom-${name}-`));
  const t = { dir } as OwnedApp;
  before(async () => {
    t.store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    t.stored = await usePublication(t.store.db);
    t.app = await buildApp(t.store, { dataDir: dir });
    t.owner = await setupOwner(t.app);
  });
  after(async () => {
    await t.app?.close();
    await t.store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return t;
}
