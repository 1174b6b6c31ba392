// `pressroom COMMAND …`: every command takes --db and --json; errors are one line and exit 1.

import { UsageError } from './args.ts';
import type { Io } from './context.ts';

interface Command {
  usage: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** Each command's module is loaded when it runs: loading all of them (the server, the queue, the
 * site builder) cost every command over half a second. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  import: () => import('./commands/import.ts'),
  render: () => import('./commands/render.ts'),
  stats: () => import('./commands/stats.ts'),
  text: () => import('./commands/text.ts'),
  sources: () => import('./commands/sources.ts'),
  collect: () => import('./commands/collect.ts'),
  candidates: () => import('./commands/candidates.ts'),
  extract: () => import('./commands/extract.ts'),
  submit: () => import('./commands/submit.ts'),
  serve: () => import('./commands/serve.ts'),
  worker: () => import('./commands/worker.ts'),
  publish: () => import('./commands/publish.ts'),
  'build-site': () => import('./commands/build-site.ts'),
  subscribers: () => import('./commands/subscribers.ts'),
  campaign: () => import('./commands/campaign.ts'),
  members: () => import('./commands/members.ts'),
  config: () => import('./commands/config.ts'),
  publications: () => import('./commands/publications.ts'),
};

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l), write: (t) => void process.stdout.write(t) };

export async function help(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return [
    'usage: pressroom COMMAND [options]',
    '',
    ...commands.map((c) => `  ${c.usage}`),
    '',
    'every command takes --db sqlite:PATH|postgres://… (default: $PRESSROOM_DB, else sqlite:./data/pressroom.db)',
    'and --json for machine-readable output',
  ].join('\n');
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(await help());
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`pressroom: unknown command "${name}"; try \`pressroom help\``);
    return 2;
  }
  try {
    return await (await load()).run(rest, io);
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
