import { generateSeasonPost, setPostPublished } from '../../app/season.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { lang: { type: 'string' }, date: { type: 'string' }, replace: { type: 'boolean' }, 'site-url': { type: 'string' }, print: { type: 'boolean' } });
  const [n, what, slug] = p.positionals;
  if (n === 'publish' || n === 'unpublish') {
    if (!what) throw new UsageError('season publish SLUG [--lang L]: the post to make public');
    return withContext(p, io, async (ctx) => {
      const lang = str(p, 'lang') ?? ctx.publication.pub.primaryLang;
      await setPostPublished(ctx.store.db, ctx.publication, what, lang, n === 'publish');
      ctx.out(`${what} (${lang}) is ${n === 'publish' ? 'published: readers see it on the site' : 'a draft again'}`);
      return 0;
    });
  }
  if (!n || !/^[1-9]\d*$/.test(n)) throw new UsageError(`season: the season's number first (1 for issues 1-30), not "${n ?? ''}"`);
  if (what !== 'compile' && what !== 'digest') throw new UsageError(`season ${n}: compile or digest, not "${what ?? ''}"`);
  void slug;
  return withContext(p, io, async (ctx) => {
    const configured = str(p, 'site-url') ?? ctx.publication.pub.publishing?.siteUrl ?? process.env.PRESSROOM_SITE_URL;
    const siteUrl = configured ?? 'http://127.0.0.1:8080';
    // A compilation links each issue on the site: without the site's address they would point at this machine.
    if (!configured && what === 'compile') ctx.io.err(`season: no site address (publishing.siteUrl, PRESSROOM_SITE_URL or --site-url): the issues' headings link to ${siteUrl}; set it and remake with --replace`);
    const r = await generateSeasonPost(ctx.store.db, ctx.publication, {
      season: Number(n),
      kind: what === 'compile' ? 'compilation' : 'digest',
      lang: str(p, 'lang'),
      date: str(p, 'date'),
      siteUrl,
      replace: !!p.values.replace,
    });
    if (p.values.print) {
      ctx.out(r.body);
      return 0;
    }
    if (ctx.json) ctx.out(JSON.stringify({ slug: r.slug, lang: r.lang, title: r.title, issues: r.issues, links: r.links, result: r.result }));
    else ctx.out(`${r.result === 'unchanged' ? 'unchanged' : r.result === 'created' ? 'made' : 'rewrote'} the draft post ${r.slug} (${r.lang}): "${r.title}", from ${r.issues.length} issues (#${r.issues[0]}-#${r.issues.at(-1)}), ${r.links} links. Read it with: pressroom render --post ${r.slug} --lang ${r.lang}; publish it with: pressroom season publish ${r.slug} --lang ${r.lang}`);
    return 0;
  });
}
