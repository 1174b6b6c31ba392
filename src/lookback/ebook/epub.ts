// A book as EPUB 3: the mimetype first and stored, the package document with the publication's
// metadata and language, a cover (an SVG drawn here, so no font or picture has to be fetched),
// a navigation document of issues → sections → items, and a chapter per issue in XHTML with
// xml:lang set. Pictures are embedded (fetched by the caller, through the one HTTP client) or
// dropped; a picture that could not be fetched is dropped with its reason. The ZIP is fflate's.
// The same book gives the same bytes: file dates are the book's date.

import { zipSync, strToU8, type Zippable } from 'fflate';
import { wrapToColumns } from '../../text/width.ts';
import { xml, type Book } from './book.ts';

export interface EpubImage {
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/svg+xml';
}

/** Embedded pictures by their source address; a source missing here is dropped. */
export type ImageStore = Map<string, EpubImage>;

const EXT: Record<EpubImage['mediaType'], string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

const CSS = `body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", serif; line-height: 1.6; margin: 0 5%; }
h1 { font-size: 1.5em; margin: 1em 0 0.3em; }
h1 .title { display: block; font-size: 0.7em; font-weight: normal; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.4em; border-bottom: 1px solid #ccc; }
h3 { font-size: 1em; margin: 1em 0 0.2em; }
p { margin: 0.3em 0; }
img { max-width: 100%; }
nav ol { list-style: none; padding-left: 1em; }
`;

function page(lang: string, title: string, body: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}">
<head>
<meta charset="UTF-8" />
<title>${xml(title)}</title>
<link rel="stylesheet" type="text/css" href="style.css" />${head}
</head>
<body>
${body}
</body>
</html>
`;
}


export function coverSvg(book: Book): string {
  const lines = wrapToColumns(book.title, 22).slice(0, 4);
  const title = lines.map((l, i) => `<tspan x="80" dy="${i ? 72 : 0}">${xml(l)}</tspan>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="1600" viewBox="0 0 1200 1600" role="img" aria-label="${xml(book.title)}">
<rect width="1200" height="1600" fill="#0b3d91"/>
<rect x="60" y="60" width="1080" height="1480" fill="none" stroke="#ffd54f" stroke-width="6"/>
<text x="80" y="260" font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, sans-serif" font-size="56" font-weight="700" fill="#ffffff">${title}</text>
<text x="80" y="1380" font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, sans-serif" font-size="40" fill="#ffd54f">${xml(book.publisher)}</text>
<text x="80" y="1450" font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, sans-serif" font-size="32" fill="#ffffff">${xml(book.subtitle)} · ${xml(book.date)}</text>
</svg>
`;
}

export interface EpubResult {
  bytes: Uint8Array;
  /** Pictures left out, with why. */
  dropped: { src: string; why: string }[];
}

export function writeEpub(book: Book, images: ImageStore = new Map()): EpubResult {
  const lang = book.lang;
  const files: Record<string, string | Uint8Array> = {};
  const manifest: string[] = [];
  const spine: string[] = [];
  const dropped: EpubResult['dropped'] = [];
  const embedded = new Map<string, string>();
  const add = (id: string, href: string, mediaType: string, content: string | Uint8Array, props?: string) => {
    files[`OEBPS/${href}`] = content;
    manifest.push(`<item id="${id}" href="${href}" media-type="${mediaType}"${props ? ` properties="${props}"` : ''}/>`);
  };

  add('css', 'style.css', 'text/css', CSS);
  add('cover-image', 'cover.svg', 'image/svg+xml', coverSvg(book), 'cover-image');
  add('cover', 'cover.xhtml', 'application/xhtml+xml', page(lang, book.title, `<section epub:type="cover"><img src="cover.svg" alt="${xml(book.title)}" style="width:100%" /></section>`));
  spine.push('<itemref idref="cover"/>');

  const picture = (src: string, alt: string): string => {
    let href = embedded.get(src);
    if (!href) {
      const img = images.get(src);
      if (!img) {
        dropped.push({ src, why: 'not fetched' });
        return '';
      }
      href = `images/${embedded.size + 1}.${EXT[img.mediaType]}`;
      embedded.set(src, href);
      add(`img-${embedded.size}`, href, img.mediaType, img.bytes);
    }
    return `<p><img src="${href}" alt="${xml(alt)}" /></p>`;
  };

  for (const ch of book.chapters) {
    const body = [`<section epub:type="chapter" id="${ch.id}">`, `<h1>${xml(ch.heading)}${ch.title ? `<span class="title">${xml(ch.title)}</span>` : ''}</h1>`];
    for (const s of ch.sections) {
      body.push(`<section id="${s.id}">`, `<h2>${xml(s.title)}</h2>`);
      for (const it of s.items) {
        body.push(`<h3 id="${it.id}">${it.url ? `<a href="${xml(it.url)}">${xml(it.title)}</a>` : xml(it.title)}</h3>`);
        if (it.html) body.push(it.html);
        if (it.image) body.push(picture(it.image.src, it.image.alt));
      }
      body.push('</section>');
    }
    body.push('</section>');
    add(ch.id, `${ch.id}.xhtml`, 'application/xhtml+xml', page(lang, ch.title ? `${ch.heading} ${ch.title}` : ch.heading, body.filter(Boolean).join('\n')));
    spine.push(`<itemref idref="${ch.id}"/>`);
  }

  const toc = book.chapters
    .map(
      (ch) =>
        `<li><a href="${ch.id}.xhtml">${xml(ch.title ? `${ch.heading} ${ch.title}` : ch.heading)}</a>\n<ol>${ch.sections
          .map((s) => `<li><a href="${ch.id}.xhtml#${s.id}">${xml(s.title)}</a>\n<ol>${s.items.map((it) => `<li><a href="${ch.id}.xhtml#${it.id}">${xml(it.title)}</a></li>`).join('\n')}</ol></li>`)
          .join('\n')}</ol></li>`,
    )
    .join('\n');
  const tocTitle = lang === 'zh' ? '目录' : lang === 'ja' ? '目次' : 'Contents';
  add(
    'nav',
    'nav.xhtml',
    'application/xhtml+xml',
    page(lang, tocTitle, `<nav epub:type="toc" id="toc"><h1>${tocTitle}</h1>\n<ol>\n${toc}\n</ol></nav>\n<nav epub:type="landmarks" hidden="hidden"><ol><li><a epub:type="cover" href="cover.xhtml">${xml(book.title)}</a></li><li><a epub:type="toc" href="nav.xhtml">${tocTitle}</a></li></ol></nav>`),
    'nav',
  );
  spine.splice(1, 0, '<itemref idref="nav"/>');

  const modified = `${book.date || '1970-01-01'}T00:00:00Z`;
  const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="${lang}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:identifier id="book-id">${book.identifier}</dc:identifier>
<dc:title>${xml(book.title)}</dc:title>
<dc:language>${lang}</dc:language>
<dc:creator>${xml(book.author)}</dc:creator>
<dc:publisher>${xml(book.publisher)}</dc:publisher>
<dc:date>${book.date}</dc:date>
<meta property="dcterms:modified">${modified}</meta>
<meta name="cover" content="cover-image"/>
</metadata>
<manifest>
${manifest.join('\n')}
</manifest>
<spine>
${spine.join('\n')}
</spine>
</package>
`;
  files['OEBPS/content.opf'] = opf;
  files['META-INF/container.xml'] = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
`;
  // The mimetype first, stored: how a reader knows the file is an EPUB.
  const mtime = new Date(`${book.date || '1980-01-01'}T00:00:00Z`);
  const zip: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0, mtime }] };
  for (const [name, content] of Object.entries(files)) zip[name] = [typeof content === 'string' ? strToU8(content) : content, { level: 9, mtime }];
  return { bytes: zipSync(zip), dropped };
}
