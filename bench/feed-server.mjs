// Serves the generated feeds from a folder on loopback, in its own process so the collectors
// being measured do not share its CPU time. ETag and If-None-Match for conditional GETs;
// files ending .gz are sent gzip-encoded. Prints the port on stdout. Given a second folder, a
// POST to /__next serves that one instead (the same feeds a day later).
import { createServer } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

function load(dir) {
  const files = new Map();
  for (const name of readdirSync(dir)) {
    const body = readFileSync(join(dir, name));
    const gz = name.endsWith('.gz');
    const path = '/' + name.replace(/\.gz$/, '');
    const type = path.endsWith('.json') ? 'application/feed+json' : path.endsWith('.atom') ? 'application/atom+xml' : 'application/rss+xml';
    files.set(path, { body, gz, type, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"` });
  }
  return files;
}
let files = load(process.argv[2]);
const next = process.argv[3] ? load(process.argv[3]) : undefined;
const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/__next' && next) {
    files = next;
    return void res.writeHead(204).end();
  }
  const f = files.get(req.url.split('?')[0]);
  if (!f) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === f.etag) return void res.writeHead(304, { etag: f.etag }).end();
  const headers = { 'content-type': `${f.type}; charset=utf-8`, etag: f.etag, 'content-length': f.body.length };
  if (f.gz) headers['content-encoding'] = 'gzip';
  res.writeHead(200, headers).end(f.body);
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
