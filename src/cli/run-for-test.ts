// Runs `pressroom …` in this process for tests, capturing what it prints.

import { main } from './main.ts';

export interface CliRun {
  code: number;
  out: string;
  err: string;
  /** Raw output (rendered Markdown, OPML). */
  written: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let written = '';
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l), write: (t) => (written += t) });
  return { code, out: out.join('\n'), err: err.join('\n'), written };
}
