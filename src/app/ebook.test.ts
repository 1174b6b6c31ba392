// A season's e-books. EPUB: checked by Debian's epubcheck (0 errors), its mimetype first and
// stored, its navigation issues → sections → items, xml:lang on every page, a picture embedded
// from a local server and the ones that fail dropped with their reason. PDF: printed by Chromium
// with Chinese text and page numbers, its first pages turned into PNG by poppler-utils and kept in
// test-results/, and no request made by Chromium. Without the tools the checks are skipped with a
// reason, unless PRESSROOM_REQUIRE_EBOOK_TOOLS=1 (as CI sets).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { Fetcher } from '../http/client.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { chromiumPath } from '../lookback/chromium.ts';
import type { Store } from '../store/db.ts';
import { saveIssue } from '../store/issues.ts';
import type { StoredPublication } from '../store/publications.ts';
import { listEbooks, makeEbook } from './ebook.ts';
import { storeWithTestPublication, testIssues } from './test-fixtures.ts';

const EPUBCHECK = ['/usr/share/java/epubcheck.jar'].find(existsSync);
const PDFTOPPM = ['/usr/bin/pdftoppm'].find(existsSync);
function toolSkip(what: string, ok: boolean): string | false {
  if (ok) return false;
  if (process.env.PRESSROOM_REQUIRE_EBOOK_TOOLS === '1') throw new Error(`${what} is required here (PRESSROOM_REQUIRE_EBOOK_TOOLS=1) but is not installed`);
  return `${what} not installed (apt-get install epubcheck poppler-utils chromium)`;
}

// A 2×2 PNG, written out byte by byte.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a730000001649444154789c63f8cf00048c0c0c0c8c0c0c0c8c00001e0a03013c6b6b160000000049454e44ae426082', 'hex');

describe('season e-books', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pressroom-ebook-'));
  let store: Store;
  let stored: StoredPublication;
  let web: TestServer;
  let fetcher: Fetcher;
  before(async () => {
    web = await startServer();
    web.route('/ok.png', (_q, r) => void r.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
    web.route('/page.png', (_q, r) => void r.writeHead(200, { 'content-type': 'image/png' }).end('<html>not a picture</html>'));
    ({ store, stored } = await storeWithTestPublication());
    const issues = testIssues(30);
    // Odd issues have a picture at img.example.org; three point here instead: one good, one not a picture, one missing.
    for (const i of issues) for (const it of i.items) if (it.image) it.image = null;
    issues[0]!.items[0]!.image = `${web.url}/ok.png`;
    issues[2]!.items[0]!.image = `${web.url}/page.png`;
    issues[4]!.items[0]!.image = `${web.url}/gone.png`;
    await store.db.transaction().execute(async (tx) => {
      for (const i of issues) await saveIssue(tx, stored.id, i);
    });
    fetcher = new Fetcher({ privateAddresses: 'loopback', retries: 0, hostDelayMs: 0 });
  });
  after(async () => {
    await store?.close();
    await fetcher?.close();
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('EPUB 3: valid, its navigation issues → sections → items, its language marked, a picture embedded and the failures named', { skip: toolSkip('epubcheck', !!EPUBCHECK) }, async () => {
    const r = await makeEbook(store.db, stored, { season: 1, format: 'epub', images: 'embed', fetcher, dir });
    assert.equal(r.issues, 30);
    assert.equal(r.images.embedded, 1);
    assert.deepEqual(r.images.dropped.map((d) => [d.src.replace(web.url, ''), /not a PNG/.test(d.why) || /404/.test(d.why)]).sort(), [['/gone.png', true], ['/page.png', true]]);
    const bytes = readFileSync(r.file);
    // The mimetype comes first and is stored: bytes 30-57 of the file spell it out.
    assert.equal(bytes.subarray(30, 38).toString(), 'mimetype');
    assert.equal(bytes.subarray(38, 58).toString(), 'application/epub+zip');
    const files = unzipSync(new Uint8Array(bytes));
    const nav = strFromU8(files['OEBPS/nav.xhtml']!);
    assert.match(nav, /xml:lang="zh"/);
    assert.match(nav, /<li><a href="issue-1\.xhtml">第1期（2025-01-04） 类型检查专题<\/a>\n<ol><li><a href="issue-1\.xhtml#s-1-articles">🦄文章&amp;教程<\/a>\n<ol><li><a href="issue-1\.xhtml#i-1-articles-1">第 1 期的类型检查指南<\/a><\/li>/);
    assert.equal(Object.keys(files).filter((f) => /issue-\d+\.xhtml$/.test(f)).length, 30);
    assert.ok(files['OEBPS/images/1.png'], 'the picture is in the book');
    assert.match(strFromU8(files['OEBPS/issue-1.xhtml']!), /<img src="images\/1\.png" alt="[^"]*" \/>/);
    // The hostile blurb of issue 2 is text, not markup.
    assert.doesNotMatch(strFromU8(files['OEBPS/issue-2.xhtml']!), /<script/);
    const opf = strFromU8(files['OEBPS/content.opf']!);
    assert.match(opf, /<dc:language>zh<\/dc:language>/);
    assert.match(opf, /properties="cover-image"/);
    const report = execFileSync('java', ['-jar', EPUBCHECK!, r.file], { encoding: 'utf8' });
    assert.match(report, /0 fatals \/ 0 errors \/ 0 warnings/, report);
    assert.deepEqual((await listEbooks(dir)).map((b) => b.name), ['season-1.zh.epub']);
  });

  test('the same season makes the same EPUB, byte for byte', async () => {
    const first = await makeEbook(store.db, stored, { season: 1, lang: 'en', format: 'epub', dir });
    assert.equal(first.replaced, null);
    const a = readFileSync(first.file);
    const again = await makeEbook(store.db, stored, { season: 1, lang: 'en', format: 'epub', dir });
    assert.match(again.replaced ?? '', /^\d{4}-\d{2}-\d{2}T/, 'made again, it says which book it replaced');
    const b = readFileSync(again.file);
    assert.ok(a.equals(b));
  });

  test('PDF: printed by Chromium in Chinese with page numbers; its first pages as PNG in test-results/', { skip: toolSkip('Chromium and poppler-utils', !!chromiumPath() && !!PDFTOPPM) }, async () => {
    const seen = web.log.length;
    const r = await makeEbook(store.db, stored, { season: 1, format: 'pdf', images: 'embed', fetcher, dir });
    // Three pictures fetched by the client; Chromium itself asked for nothing.
    assert.equal(web.log.length - seen, 3);
    const info = execFileSync('pdfinfo', [r.file], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    assert.ok(pages > 30, `${pages} pages: a cover, the contents and a chapter per issue`);
    const text = execFileSync('pdftotext', [r.file, '-'], { encoding: 'utf8' });
    assert.equal(text.split('第1期（2025-01-04）').length - 1, 2, 'the issue in the contents and as its chapter\'s heading');
    assert.match(text, /第 1 期的类型检查指南/);
    assert.match(text, new RegExp(`\\n${pages} / ${pages}\\n`), 'page numbers in the footer, the last page\'s too');
    mkdirSync('test-results', { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', r.file, join(dir, 'page')]);
    for (const n of ['1', '2', '3']) {
      const png = [`page-${n}.png`, `page-0${n}.png`, `page-00${n}.png`].map((f) => join(dir, f)).find(existsSync)!;
      assert.ok(png, `page ${n} as PNG`);
      copyFileSync(png, join('test-results', `ebook-season-1-zh-page-${n}.png`));
    }
  });
});
