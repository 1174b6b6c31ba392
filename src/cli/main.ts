// `pressroom COMMAND …`: every command takes --db and --json; errors are one line and exit 1.

import { UsageError } from './args.ts';
import type { Io } from './context.ts';
import * as importCmd from './commands/import.ts';
import * as render from './commands/render.ts';
import * as serve from './commands/serve.ts';
import * as stats from './commands/stats.ts';
import * as text from './commands/text.ts';
import * as sources from './commands/sources.ts';
import * as collect from './commands/collect.ts';
import * as candidates from './commands/candidates.ts';
import * as submit from './commands/submit.ts';
import * as extract from './commands/extract.ts';
import * as worker from './commands/worker.ts';
import * as publish from './commands/publish.ts';
import * as buildSite from './commands/build-site.ts';
import * as subscribers from './commands/subscribers.ts';
import * as campaign from './commands/campaign.ts';

interface Command {
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, Command> = { import: importCmd, render, stats, text, sources, collect, candidates, extract, submit, serve, worker, publish, 'build-site': buildSite, subscribers, campaign };

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l), write: (t) => void process.stdout.write(t) };

export function help(): string {
  return [
    'usage: pressroom COMMAND [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    'every command takes --db sqlite:PATH|postgres://… (default: $PRESSROOM_DB, else sqlite:./data/pressroom.db)',
    'and --json for machine-readable output',
  ].join('\n');
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 2;
  }
  const cmd = COMMANDS[name];
  if (!cmd) {
    io.err(`pressroom: unknown command "${name}"; try \`pressroom help\``);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`pressroom ${name}: ${e.message}`);
      return 2;
    }
    const err = e as Error;
    io.err(err.message.startsWith(`${name}:`) || err.name === 'MarkdownError' || err.name === 'StoreError' ? err.message : `${name}: ${err.message}`);
    if (process.env.PRESSROOM_DEBUG) io.err(err.stack ?? '');
    return 1;
  }
}
