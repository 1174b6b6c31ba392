import { readFile } from 'node:fs/promises';
import { repairMojibake } from '../../text/mojibake.ts';
import { parse, UsageError } from '../args.ts';
import type { Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  const [sub, file] = p.positionals;
  if (sub !== 'repair' || !file) throw new UsageError('text: usage: pressroom text repair FILE');
  const bytes = await readFile(file).catch(() => {
    throw new Error(`text: cannot read ${file}`);
  });
  const { text, undone } = repairMojibake(bytes.toString('utf8'));
  if (p.values.json) io.out(JSON.stringify({ file, repaired: undone, text }));
  else {
    io.write(text);
    io.err(undone.length ? `text: ${file}: repaired (${undone.join(' then ')})` : `text: ${file}: nothing to repair`);
  }
  return 0;
}
