// The Git archive: each language's edition as docs/DATE-weekly.md (docs/LANG/… for the others),
// the README's list of past issues between two markers, one commit per publish, and a push when a
// remote is configured. Git itself does the work (git must be installed).

import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { editionFor, postEditionFor, issueTitle, type Issue, type Publication, type Post } from '../../core/model.ts';
import { renderEdition } from '../../markdown/render.ts';
import { hasLang } from '../site/content.ts';

const run = promisify(execFile);
export const LIST_START = '<!-- pressroom:issues -->';
export const LIST_END = '<!-- /pressroom:issues -->';

export interface GitOptions {
  dir: string;
  remote?: string | undefined;
  branch?: string | undefined;
  author?: { name: string; email: string };
}

async function git(dir: string, args: string[], author?: GitOptions['author']): Promise<string> {
  const env = { ...process.env, GIT_AUTHOR_NAME: author?.name ?? 'Pressroom', GIT_AUTHOR_EMAIL: author?.email ?? 'pressroom@localhost', GIT_COMMITTER_NAME: author?.name ?? 'Pressroom', GIT_COMMITTER_EMAIL: author?.email ?? 'pressroom@localhost', GIT_TERMINAL_PROMPT: '0' };
  try {
    return (await run('git', args, { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (e) {
    const err = e as Error & { stderr?: string };
    throw new Error(`git ${args[0]} in ${dir}: ${(err.stderr || err.message).trim().split('\n').slice(-3).join(' ')}`);
  }
}

export function archivePath(issue: Issue, pub: Publication, lang: string): string {
  return lang === pub.primaryLang ? `docs/${issue.date}-weekly.md` : `docs/${lang}/${issue.date}-weekly.md`;
}

/** The README's list: newest first, a line an issue, linking each language's file. */
export function readmeList(issues: Issue[], pub: Publication): string {
  const lines = [...issues]
    .sort((a, b) => b.number - a.number)
    .map((i) => {
      const others = pub.languages.filter((l) => l !== pub.primaryLang && hasLang(i, l)).map((l) => `[${l}](${archivePath(i, pub, l)})`);
      return `- [#${i.number} ${issueTitle(i, pub.primaryLang)}](${archivePath(i, pub, pub.primaryLang)}) (${i.date})${others.length ? ` · ${others.join(' · ')}` : ''}`;
    });
  return `${LIST_START}\n${lines.join('\n')}\n${LIST_END}`;
}

export interface GitResult {
  files: string[];
  commit?: string;
  pushed: boolean;
}

/** Writes an issue (and the list of all published ones) into the archive; commits when anything changed. */
export async function publishToGit(opts: GitOptions, issue: Issue, published: Issue[], pub: Publication, posts: Post[] = []): Promise<GitResult> {
  const { dir } = opts;
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, '.git'))) await git(dir, ['init', '-q', '-b', opts.branch ?? 'main']);
  const files: string[] = [];
  for (const lang of pub.languages) {
    if (!hasLang(issue, lang)) continue;
    const path = archivePath(issue, pub, lang);
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), renderEdition(issue, pub, lang, editionFor(pub, 'git')));
    files.push(path);
  }
  // Posts (compilations, digests) under their own file names, as the archive had them.
  for (const post of posts) {
    // A compilation is its issues' full text: it goes where the full edition goes.
    if (postEditionFor(pub, 'git', post) === 'teaser') continue;
    const path = post.lang === pub.primaryLang ? `docs/${post.slug}.md` : `docs/${post.lang}/${post.slug}.md`;
    mkdirSync(join(dir, path, '..'), { recursive: true });
    const at = join(dir, path);
    if (existsSync(at) && readFileSync(at, 'utf8') === post.body) continue;
    writeFileSync(at, post.body);
    files.push(path);
  }
  const readme = join(dir, 'README.md');
  const list = readmeList(published, pub);
  const old = existsSync(readme) ? readFileSync(readme, 'utf8') : `# ${pub.name[pub.primaryLang] ?? pub.slug}\n\n`;
  const at = old.indexOf(LIST_START);
  const end = old.indexOf(LIST_END);
  const next = at !== -1 && end > at ? old.slice(0, at) + list + old.slice(end + LIST_END.length) : `${old.trimEnd()}\n\n${list}\n`;
  writeFileSync(readme, next);
  files.push('README.md');
  await git(dir, ['add', '--', ...files], opts.author);
  const staged = await git(dir, ['diff', '--cached', '--name-only']);
  let commit: string | undefined;
  if (staged.trim()) {
    const title = issueTitle(issue, pub.primaryLang);
    await git(dir, ['commit', '-q', '-m', `Issue #${issue.number}: ${title}`, '-m', `Published ${issue.date}. Files: ${staged.trim().split('\n').join(', ')}`], opts.author);
    commit = (await git(dir, ['rev-parse', 'HEAD'])).trim();
  }
  let pushed = false;
  if (opts.remote) {
    const branch = opts.branch ?? 'main';
    await git(dir, ['push', '-q', opts.remote, `HEAD:refs/heads/${branch}`], opts.author);
    pushed = true;
  }
  return { files, ...(commit ? { commit } : {}), pushed };
}
