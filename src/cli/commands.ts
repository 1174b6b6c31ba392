// The table of commands: each one's usage line, written here so that `pressroom --help` prints
// without loading any command, and the loader of its module, run only when the command runs
// (loading them all, with the server, the queue and the site builder, cost every command a second).

import type { Io } from './context.ts';
import { CHANNEL_NAMES } from '../channels/registry.ts';
import { ADDABLE_KINDS } from '../sources/kinds.ts';

export interface Command {
  run(argv: string[], io: Io): Promise<number>;
}

interface Entry {
  usage: string;
  load: () => Promise<Command>;
}

export const COMMANDS = {
  import: {
    usage: 'import PATH… [--check] [--replace] [--join-by number|date]   read Markdown issues and posts (files or folders) into the archive; a file that collides with another is refused unless --replace',
    load: () => import('./commands/import.ts'),
  },
  render: {
    usage: 'render NUMBER [--lang zh|en|ja] [--edition full|teaser|telegram] | render --post SLUG [--lang L]   print an issue in house style, or a post as it was imported',
    load: () => import('./commands/render.ts'),
  },
  stats: {
    usage: 'stats [--season N] [--by section|source|domain|language|month] [--json] | stats --charts DIR [--season N] [--lang L] | stats --readers   items counted by what --by names; --charts writes the charts and the word cloud as SVG; --readers counts each campaign\'s outcomes, feed readers and clicks; without either, issues, items per kind (articles, projects, audio/video, discussions), words and books given away, per issue, per season and in total (posts are not issues)',
    load: () => import('./commands/stats.ts'),
  },
  season: {
    usage: 'season N compile|digest [--lang L] [--date YYYY-MM-DD] [--replace] [--print] | season publish|unpublish SLUG [--lang L]   a season\'s compilation (its 30 issues in one post) or link digest (titles by section), made as a draft post; a post of that name is not overwritten without --replace',
    load: () => import('./commands/season.ts'),
  },
  inbox: {
    usage: 'inbox mail [FILE] | held | allow ID | drop ID   a newsletter into the inbox (one message, from FILE or standard input, as an MTA pipes it): an allowed sender\'s links become candidates, anyone else\'s mail is held; allow takes a held sender in (and adds it as a newsletter source)',
    load: () => import('./commands/inbox.ts'),
  },
  archive: {
    usage: 'archive check-links [--since DATE] [--report] | archive projects [--refresh]   what became of what was featured: every link checked (politely, resumable: stopped, it goes on where it was; --report prints the last results), dead ones with the Web Archive\'s address; each GitHub project\'s stars then and now, archived or gone (--refresh asks GitHub, with GITHUB_TOKEN)',
    load: () => import('./commands/archive.ts'),
  },
  ebook: {
    usage: 'ebook season N [--lang L] [--format epub|pdf] [--images embed|drop]   the season as an e-book (EPUB 3, or a PDF printed by Chromium) in DATA/ebooks/, where the site\'s archive offers it (publishing.ebooks.access: members, everyone or off)',
    load: () => import('./commands/ebook.ts'),
  },
  text: {
    usage: 'text repair FILE   print FILE with mojibake (UTF-8 read as Windows-1252, Latin-1 or Mac Roman) undone',
    load: () => import('./commands/text.ts'),
  },
  sources: {
    usage: `sources add URL [--kind ${ADDABLE_KINDS.join('|')}] [--weight N] [--lang L] [--section S] [--tags a,b] | list | import-opml FILE [--replace] | export-opml`,
    load: () => import('./commands/sources.ts'),
  },
  collect: {
    usage: 'collect [--all] [--source ID]   fetch due sources (or all, or one) and update the candidates',
    load: () => import('./commands/collect.ts'),
  },
  candidates: {
    usage: 'candidates [--section S] [--since DATE] [--limit N] [--status new|picked|skipped|all]   ranked, with why',
    load: () => import('./commands/candidates.ts'),
  },
  extract: {
    usage: 'extract [--limit 50] [--min-score S] [--id ID]   fetch the best new candidates’ pages and keep their readable text',
    load: () => import('./commands/extract.ts'),
  },
  submit: {
    usage: 'submit URL [--note TEXT] [--title TEXT]   add a reader-submitted link to the candidates',
    load: () => import('./commands/submit.ts'),
  },
  serve: {
    usage: 'serve [--port 8080] [--host 127.0.0.1] [--demo] [--no-schedule]   run the server; it collects due sources on a schedule (in-process on SQLite, through the job queue on PostgreSQL)',
    load: () => import('./commands/serve.ts'),
  },
  worker: {
    usage: 'worker [--concurrency 4]   collect sources from the PostgreSQL job queue; run as many as you like, on any host',
    load: () => import('./commands/worker.ts'),
  },
  publish: {
    usage: `publish NUMBER [--channels ${CHANNEL_NAMES.join(',')}] [--at TIME]   publish an issue now on every channel (or those named), or schedule it for TIME (ISO 8601); \`serve\` publishes scheduled issues`,
    load: () => import('./commands/publish.ts'),
  },
  'build-site': {
    usage: 'build-site OUT [--site-url URL] [--forms-url URL] [--full]   write the readers\' site as static files (only what changed since the last build, unless --full)',
    load: () => import('./commands/build-site.ts'),
  },
  subscribers: {
    usage: 'subscribers import FILE.csv | export [FILE.csv] | list [--status active|pending|unsubscribed] | bounces REPORT.eml…   subscribers as CSV (email,lang,status,member,name); bounce and complaint reports put addresses on the suppression list',
    load: () => import('./commands/subscribers.ts'),
  },
  campaign: {
    usage: 'campaign status NUMBER | send NUMBER   how the mailing of an issue stands (sent, failed, remaining); send starts it or resumes it where it stopped',
    load: () => import('./commands/campaign.ts'),
  },
  members: {
    usage: 'members sessions [EMAIL] | revoke SESSION-ID | revoke --email EMAIL   members signed in on the site; revoke ends one session or all of an address',
    load: () => import('./commands/members.ts'),
  },
  config: {
    usage: 'config show   the settings in force and where each comes from (database, file, environment), secrets masked',
    load: () => import('./commands/config.ts'),
  },
  publications: {
    usage: 'publications create FILE | show [SLUG] | edit SLUG FILE   a publication (languages, sections and aliases, house style, post patterns) from YAML or JSON, checked field by field',
    load: () => import('./commands/publications.ts'),
  },
} satisfies Record<string, Entry>;

export type CommandName = keyof typeof COMMANDS;

export function commandEntry(name: string): Entry | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
}

export function usageOf(name: CommandName): string {
  return COMMANDS[name].usage;
}
