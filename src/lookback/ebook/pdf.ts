// A book as PDF, printed by Chromium: a cover, a table of contents that links to each issue and
// section, the chapters, page numbers in the footer, and the PDF's own outline. The page is
// written here whole and Chromium fetches nothing: every request it would make is refused, and
// pictures come in as data: addresses from what the caller fetched through the one HTTP client.
// Chinese and Japanese are set in the Noto CJK faces (Debian's fonts-noto-cjk).

import { launchChromium } from '../chromium.ts';
import { xml, type Book } from './book.ts';
import { coverSvg, type ImageStore } from './epub.ts';

const CSS = `@page { size: A5; margin: 16mm 14mm 18mm; }
body { font-family: "Noto Serif CJK SC", "Noto Serif CJK JP", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.6; color: #111; }
:lang(ja) body, body:lang(ja) { font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", serif; }
.cover { page-break-after: always; height: 170mm; display: flex; align-items: center; justify-content: center; }
.cover svg { width: 100%; height: auto; }
nav { page-break-after: always; }
nav h1 { font-size: 16pt; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.2em; font-size: 9.5pt; }
nav a { color: inherit; text-decoration: none; }
section.chapter { page-break-before: always; }
h1 { font-size: 15pt; margin: 0 0 0.4em; }
h1 .title { display: block; font-size: 11pt; font-weight: normal; color: #444; }
h2 { font-size: 12pt; margin: 1.2em 0 0.4em; border-bottom: 0.5pt solid #999; }
h3 { font-size: 10.5pt; margin: 0.9em 0 0.2em; }
h3 a { color: #0b3d91; text-decoration: none; }
p { margin: 0.25em 0; }
img { max-width: 100%; }
`;

export function bookHtml(book: Book, images: ImageStore = new Map()): string {
  const data = (src: string) => {
    const img = images.get(src);
    return img ? `data:${img.mediaType};base64,${Buffer.from(img.bytes).toString('base64')}` : undefined;
  };
  const tocTitle = book.lang === 'zh' ? '目录' : book.lang === 'ja' ? '目次' : 'Contents';
  const toc = book.chapters
    .map((ch) => `<li><a href="#${ch.id}">${xml(ch.title ? `${ch.heading} ${ch.title}` : ch.heading)}</a><ol>${ch.sections.map((s) => `<li><a href="#${s.id}">${xml(s.title)}（${s.items.length}）</a></li>`).join('')}</ol></li>`)
    .join('\n');
  const chapters = book.chapters.map((ch) => {
    const parts = [`<section class="chapter" id="${ch.id}"><h1>${xml(ch.heading)}${ch.title ? `<span class="title">${xml(ch.title)}</span>` : ''}</h1>`];
    for (const s of ch.sections) {
      parts.push(`<section id="${s.id}"><h2>${xml(s.title)}</h2>`);
      for (const it of s.items) {
        parts.push(`<h3 id="${it.id}">${it.url ? `<a href="${xml(it.url)}">${xml(it.title)}</a>` : xml(it.title)}</h3>`, it.html);
        const src = it.image && data(it.image.src);
        if (src) parts.push(`<p><img src="${src}" alt="${xml(it.image!.alt)}"></p>`);
      }
      parts.push('</section>');
    }
    parts.push('</section>');
    return parts.join('\n');
  });
  const cover = coverSvg(book).replace(/^<\?xml[^>]*>\s*/, '');
  return `<!DOCTYPE html><html lang="${book.lang}"><head><meta charset="utf-8"><title>${xml(book.title)}</title><style>${CSS}</style></head><body>
<div class="cover">${cover}</div>
<nav><h1>${tocTitle}</h1><ol>${toc}</ol></nav>
${chapters.join('\n')}
</body></html>`;
}

export async function writePdf(book: Book, images: ImageStore = new Map()): Promise<Uint8Array> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    // Nothing leaves: the page is whole, its pictures are data: addresses.
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(bookHtml(book, images), { waitUntil: 'load' });
    const footer = `<div style="width:100%;font-size:8pt;color:#666;text-align:center;font-family:sans-serif"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`;
    const pdf = await page.pdf({ format: 'A5', printBackground: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: footer, margin: { top: '16mm', bottom: '18mm', left: '14mm', right: '14mm' }, outline: true, tagged: true });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
