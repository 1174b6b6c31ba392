import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';
import { checkFiles, importFiles, markdownFiles, type FileOutcome } from '../../app/import-archive.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { check: { type: 'boolean' }, replace: { type: 'boolean' }, 'join-by': { type: 'string' } });
  const joinBy = str(p, 'join-by') ?? 'number';
  if (joinBy !== 'number' && joinBy !== 'date') throw new UsageError(`import: --join-by is number or date, not "${joinBy}"`);
  if (p.positionals.length === 0) throw new UsageError('import: name at least one file or folder');
  // Paths first: a mistyped one is said before anything (the demo publication) is made.
  await markdownFiles(p.positionals);
  return withContext(p, io, async (ctx) => {
    if (p.values.check) {
      const results = await checkFiles(ctx.publication.pub, p.positionals);
      const bad = results.filter((r) => !r.ok);
      if (ctx.json) ctx.out(JSON.stringify({ files: results.length, roundTrip: results.length - bad.length, failures: bad }, null, 2));
      else {
        for (const r of bad) {
          if (r.error) ctx.out(`✗ ${r.error}`);
          else ctx.out(`✗ ${r.file}:${r.line}\n    expected: ${JSON.stringify(r.expected)}\n    rendered: ${JSON.stringify(r.actual)}`);
        }
        ctx.out(`${results.length - bad.length} of ${results.length} files round-trip byte for byte`);
      }
      return bad.length ? 1 : 0;
    }
    const outcomes = await importFiles(ctx.store, ctx.publication, p.positionals, {
      replace: p.values.replace === true,
      joinBy,
      onFile: ctx.json ? undefined : (o, i, n) => ctx.out(line(o, i, n)),
    });
    const failed = outcomes.filter((o) => o.status === 'failed');
    if (ctx.json) ctx.out(JSON.stringify({ outcomes }, null, 2));
    else {
      const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
      ctx.out(`imported ${outcomes.length} files: ${count('created')} new, ${count('updated')} updated, ${count('unchanged')} unchanged, ${count('skipped')} skipped, ${failed.length} failed`);
    }
    return failed.length ? 1 : 0;
  }, { create: true });
}

function line(o: FileOutcome, i: number, n: number): string {
  const at = `[${i + 1}/${n}]`;
  switch (o.status) {
    case 'failed':
      return `${at} ✗ ${o.error}`;
    case 'skipped':
      return `${at} - ${o.file}: skipped, ${o.reason}`;
    default: {
      const extra = [
        o.repaired.length ? `repaired mojibake (${o.repaired.join(' then ')})` : '',
        ...o.warnings.map((w) => `warning: ${w.slice(o.file.length + 1)}`),
      ].filter(Boolean);
      const what = 'post' in o ? `post ${o.post} (${o.kind}) ${o.lang}` : `#${o.number} ${o.lang} ${o.edition}`;
      return `${at} ✓ ${o.file}: ${what}, ${o.status}${extra.length ? '; ' + extra.join('; ') : ''}`;
    }
  }
}
