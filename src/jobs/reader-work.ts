// What the reader thread runs: the same functions as inline reading.
export { readFeed } from '../sources/feed/read.ts';
export { extractArticle } from '../html/extract.ts';
