// A platform's API on loopback for adapter tests: one path answers with a fixture file (in the
// documented shape, from the adapter's testdata/ folder), and the requests it got are kept.

import { readFileSync } from 'node:fs';
import { Fetcher } from '../../http/client.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import type { Source, SourceContext } from '../types.ts';
import { platformsAt } from '../types.ts';

export interface FakePlatform {
  server: TestServer;
  ctx: SourceContext;
  close(): Promise<void>;
}

export async function fakePlatform(path: string, fixture: URL | string, status = 200): Promise<FakePlatform> {
  const server = await startServer();
  const body = typeof fixture === 'string' ? fixture : readFileSync(fixture);
  server.route(path, (_req, res) => void res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(body));
  const fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0 });
  const base = server.url;
  const platforms = platformsAt(base);
  return {
    server,
    ctx: { fetcher, platforms, now: new Date('2030-03-06T00:00:00Z') },
    close: async () => {
      await fetcher.close();
      await server.close();
    },
  };
}

export function source(kind: Source['kind'], url: string): Source {
  return { id: 1, kind, url, title: '', weight: 1, lang: null, section: null, tags: [], etag: null, lastModified: null, lastFetchedAt: null, nextFetchAt: null, errorCount: 0, lastError: null, enabled: true };
}
