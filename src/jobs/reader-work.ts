// What the reader thread runs: the same functions as inline reading. The article extractor
// (Readability over a DOM) is loaded on its first job, so a thread that only reads feeds starts
// without it.
export { readFeed } from '../sources/feed/read.ts';

export async function extractArticle(html: string, url: string): Promise<import('../html/extract.ts').Article | null> {
  return (await import('../html/extract.ts')).extractArticle(html, url);
}
