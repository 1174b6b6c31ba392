// For browser tests and the inbox benchmark: a local feed server whose entries are dated
// relative to now, so collection takes them as fresh.

import { startServer, type TestServer } from '../../../src/http/test-server.ts';

export interface FeedEntry {
  title: string;
  link: string;
  description: string;
  hoursAgo: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, entries: FeedEntry[], now = Date.now()): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${esc(title)}</title><link>https://blog.example/</link><description>test feed</description>
${entries
  .map(
    (e) =>
      `<item><title>${esc(e.title)}</title><link>${esc(e.link)}</link><guid>${esc(e.link)}</guid><pubDate>${new Date(now - e.hoursAgo * 3_600_000).toUTCString()}</pubDate><description>${esc(e.description)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

export async function serveFeeds(feeds: Record<string, string>): Promise<TestServer> {
  const server = await startServer();
  for (const [path, body] of Object.entries(feeds)) server.route(path, (_req, res) => void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
  return server;
}
