import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServer as createNetServer } from 'node:net';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { Fetcher, USER_AGENT } from './client.ts';
import { FetchError } from './errors.ts';
import { startServer, type TestServer } from './test-server.ts';

describe('the fetcher', () => {
  let srv: TestServer;
  const waits: number[] = [];
  const fetcher = () => new Fetcher({ privateAddresses: 'loopback', retries: 2, backoffMs: 100, hostDelayMs: 0, sleep: async (ms) => void waits.push(ms) });
  let f: Fetcher;
  before(async () => {
    srv = await startServer();
    f = fetcher();
  });
  after(async () => {
    await f.close();
    await srv.close();
  });

  test('sends its User-Agent and stores validators; a conditional GET gets a 304', async () => {
    srv.route('/feed', (req, res) => {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      res.writeHead(200, { etag: '"v1"', 'last-modified': 'Sat, 05 Jan 2030 10:00:00 GMT', 'content-type': 'application/rss+xml' }).end('<rss/>');
    });
    const first = await f.get(`${srv.url}/feed`);
    assert.equal(first.body.toString(), '<rss/>');
    assert.equal(first.etag, '"v1"');
    assert.equal(first.lastModified, 'Sat, 05 Jan 2030 10:00:00 GMT');
    assert.equal(srv.log.at(-1)!.headers['user-agent'], USER_AGENT);
    const second = await f.get(`${srv.url}/feed`, { etag: first.etag, lastModified: first.lastModified });
    assert.equal(second.notModified, true);
    assert.equal(second.body.length, 0);
    assert.equal(srv.log.at(-1)!.headers['if-modified-since'], 'Sat, 05 Jan 2030 10:00:00 GMT');
  });

  test('decompresses gzip, deflate (zlib and raw) and brotli', async () => {
    const text = '<feed>压缩的内容 compressed</feed>'.repeat(50);
    const bodies = { gzip: gzipSync(text), br: brotliCompressSync(text), deflate: deflateSync(text) };
    for (const [enc, body] of Object.entries(bodies)) {
      srv.route(`/${enc}`, (_q, res) => void res.writeHead(200, { 'content-encoding': enc }).end(body));
      assert.equal((await f.get(`${srv.url}/${enc}`)).body.toString(), text, enc);
    }
    srv.route('/rawdeflate', (_q, res) => void res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateRawSync(text)));
    assert.equal((await f.get(`${srv.url}/rawdeflate`)).body.toString(), text);
    // Two gzip members one after the other are one body, as a browser reads them.
    srv.route('/members', (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(Buffer.concat([gzipSync('first, '), gzipSync('second')])));
    assert.equal((await f.get(`${srv.url}/members`)).body.toString(), 'first, second');
    // An empty body said to be gzipped is an empty body.
    srv.route('/empty', (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end());
    assert.equal((await f.get(`${srv.url}/empty`)).body.length, 0);
    // A body that is not what its encoding says, or cut short, is a decoding error naming the encoding.
    const gz = gzipSync(text);
    for (const [name, body] of [['garbage', Buffer.from('not gzip at all')], ['cut short', gz.subarray(0, gz.length >> 1)]] as const) {
      srv.route('/broken', (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(body));
      await assert.rejects(f.get(`${srv.url}/broken`), (e: FetchError) => e.code === 'decoding' && /cannot decompress gzip body/.test(e.message), name);
    }
  });

  test('follows redirects, relative ones too, up to the limit', async () => {
    srv.route('/old', (_q, res) => void res.writeHead(301, { location: '/new' }).end());
    srv.route('/new', (_q, res) => void res.writeHead(200).end('moved'));
    const r = await f.get(`${srv.url}/old`);
    assert.equal(r.body.toString(), 'moved');
    assert.equal(r.url, `${srv.url}/new`);
    srv.route('/loop', (_q, res) => void res.writeHead(302, { location: '/loop' }).end());
    await assert.rejects(f.get(`${srv.url}/loop`), (e: FetchError) => e.code === 'too-many-redirects' && /more than 5 redirects/.test(e.message));
  });

  test('refuses a redirect to a private address', async () => {
    srv.route('/to-metadata', (_q, res) => void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    await assert.rejects(f.get(`${srv.url}/to-metadata`), (e: FetchError) => e.code === 'blocked-address' && e.message.includes('169.254.169.254'));
  });

  test('refuses loopback and private addresses by default, after DNS resolution too', async () => {
    const strict = new Fetcher({ retries: 0 });
    try {
      await assert.rejects(strict.get(`${srv.url}/feed`), (e: FetchError) => e.code === 'blocked-address' && /PRESSROOM_FETCH_ALLOW_PRIVATE/.test(e.message));
      const port = new URL(srv.url).port;
      await assert.rejects(strict.get(`http://localhost:${port}/feed`), (e: FetchError) => e.code === 'blocked-address' && /localhost resolves to/.test(e.message));
      // The guard is on both agents, for GET and POST alike: an https:// link is checked the same way.
      await assert.rejects(strict.get(`https://localhost:${port}/feed`), (e: FetchError) => e.code === 'blocked-address' && /localhost resolves to/.test(e.message));
      await assert.rejects(strict.post(`https://localhost:${port}/hook`, '{}'), (e: FetchError) => e.code === 'blocked-address' && /localhost resolves to/.test(e.message));
      await assert.rejects(strict.post(`http://localhost:${port}/hook`, '{}'), (e: FetchError) => e.code === 'blocked-address');
      await assert.rejects(strict.get('http://10.1.2.3/x'), (e: FetchError) => e.code === 'blocked-address');
      await assert.rejects(strict.get('http://[::ffff:192.168.1.1]/x'), (e: FetchError) => e.code === 'blocked-address');
      await assert.rejects(strict.get('file:///etc/passwd'), (e: FetchError) => e.code === 'bad-url');
    } finally {
      await strict.close();
    }
    assert.equal(srv.log.filter((l) => l.path === '/feed').length, 2, 'the strict fetcher never reached the server');
  });

  test('stops a body over the size limit, declared or streamed, compressed or not', async () => {
    const small = new Fetcher({ privateAddresses: 'loopback', maxBytes: 1000, retries: 0, hostDelayMs: 0 });
    try {
      srv.route('/big', (_q, res) => void res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)));
      await assert.rejects(small.get(`${srv.url}/big`), (e: FetchError) => e.code === 'too-large' && /5000 bytes/.test(e.message));
      srv.route('/endless', (_q, res) => {
        res.writeHead(200);
        const timer = setInterval(() => res.write('y'.repeat(512)), 1);
        res.on('close', () => clearInterval(timer));
      });
      await assert.rejects(small.get(`${srv.url}/endless`), (e: FetchError) => e.code === 'too-large');
      // Bombs: a few hundred bytes that grow past the limit, in each encoding; and a compressed body
      // itself over the limit.
      const bombs = { gzip: gzipSync(Buffer.alloc(500_000)), deflate: deflateSync(Buffer.alloc(500_000)), br: brotliCompressSync(Buffer.alloc(10_000_000)) };
      for (const [enc, body] of Object.entries(bombs)) {
        assert.ok(body.length < 1000, `${enc} bomb is under the limit as sent`);
        srv.route(`/bomb-${enc}`, (_q, res) => void res.writeHead(200, { 'content-encoding': enc }).end(body));
        await assert.rejects(small.get(`${srv.url}/bomb-${enc}`), (e: FetchError) => e.code === 'too-large' && /over the 1000-byte limit once decompressed/.test(e.message), enc);
      }
      // Past a megabyte, sizes are said in MB: what the Sources page shows of a failing feed.
      const f10 = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
      try {
        srv.route('/huge', (_q, res) => void res.writeHead(200, { 'content-length': String(12.5 * 2 ** 20) }).end());
        await assert.rejects(f10.get(`${srv.url}/huge`), (e: FetchError) => e.code === 'too-large' && /body of 12\.5 MB is over the 10 MB limit$/.test(e.message));
      } finally {
        await f10.close();
      }
      srv.route('/bomb', (_q, res) => void res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(10_000_000))));
      await assert.rejects(small.get(`${srv.url}/bomb`), (e: FetchError) => e.code === 'too-large' && /over the 1000-byte limit/.test(e.message));
    } finally {
      await small.close();
    }
  });

  test('gives up on a slow server with a timeout', async () => {
    const quick = new Fetcher({ privateAddresses: 'loopback', timeoutMs: 200, retries: 0, hostDelayMs: 0 });
    srv.route('/slow', () => {
      /* never answers */
    });
    // Headers at once, then a body that stops halfway, plain and gzipped: the timeout covers the body too.
    srv.route('/stalls', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': '10000' }).write('<rss>');
    });
    srv.route('/stalls.gz', (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' }).write(gzipSync('<rss>'.repeat(1000)).subarray(0, 50));
    });
    try {
      await assert.rejects(quick.get(`${srv.url}/slow`), (e: FetchError) => e.code === 'timeout' && /timed out/.test(e.message));
      await assert.rejects(quick.get(`${srv.url}/stalls`), (e: FetchError) => e.code === 'timeout' && /timed out/.test(e.message));
      await assert.rejects(quick.get(`${srv.url}/stalls.gz`), (e: FetchError) => e.code === 'timeout' && /timed out/.test(e.message));
      // A POST the caller gives up on is not reported as a timeout.
      const stop = new AbortController();
      const pending = quick.post(`${srv.url}/slow`, '{}', {}, { signal: stop.signal, timeoutMs: 60_000 });
      stop.abort();
      await assert.rejects(pending, (e: FetchError) => e.code === 'network' && /aborted/.test(e.message));
    } finally {
      await quick.close();
    }
  });

  test('a POST: its answer whatever the status, readable as text; a redirect is refused, naming where it pointed', async () => {
    srv.route('/hook', async (req, res) => {
      let body = '';
      for await (const c of req) body += c;
      res.writeHead(req.headers['content-type'] === 'application/json' ? 202 : 415, { 'x-got': String(body.length) }).end(`got ${body}`);
    });
    srv.route('/moved', (_req, res) => void res.writeHead(307, { location: 'http://10.0.0.1/admin' }).end());
    const res = await f.post(`${srv.url}/hook`, '{"a":1}', { 'content-type': 'application/json' });
    assert.equal(res.status, 202);
    assert.equal(res.headers['x-got'], '7');
    assert.equal(await f.text(res), 'got {"a":1}');
    assert.equal((await f.post(`${srv.url}/hook`, 'x')).status, 415);
    await assert.rejects(f.post(`${srv.url}/moved`, '{}'), (e: FetchError) => e.code === 'redirect-refused' && /307 to http:\/\/10\.0\.0\.1\/admin/.test(e.message));
  });

  test('retries transient failures with backoff and honours Retry-After', async () => {
    let calls = 0;
    srv.route('/flaky', (_q, res) => {
      calls++;
      if (calls === 1) return void res.writeHead(503).end();
      if (calls === 2) return void res.writeHead(429, { 'retry-after': '7' }).end();
      res.writeHead(200).end('ok');
    });
    waits.length = 0;
    assert.equal((await f.get(`${srv.url}/flaky`)).body.toString(), 'ok');
    assert.equal(calls, 3);
    assert.ok(waits[0]! >= 100 && waits[0]! <= 150, `first backoff ${waits[0]}`);
    assert.equal(waits[1], 7000);
  });

  test('does not retry what will not get better', async () => {
    let calls = 0;
    srv.route('/gone', (_q, res) => {
      calls++;
      res.writeHead(404).end();
    });
    await assert.rejects(f.get(`${srv.url}/gone`), (e: FetchError) => e.status === 404 && e.message.endsWith('HTTP 404'));
    assert.equal(calls, 1);
  });

  test('keeps to the per-host concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    srv.route('/count', async (_q, res) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setImmediate(r));
      active--;
      res.writeHead(200).end('.');
    });
    await Promise.all(Array.from({ length: 10 }, () => f.get(`${srv.url}/count`)));
    assert.ok(peak <= 2, `peak ${peak}`);
  });

  test('a kept-alive connection the server drops as a GET goes out on it: the GET goes again on a new one, once; without retries configured', async () => {
    // A server that answers the first request of each connection and keeps it open, then drops the
    // connection when a second request comes on it: what a server closing an idle connection does
    // to a client that picked it up at that moment.
    let connections = 0;
    const server = createNetServer((socket) => {
      connections++;
      let requests = 0;
      socket.on('data', (chunk) => {
        if (!chunk.includes('\r\n\r\n')) return;
        if (++requests > 1) return void socket.destroy();
        socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
    const strict = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
    try {
      assert.equal((await strict.get(url)).body.toString(), 'ok');
      assert.equal((await strict.get(url)).body.toString(), 'ok', 'the second GET, whose kept-alive connection was dropped, went again');
      assert.equal(connections, 2);
      // A POST is not sent twice: the server may have acted on it.
      const posted = await strict.post(url, 'x', {}).then(
        () => 'answered',
        (e: Error) => e.message,
      );
      assert.match(posted, /socket hang up|ECONNRESET/);
      assert.equal(connections, 2, 'not sent again on a new connection');
    } finally {
      await strict.close();
      server.close();
    }
  });
});
