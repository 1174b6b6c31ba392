import { EDITIONS, type Edition } from '../../core/model.ts';
import { loadIssue } from '../../app/archive.ts';
import { getPost, listPosts } from '../../app/archive.ts';
import { renderEdition } from '../../markdown/render.ts';
import { renderTelegram } from '../../channels/telegram/format.ts';
import { parse, str, UsageError } from '../args.ts';
import { withContext, type Io } from '../context.ts';


export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, { lang: { type: 'string' }, edition: { type: 'string' }, post: { type: 'string' } });
  const slug = str(p, 'post');
  if (slug !== undefined) {
    return withContext(p, io, async (ctx) => {
      const lang = str(p, 'lang') ?? ctx.publication.pub.primaryLang;
      const post = await getPost(ctx.store.db, ctx.publication.id, slug, lang);
      if (!post) {
        const langs = (await listPosts(ctx.store.db, ctx.publication.id)).filter((x) => x.slug === slug).map((x) => x.lang);
        throw new Error(`render: no post "${slug}"${langs.length ? ` in "${lang}" (it has ${langs.join(', ')})` : ''}`);
      }
      if (ctx.json) ctx.out(JSON.stringify(post));
      else ctx.io.write(post.body);
      return 0;
    });
  }
  const number = Number(p.positionals[0]);
  if (!Number.isInteger(number)) throw new UsageError('render: give the issue number, e.g. `pressroom render 12`');
  const edition = str(p, 'edition') ?? 'full';
  if (edition !== 'telegram' && !EDITIONS.includes(edition as Edition)) throw new UsageError(`render: --edition is full, teaser or telegram, not "${edition}"`);
  return withContext(p, io, async (ctx) => {
    const pub = ctx.publication.pub;
    const lang = str(p, 'lang') ?? pub.primaryLang;
    if (!pub.languages.includes(lang)) throw new UsageError(`render: the publication is written in ${pub.languages.join(', ')}, not "${lang}"`);
    const issue = await loadIssue(ctx.store.db, ctx.publication.id, number);
    if (!issue) throw new Error(`render: no issue #${number}`);
    if (!issue.editions.some((e) => e.lang === lang) && !issue.items.some((i) => i.texts[lang])) {
      const has = [...new Set(issue.editions.map((e) => e.lang))].join(', ');
      throw new Error(`render: issue #${number} has nothing in "${lang}" yet (it has ${has || 'no text'})`);
    }
    const text = edition === 'telegram' ? renderTelegram(issue, pub, lang).text : renderEdition(issue, pub, lang, edition as Edition);
    if (ctx.json) ctx.out(JSON.stringify({ number, lang, edition, text }));
    else ctx.io.write(text);
    return 0;
  });
}
