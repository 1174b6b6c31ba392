// npm run bench:site: the static site of a 500-issue archive in Chinese and English, built by
// `build-site` and, in the same run, by Hugo (Debian's hugo) from the same Markdown with a minimal
// layout; then a one-issue incremental rebuild; then a 10,000-recipient campaign to a local SMTP
// server, in mails per second.
// Usage: tsx bench/site.ts [--issues 500] [--recipients 10000] [--hugo PATH]

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { issueTitle } from '../src/core/model.ts';
import { importFiles } from '../src/app/import-archive.ts';
import { createCampaign, runCampaign } from '../src/channels/email/outbox.ts';
import { startMailSink } from '../src/channels/email/test-smtp.ts';
import { editionBody, itemTags } from '../src/channels/site/content.ts';
import { buildSite, storeSource } from '../src/channels/site/build.ts';
import { openStore } from '../src/store/db.ts';
import { loadAllIssues, saveIssue } from '../src/store/issues.ts';
import { usePublication } from '../src/store/publications.ts';
import { importSubscribers } from '../src/store/subscribers.ts';
import { generateArchive } from './generate-archive.ts';

const { values } = parseArgs({ options: { issues: { type: 'string', default: '500' }, recipients: { type: 'string', default: '10000' }, hugo: { type: 'string', default: 'hugo' } } });
const N = Number(values.issues);
const dir = mkdtempSync(join(tmpdir(), 'pressroom-bench-site-'));
const SITE = 'https://weekly.example.com';

try {
  generateArchive(join(dir, 'archive'), N);
  const store = await openStore(`sqlite:${join(dir, 'bench.db')}`);
  const stored = await usePublication(store.db);
  await importFiles(store, stored, [join(dir, 'archive')]);

  // Pressroom: load from the database and build, as `pressroom build-site` does.
  const out = join(dir, 'site');
  let t0 = performance.now();
  const full = await buildSite(stored.pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
  const fullS = (performance.now() - t0) / 1000;
  const issues = await loadAllIssues(store.db, stored.id);

  // Hugo: the same Markdown bodies, with title, date and tags in front matter.
  const hugoDir = join(dir, 'hugo');
  for (const lang of ['zh', 'en']) {
    mkdirSync(join(hugoDir, 'content', lang, 'issues'), { recursive: true });
    for (const issue of issues) {
      const front = `---\ntitle: ${JSON.stringify(issueTitle(issue, lang) || `#${issue.number}`)}\ndate: ${issue.date}\ntags: ${JSON.stringify([...new Set(issue.items.flatMap(itemTags))])}\n---\n\n`;
      writeFileSync(join(hugoDir, 'content', lang, 'issues', `${issue.number}.md`), front + editionBody(issue, stored.pub, lang, 'full'));
    }
  }
  mkdirSync(join(hugoDir, 'layouts', '_default'), { recursive: true });
  const shell = (main: string) => `<!doctype html><html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }}</title></head><body><header><a href="/">{{ .Site.Title }}</a></header><main>${main}</main></body></html>`;
  writeFileSync(join(hugoDir, 'layouts', '_default', 'single.html'), shell('<h1>{{ .Title }}</h1><time>{{ .Date.Format "2006-01-02" }}</time>{{ .Content }}{{ range .Params.tags }}<a href="/tags/{{ . | urlize }}/">#{{ . }}</a> {{ end }}'));
  writeFileSync(join(hugoDir, 'layouts', '_default', 'list.html'), shell('<h1>{{ .Title }}</h1><ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>'));
  writeFileSync(join(hugoDir, 'layouts', 'index.html'), shell('{{ range first 1 (where .Site.RegularPages "Section" "zh") }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}'));
  writeFileSync(join(hugoDir, 'config.toml'), `baseURL = "${SITE}/"\ntitle = "Weekly"\nlanguageCode = "zh"\ndisableKinds = []\n# The archive runs into the future: without this Hugo skips those issues.\nbuildFuture = true\n[markup.goldmark.renderer]\nunsafe = false\n`);
  const hugo = spawnSync(values.hugo!, ['version'], { encoding: 'utf8' });
  let hugoS: number | undefined;
  if (hugo.status === 0) {
    t0 = performance.now();
    execFileSync(values.hugo!, ['--quiet', '--source', hugoDir, '--destination', join(dir, 'hugo-public')], { stdio: 'inherit' });
    hugoS = (performance.now() - t0) / 1000;
    // Both must have built the same issue pages, or the times say nothing.
    const hugoPages = ['zh', 'en'].reduce((n, lang) => n + readdirSync(join(dir, 'hugo-public', lang, 'issues'), { withFileTypes: true }).filter((e) => e.isDirectory()).length, 0);
    if (hugoPages !== issues.length * 2) throw new Error(`hugo built ${hugoPages} issue pages, not ${issues.length * 2}: the comparison would be unfair`);
  }

  // An editor saves one issue from the middle of the archive; the site is built again.
  const changed = issues[Math.floor(issues.length / 2)]!;
  changed.items.find((i) => i.texts.zh)!.texts.zh!.blurb += '（更新）';
  await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, changed));
  t0 = performance.now();
  const inc = await buildSite(stored.pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
  const incS = (performance.now() - t0) / 1000;

  // The next issue is published: the weekly's own case.
  const next = { ...issues[0]!, number: issues[0]!.number + 1, date: new Date(Date.parse(issues[0]!.date) + 7 * 86_400_000).toISOString().slice(0, 10), items: issues[0]!.items.map(({ id: _, ...item }) => item) };
  await store.db.transaction().execute((tx) => saveIssue(tx, stored.id, next));
  t0 = performance.now();
  const pubd = await buildSite(stored.pub, storeSource(store.db, stored.id), out, { siteUrl: SITE });
  const nextS = (performance.now() - t0) / 1000;

  console.log(`site: ${N} issues × zh+en`);
  console.log(`pressroom build-site (load + render + write): ${fullS.toFixed(2)} s, ${full.written} files`);
  if (hugoS !== undefined) console.log(`hugo ${hugo.stdout.trim().split(' ')[1] ?? ''} (same Markdown, minimal layout): ${hugoS.toFixed(2)} s`);
  else console.log(`hugo: not found (${values.hugo}); apt-get install hugo to compare`);
  console.log(`incremental, one issue changed: ${incS.toFixed(3)} s, ${inc.written} files written, ${inc.loadedIssues} issues read (${((incS / fullS) * 100).toFixed(1)}% of a full build; target under 10%)`);
  console.log(`incremental, the next issue published: ${nextS.toFixed(3)} s, ${pubd.written} files written, ${pubd.loadedIssues} issues read (${((nextS / fullS) * 100).toFixed(1)}% of a full build)`);
  if (hugoS !== undefined) console.log(`ratio pressroom / hugo: ${(fullS / hugoS).toFixed(2)}x the time (target at most 1.00)`);

  // A campaign of 10,000 recipients to a local SMTP server.
  const R = Number(values.recipients);
  const sink = await startMailSink();
  const csv = ['email,lang,status', ...Array.from({ length: R }, (_, i) => `reader${i}@example.com,${i % 3 ? 'zh' : 'en'},active`)].join('\n');
  await importSubscribers(store.db, stored.id, csv, new Date());
  const campaign = await createCampaign(store.db, stored, issues[0]!.number, new Date());
  t0 = performance.now();
  const result = await runCampaign(store, stored, campaign.id, { smtp: { url: sink.url, pool: 4 }, siteUrl: SITE, secret: 'bench-secret' });
  const mailS = (performance.now() - t0) / 1000;
  console.log(`campaign: ${result.sent} mails to the local SMTP server in ${mailS.toFixed(2)} s: ${(result.sent / mailS).toFixed(0)} mails/s (server received ${sink.received.length})`);
  await sink.close();
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
