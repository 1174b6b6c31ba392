// `pressroom COMMAND …`: every command takes --db and --json; errors are one line and exit 1.
// `pressroom --help` and `pressroom COMMAND --help` print from the static table in commands.ts.

import { UsageError } from './args.ts';
import { COMMANDS, commandEntry } from './commands.ts';
import type { Io } from './context.ts';

const consoleIo: Io = { out: (l) => console.log(l), err: (l) => console.error(l), write: (t) => void process.stdout.write(t) };

export function help(): string {
  return [
    'usage: pressroom COMMAND [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
    '',
    'every command takes --db sqlite:PATH|postgres://… (default: $PRESSROOM_DB, else sqlite:./data/pressroom.db)',
    'and --json for machine-readable output; `pressroom COMMAND --help` prints one command\'s usage',
  ].join('\n');
}

export async function main(argv: string[], io: Io = consoleIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(help());
    return name ? 0 : 2;
  }
  const entry = commandEntry(name);
  if (!entry) {
    io.err(`pressroom: unknown command "${name}"; try \`pressroom help\``);
    return 2;
  }
  if (rest.length === 1 && (rest[0] === '--help' || rest[0] === '-h')) {
    io.out(`usage: pressroom ${entry.usage}`);
    return 0;
  }
  try {
    return await (await entry.load()).run(rest, io);
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
