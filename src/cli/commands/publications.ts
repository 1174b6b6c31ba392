import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { publicationFromData, PublicationFileError } from '../../core/publication-file.ts';
import { createPublication, findPublication, listPublications, updatePublication } from '../../app/publications.ts';
import { parse, UsageError } from '../args.ts';
import { withStore, type Io } from '../context.ts';


/** A publication file, YAML or JSON, checked; errors name the file and each field. */
function readPublication(file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`publications: ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`publications: ${file}: not ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`);
  }
  try {
    return publicationFromData(data);
  } catch (e) {
    if (e instanceof PublicationFileError) throw new Error(`publications: ${file}: ${e.problems.join('; ')}`);
    throw e;
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const p = parse(argv, {});
  const [action, a, b] = p.positionals;
  const json = p.values.json === true;
  return withStore(p, async (store) => {
    switch (action) {
      case 'create': {
        if (!a) throw new UsageError('publications create FILE');
        const pub = readPublication(a);
        if (await findPublication(store.db, pub.slug)) throw new Error(`publications: "${pub.slug}" exists already; change it with \`publications edit ${pub.slug} ${a}\``);
        await createPublication(store.db, pub);
        io.out(json ? JSON.stringify(pub) : `created ${pub.slug}: ${pub.languages.join(', ')}, ${pub.sections.length} sections`);
        return 0;
      }
      case 'edit': {
        if (!a || !b) throw new UsageError('publications edit SLUG FILE');
        const found = await findPublication(store.db, a);
        if (!found || found.pub.slug !== a) throw new Error(`publications: no publication "${a}"`);
        const pub = readPublication(b);
        if (pub.slug !== a) throw new Error(`publications: ${b} describes "${pub.slug}", not "${a}"; a publication's slug does not change`);
        await updatePublication(store.db, found.id, pub);
        io.out(json ? JSON.stringify(pub) : `updated ${pub.slug}`);
        return 0;
      }
      case 'show': {
        // Reading makes nothing: with none stored, it says how to make one.
        const all = await listPublications(store.db);
        const list = a ? all.filter((x) => x.pub.slug === a) : all;
        if (!list.length) throw new Error(a ? `publications: no publication "${a}"` : 'publications: none yet; create one with `publications create FILE`, or start the demo with `serve --demo`');
        if (json) io.out(JSON.stringify(a ? list[0]!.pub : list.map((x) => x.pub), null, 2));
        else for (const { pub } of list) io.out(`${pub.slug}: ${pub.name[pub.primaryLang]} (${pub.languages.join(', ')}; sections ${pub.sections.map((s) => `${s.emoji}${s.titles[pub.primaryLang]}`).join(', ')})`);
        return 0;
      }
      default:
        throw new UsageError('publications create FILE | show [SLUG] | edit SLUG FILE');
    }
  });
}
