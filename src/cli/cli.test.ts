import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { testDatabases } from '../store/test-databases.ts';
import { runCli as run } from './run-for-test.ts';

const testdata = join(import.meta.dirname, '..', 'markdown', 'testdata');


for (const backend of await testDatabases()) {
  describe(`the command line on ${backend.kind}`, { skip: backend.skip }, () => {
    let db: string;
    let dir: string;
    before(async () => {
      db = await backend.create();
      dir = mkdtempSync(join(tmpdir(), 'pressroom-cli-'));
      cpSync(join(testdata, 'archive'), join(dir, 'archive'), { recursive: true });
    });
    after(async () => {
      rmSync(dir, { recursive: true, force: true });
      await backend.cleanup();
    });

    test('import reads a folder of editions and joins them by issue number', async () => {
      const r = await run('import', join(dir, 'archive'), '--db', db);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /imported 4 files: 3 new, 1 updated, 0 unchanged, 0 skipped, 0 failed/);
      assert.match(r.out, /2029-06-01-weekly\.md: #3 zh full, created; warning: 14: item without a link/);
    });

    test('importing the same files again changes nothing', async () => {
      const r = await run('import', join(dir, 'archive'), '--db', db, '--json');
      const { outcomes } = JSON.parse(r.out) as { outcomes: { status: string }[] };
      assert.deepEqual(new Set(outcomes.map((o) => o.status)), new Set(['unchanged']));
    });

    test('render gives back the imported bytes, in each language', async () => {
      for (const [lang, file, edition] of [
        ['zh', 'zh/2030-01-05-weekly.md', 'full'],
        ['en', 'en/2030-01-05-weekly.md', 'full'],
        ['zh', 'zh/2030-01-12-weekly.md', 'teaser'],
      ] as const) {
        const number = file.includes('01-12') ? '202' : '201';
        const r = await run('render', number, '--lang', lang, '--edition', edition, '--db', db);
        assert.equal(r.code, 0, r.err);
        assert.equal(r.written, readFileSync(join(dir, 'archive', file), 'utf8'));
      }
    });

    test('the teaser and the Telegram message are made from the full edition', async () => {
      const teaser = await run('render', '201', '--lang', 'en', '--edition', 'teaser', '--db', db);
      // The house style's teaser: bold section links to the full text, titles numbered ① ② ③.
      assert.match(teaser.written, /\*\*\[🦄Articles & Tutorials\]\(https:\/\/example\.com\/weekly\)\*\*\n\n① A key-value store with nothing but sqlite3\n\n② Five tips for testing async code\n\n③ Pattern matching/);
      assert.match(teaser.written, /Shared 3 articles, 2 open-source projects, 1 hot discussion\n/);
      const tg = await run('render', '201', '--lang', 'zh', '--edition', 'telegram', '--db', db);
      assert.match(tg.written, /^\*\*Python 潮流周刊#201：用标准库写一个小型数据库\*\*/);
      assert.ok(tg.written.length <= 4096);
    });

    test('render says when an issue has nothing in a language', async () => {
      const r = await run('render', '202', '--lang', 'ja', '--db', db);
      assert.equal(r.code, 1);
      assert.equal(r.err, 'render: issue #202 has nothing in "ja" yet (it has zh)');
    });

    test('stats counts items per kind and words, per issue and in total', async () => {
      const r = await run('stats', '--json', '--db', db);
      const stats = JSON.parse(r.out);
      assert.equal(stats.issues, 3);
      assert.deepEqual(stats.items, { article: 9, project: 4, media: 0, discussion: 1 });
      const i201 = stats.perIssue.find((s: { number: number }) => s.number === 201);
      assert.deepEqual(i201.items, { article: 3, project: 2, media: 0, discussion: 1 });
      assert.ok(i201.words > 200 && i201.words < 1000, `words ${i201.words}`);
      assert.equal(stats.words, stats.perIssue.reduce((n: number, s: { words: number }) => n + s.words, 0));
    });

    test('stats takes a season, and says what a season is when given something else', async () => {
      const r = await run('stats', '--season', '7', '--db', db, '--json');
      assert.equal(r.code, 0, r.err);
      const s = JSON.parse(r.out);
      assert.ok(s.perIssue.every((i: { number: number }) => i.number >= 181 && i.number <= 210), 'only season 7 (issues 181-210)');
      assert.deepEqual(s.seasons.map((x: { season: number }) => x.season), [7]);
      const bad = await run('stats', '--season', 'last', '--db', db);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--season is a season's number \(1 for issues 1-30\), not "last"/);
    });

    test('a bad file is reported with its line, stores nothing, and the others still import', async () => {
      const more = join(dir, 'more');
      cpSync(join(testdata, 'bad'), more, { recursive: true });
      writeFileSync(join(more, '2030-02-01-weekly.md'), '# Python 潮流周刊#210：好文件\n\n## 🦄文章&教程\n\n1、[一篇](https://ok.example.com/)\n\n简介。\n');
      const r = await run('import', more, '--db', db);
      assert.equal(r.code, 1);
      assert.match(r.out, /2029-07-01-unclosed\.md:1: front matter is not closed/);
      assert.match(r.out, /2029-07-08-broken-link\.md:5: item link is not closed/);
      assert.match(r.out, /notes\.md:1: no issue number/);
      assert.match(r.out, /2029-07-15-script-links\.md:9: link "JaVaScRiPt:alert\(document\.cookie\)" uses "javascript:"/);
      assert.match(r.out, /2029-07-22-script-image\.md:5: image "javascript:alert\(1\)" uses "javascript:"/);
      assert.match(r.out, /1 new, 0 updated, 0 unchanged, 0 skipped, 5 failed/);
      const missing = await run('render', '10', '--db', db);
      assert.equal(missing.code, 1);
      assert.equal(missing.err, 'render: no issue #10');
      assert.equal((await run('render', '210', '--db', db)).code, 0);
    });

    test('importing a file that is not Markdown, or a folder without any, fails and says so', async () => {
      const txt = join(dir, 'notes.txt');
      writeFileSync(txt, 'a note');
      const r = await run('import', txt, '--db', db);
      assert.equal(r.code, 1);
      assert.match(r.err, /notes\.txt: not a Markdown file \(\.md or \.markdown\)/);
      const empty = mkdtempSync(join(dir, 'empty-'));
      const e = await run('import', empty, '--db', db);
      assert.equal(e.code, 1);
      assert.match(e.err, /no Markdown files \(\.md or \.markdown\) in it/);
    });

    test('campaign send with the mail server down says so, exits 1 and leaves every mail queued', async () => {
      const saved = { ...process.env };
      process.env.PRESSROOM_SMTP_URL = 'smtp://127.0.0.1:1';
      process.env.PRESSROOM_SITE_URL = 'https://weekly.example.com';
      try {
        assert.equal((await run('subscribers', 'import', join(dir, 'subs.csv'), '--db', db)).code, 1, 'no such file');
        writeFileSync(join(dir, 'subs.csv'), 'email,lang,status\na@example.com,zh,active\nb@example.com,zh,active\n');
        assert.equal((await run('subscribers', 'import', join(dir, 'subs.csv'), '--db', db)).code, 0);
        const r = await run('campaign', 'send', '201', '--db', db);
        assert.equal(r.code, 1);
        assert.match(r.err, /campaign: sending stopped: cannot connect to 127\.0\.0\.1:1: .*ECONNREFUSED.*run it again to resume/);
        const s = await run('campaign', 'status', '201', '--db', db, '--json');
        const p = JSON.parse(s.out);
        assert.deepEqual([p.sent, p.remaining], [0, 2]);
      } finally {
        process.env = saved;
      }
    });

    test('config show prints the settings in force and where each came from, secrets masked', async () => {
      const saved = { ...process.env };
      const cfg = join(dir, 'pressroom.config.json');
      writeFileSync(cfg, JSON.stringify({ publishing: { editions: { site: 'teaser' }, siteUrl: 'https://file.example.com' }, collect: { maxAgeDays: 14 } }));
      Object.assign(process.env, { PRESSROOM_CONFIG: cfg, PRESSROOM_SITE_URL: 'https://env.example.com', PRESSROOM_SMTP_URL: 'smtp://me:hunter2@mail.example.com:587', PRESSROOM_TELEGRAM_TOKEN: '123:sekrit' });
      try {
        const r = await run('config', 'show', '--db', db);
        assert.equal(r.code, 0, r.err);
        assert.match(r.out, /publishing\.siteUrl +https:\/\/env\.example\.com +\[environment\]/);
        assert.match(r.out, /publishing\.editions\.site +teaser +\[file\]/);
        assert.match(r.out, /publishing\.editions\.feed +full +\[default\]/);
        assert.match(r.out, /collect\.maxAgeDays +14 +\[file\]/);
        assert.match(r.out, /PRESSROOM_SMTP_URL +smtp:\/\/me:\*\*\*\*@mail\.example\.com:587/);
        assert.match(r.out, /PRESSROOM_TELEGRAM_TOKEN +\(set\)/);
        assert.doesNotMatch(r.out, /hunter2|sekrit/);
        // A bad address from the environment is refused by name, as every command would.
        process.env.PRESSROOM_CONFIG = join(dir, 'missing.json');
        const missing = await run('config', 'show', '--db', db);
        assert.equal(missing.code, 1);
        assert.match(missing.err, /missing\.json: no such file \(PRESSROOM_CONFIG names it\)/);
      } finally {
        process.env = saved;
      }
    });

    test('a season compilation and a link digest are posts: they take no issue number, whatever their text mentions, and come back byte for byte', async () => {
      const before = await run('render', '201', '--db', db);
      const posts = join(testdata, 'posts');
      const r = await run('import', posts, '--db', db);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /2030-06-01-sweekly\.md: post 2030-06-01-sweekly \(compilation\) zh, created/);
      assert.match(r.out, /2030-06-08-iweekly\.md: post 2030-06-08-iweekly \(digest\) zh, created/);
      assert.match(r.out, /anniversary\.md: post anniversary \(post\) zh, created/, 'a post by its front matter');
      // Issue #201 is as it was; no issue #21 or #400 appeared.
      assert.equal((await run('render', '201', '--db', db)).written, before.written);
      for (const n of ['21', '400']) assert.equal((await run('render', n, '--db', db)).err, `render: no issue #${n}`);
      for (const slug of ['2030-06-01-sweekly', '2030-06-08-iweekly']) assert.equal((await run('render', '--post', slug, '--db', db)).written, readFileSync(join(posts, `${slug}.md`), 'utf8'));
      assert.match((await run('render', '--post', 'nope', '--db', db)).err, /render: no post "nope"/);
      // Again: nothing changes.
      assert.match((await run('import', posts, '--db', db)).out, /0 new, 0 updated, 3 unchanged/);
      const check = await run('import', '--check', posts, '--db', db);
      assert.match(check.out, /3 of 3 files round-trip byte for byte/);
    });

    test('issue numbers are read from the title in each of its forms, or the file name, and never from the text', async () => {
      const forms = join(testdata, 'forms');
      const r = await run('import', forms, '--db', db);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /en\/2030-01-12-weekly\.md: #202 en full, (created|updated)/);
      assert.match(r.out, /issue-12\.md: #12 zh full, created/);
      assert.match(r.out, /2030-03-01-weekly\.md:1: no issue number in the front matter \("number: 12"\), the title \("#12", "第 12 期", "Weekly 12"\) or the file name/);
      assert.equal((await run('render', '21', '--db', db)).err, 'render: no issue #21', 'the number in the text made no issue');
      assert.equal((await run('render', '202', '--lang', 'en', '--db', db)).written, readFileSync(join(forms, 'en', '2030-01-12-weekly.md'), 'utf8'));
      assert.equal((await run('render', '12', '--db', db)).written, readFileSync(join(forms, 'issue-12.md'), 'utf8'));
    });

    test('a file that would replace what another brought is refused, naming both, and nothing of it is stored', async () => {
      const c = join(testdata, 'collide');
      assert.equal((await run('import', join(c, 'first'), '--db', db)).code, 0);
      const before300 = (await run('render', '300', '--db', db)).written;
      const r = await run('import', join(c, 'second'), '--db', db);
      assert.equal(r.code, 1);
      // Another file for #300 zh: other date, other links.
      assert.match(r.out, /second\/2030-04-15-weekly\.md: #300 zh full is already held by .*first\/2030-04-01-weekly\.md \(dated 2030-04-01 there, 2030-04-15 here; 2 links here are not there and 2 there are not here\); nothing of it was stored \(import --replace overwrites\)/);
      // A translation numbered #300 whose date and links are #301's.
      assert.match(r.out, /en\/2030-04-08-weekly\.md: it says #300 but is dated 2030-04-08, and #300 \(dated 2030-04-01, from .*first\/2030-04-01-weekly\.md\) shares 0 of its 2 links; its date is that of #301/);
      assert.equal((await run('render', '300', '--db', db)).written, before300, '#300 is as it was');
      assert.match((await run('render', '300', '--lang', 'en', '--db', db)).err, /has nothing in "en"/);
      // Asked to, the translation joins the issue its date and links say, and says so.
      const joined = await run('import', join(c, 'second', 'en', '2030-04-08-weekly.md'), '--join-by', 'date', '--db', db);
      assert.equal(joined.code, 0, joined.out);
      assert.match(joined.out, /#301 en full, updated; warning: 1: says #300; joined to #301, the issue of its date and links \(--join-by date\)/);
      assert.match((await run('render', '300', '--lang', 'en', '--db', db)).err, /has nothing in "en"/);
      // Two files of one import that claim one issue: the second is refused.
      const same = await run('import', join(c, 'same'), '--db', db);
      assert.match(same.out, /same\/2030-05-08-weekly\.md: #310 zh full is already held by .*same\/2030-05-01-weekly\.md/);
      assert.match(same.out, /1 new, 0 updated, 0 unchanged, 0 skipped, 1 failed/);
      // --replace is the way to overwrite; importing everything again then changes nothing.
      const replaced = await run('import', join(c, 'second', '2030-04-15-weekly.md'), '--replace', '--db', db);
      assert.match(replaced.out, /#300 zh full, updated/);
      assert.match((await run('render', '300', '--db', db)).written, /编号写错的一期/);
      const again = await run('import', join(c, 'first', '2030-04-08-weekly.md'), join(c, 'second', '2030-04-15-weekly.md'), '--db', db);
      assert.match(again.out, /0 new, 0 updated, 2 unchanged/);
    });

    test('every numbered item line becomes an item: emoji outside the link, a title on its own line, an alias, a repeated number', async () => {
      const h = join(testdata, 'headings');
      const r = await run('import', join(h, '2030-07-01-weekly.md'), join(h, 'en', '2030-07-15-weekly.md'), join(h, '2030-07-22-weekly.md'), '--db', db);
      assert.equal(r.code, 0, r.out + r.err);
      const api = (await import('../store/db.ts')).openStore;
      const store = await api(db);
      try {
        const { loadIssue } = await import('../store/issues.ts');
        const { usePublication } = await import('../store/publications.ts');
        const pid = (await usePublication(store.db)).id;
        const urls = async (n: number, section: string) => (await loadIssue(store.db, pid, n))!.items.filter((i) => i.section === section).map((i) => i.url);
        assert.deepEqual(await urls(320, 'articles'), ['https://h.example.com/1', 'https://h.example.com/2', 'https://h.example.com/3'], 'emoji outside the link; the repeated number is an item of its own');
        assert.deepEqual(await urls(322, 'articles'), ['https://h.example.com/4'], 'a section title on its own line');
        assert.deepEqual(await urls(322, 'discussions'), ['https://h.example.com/5'], 'a section known by an alias');
        assert.deepEqual(await urls(323, 'projects'), ['https://h.example.com/6'], 'a section title alone, with neither ## nor a link');
      } finally {
        await store.close();
      }
      for (const [n, f, lang] of [['320', '2030-07-01-weekly.md', 'zh'], ['322', join('en', '2030-07-15-weekly.md'), 'en'], ['323', '2030-07-22-weekly.md', 'zh']] as const) {
        assert.equal((await run('render', n, '--lang', lang, '--db', db)).written, readFileSync(join(h, f), 'utf8'), `${f} round-trips`);
      }
      // Under a heading nobody knows, numbered lines stay text: import warns, and --check fails the file though its bytes round-trip.
      const unknown = await run('import', join(h, '2030-07-08-weekly.md'), '--db', db);
      assert.match(unknown.out, /warning: 10: numbered line kept as text, not an item \(under a heading the publication does not know\): 1、\[这一行会被当成文字\]/);
      const check = await run('import', '--check', h, '--db', db);
      assert.equal(check.code, 1);
      assert.match(check.out, /2030-07-08-weekly\.md:10: numbered line kept as text/);
      assert.match(check.out, /2030-07-08-weekly\.md:14: numbered line kept as text/);
      assert.match(check.out, /3 of 4 files round-trip byte for byte/);
    });

    test('mojibake is repaired on import, and said so', async () => {
      const src = readFileSync(join(testdata, 'archive', 'zh', '2030-01-05-weekly.md'), 'utf8').replace('#201', '#220');
      const garbled = Buffer.from(src, 'utf8').toString('latin1');
      const file = join(dir, '2030-03-01-weekly.md');
      writeFileSync(file, garbled, 'utf8');
      const r = await run('import', file, '--db', db);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /repaired mojibake \(windows-1252\)/);
      const back = await run('render', '220', '--db', db);
      assert.equal(back.written, src);
    });
  });
}

describe('the command line without a database', () => {
  test('text repair prints the repaired text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-text-'));
    const file = join(dir, 'x.md');
    writeFileSync(file, Buffer.from('周刊 ✨ café', 'utf8').toString('latin1'));
    const r = await run('text', 'repair', file);
    assert.equal(r.written, '周刊 ✨ café');
    assert.match(r.err, /repaired \(windows-1252\)/);
    rmSync(dir, { recursive: true });
  });

  test('import --check lists files that do not round-trip, with the first differing line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-check-'));
    cpSync(join(testdata, 'archive', 'zh', '2030-01-05-weekly.md'), join(dir, '2030-01-05-weekly.md'));
    // Two blank lines between items are kept; a tab at the end of a heading is kept too.
    writeFileSync(join(dir, '2030-04-01-weekly.md'), '# Python 潮流周刊#230：x\n\n## 🦄文章&教程\t\n\n1、[a](https://a.example.com)\n\n\n2、[b](https://b.example.com)\n');
    const ok = await run('import', '--check', dir);
    assert.equal(ok.code, 0, ok.out);
    assert.match(ok.out, /2 of 2 files round-trip byte for byte/);
    rmSync(dir, { recursive: true });
  });

  test('another weekly by configuration alone: its own sections, titles, file names and images come out as fields and render back byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-pubs-'));
    const db = `sqlite:${join(dir, 'db.sqlite')}`;
    const tw = join(testdata, 'tech-weekly');
    try {
      // Reading makes nothing.
      const none = await run('publications', 'show', '--db', db);
      assert.equal(none.code, 1);
      assert.match(none.err, /none yet; create one with `publications create FILE`/);
      // A file with mistakes: each named by its field, and nothing is created.
      const broken = await run('publications', 'create', join(tw, 'broken.yaml'), '--db', db);
      assert.equal(broken.code, 1);
      for (const want of [/slug: lowercase letters, digits and dashes/, /sections\[1\]\.key: "articles" is used by an earlier section/, /sections\[1\]\.titles: a title per language, at least zh/, /sections\[1\]\.kind: "items" \(numbered items\) or "free"/, /posts\[0\]\.pattern: not a regular expression/]) assert.match(broken.err, want);
      assert.equal((await run('publications', 'show', '--db', db)).code, 1, 'nothing was created');
      // The real one, then an issue in its house style.
      const made = await run('publications', 'create', join(tw, 'publication.yaml'), '--db', db);
      assert.equal(made.code, 0, made.err);
      assert.match((await run('publications', 'show', 'tech-weekly', '--db', db)).out, /tech-weekly: 科技爱好者周刊 \(zh; sections 文章, 工具, 言论\)/);
      const r = await run('import', join(tw, 'issue-12.md'), '--publication', 'tech-weekly', '--db', db);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /issue-12\.md: #12 zh full, created/);
      assert.doesNotMatch(r.out, /warning/);
      const { openStore } = await import('../store/db.ts');
      const { loadIssue } = await import('../store/issues.ts');
      const { findPublication } = await import('../store/publications.ts');
      const store = await openStore(db);
      try {
        const pub = (await findPublication(store.db, 'tech-weekly'))!;
        const issue = (await loadIssue(store.db, pub.id, 12))!;
        assert.equal(issue.date, '2030-02-07', 'the date stated inside the file');
        assert.deepEqual(
          issue.items.map((i) => [i.section, i.texts.zh!.title, i.url, i.image]),
          [
            ['articles', '开源维护者的一天', 'https://oss.example.com/day', 'https://img.example.com/day.jpg'],
            ['articles', '为什么要写变更日志', 'https://b.example.com/changelog', 'https://img.example.com/changelog.png'],
            ['tools', 'tidy-cli', 'https://t.example.com/tidy', 'https://img.example.com/tidy.png'],
          ],
        );
        assert.equal(issue.items[1]!.texts.zh!.imageAlt, '变更日志');
        assert.match(issue.items[0]!.texts.zh!.blurb, /^一位维护者记录了自己的一天/, 'the image is a field, not the start of the text');
      } finally {
        await store.close();
      }
      assert.equal((await run('render', '12', '--publication', 'tech-weekly', '--db', db)).written, readFileSync(join(tw, 'issue-12.md'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('reading an empty archive makes no publication; the first import starts the demo and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-empty-'));
    const db = `sqlite:${join(dir, 'db.sqlite')}`;
    try {
      for (const args of [['stats'], ['render', '1'], ['candidates'], ['sources', 'list'], ['config', 'show'], ['members', 'sessions']]) {
        const r = await run(...args, '--db', db);
        assert.equal(r.code, 1, args.join(' '));
        assert.match(r.err, /no publication in sqlite:.* yet: create one with `pressroom publications create FILE`, or start the demo with `pressroom serve --demo`/);
      }
      assert.equal((await run('publications', 'show', '--db', db)).code, 1, 'still none');
      const r = await run('import', join(testdata, 'archive', 'zh', '2030-01-05-weekly.md'), '--db', db);
      assert.equal(r.code, 0, r.err);
      assert.match(r.err, /created the demo publication "python-weekly"/);
      assert.equal((await run('stats', '--db', db)).code, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a mistyped database address is refused, and nothing is created for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pressroom-db-'));
    try {
      for (const [db, why] of [
        [join(dir, 'foo'), /is not a database address: use sqlite:PATH or postgres:\/\//],
        ['mysql://x/y', /"mysql:\/\/x\/y" is not a database address/],
        [`sqlite:${join(dir, 'no', 'such', 'x.db')}`, /the folder .*no\/such of .* does not exist/],
      ] as const) {
        const r = await run('stats', '--db', db);
        assert.equal(r.code, 1, db);
        assert.match(r.err, why);
      }
      assert.deepEqual(readdirSync(dir), [], 'no file or folder was made');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('errors are one line and usage errors exit 2', async () => {
    const r = await run('render', 'twelve');
    assert.equal(r.code, 2);
    assert.equal(r.err.split('\n').length, 1);
    assert.equal((await run('frobnicate')).code, 2);
    const missing = await run('import', '/no/such/folder', '--db', 'sqlite::memory:');
    assert.equal(missing.code, 1);
    assert.equal(missing.err, 'import: /no/such/folder: no such file or folder');
  });

  test('the installed command names the Node.js it needs when it runs on an older one', () => {
    const bin = join(import.meta.dirname, '..', '..', 'bin', 'pressroom.js');
    // Node 20.11 cannot load Vite or require Fastify's ES-module dependencies: it is told so at once.
    const pretend = (version: string) => `data:text/javascript,Object.defineProperty(process.versions,"node",{value:"${version}"})`;
    for (const old of ['20.11.1', '18.20.4', '22.3.0', '21.7.3']) {
      const r = spawnSync(process.execPath, ['--import', pretend(old), bin, '--help'], { encoding: 'utf8' });
      assert.equal(r.status, 1, old);
      assert.equal(r.stderr.trim(), `pressroom: Node.js ${old} is too old; Pressroom needs Node.js 20.19 or later (22.12 or later on Node 22).`);
    }
    for (const ok of ['20.19.0', '22.12.0', '24.1.0']) assert.match(execFileSync(process.execPath, ['--import', pretend(ok), bin, '--help'], { encoding: 'utf8' }), /^usage: pressroom/, ok);
  });
});
