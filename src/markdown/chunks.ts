// Splits a Markdown body into chunks: runs of non-blank lines, with heading and item lines
// always standing alone. The text between chunks is kept exactly, so nothing is lost.

export interface Chunk {
  text: string;
  /** 1-based line number of the chunk's first line in the file. */
  line: number;
  /** The exact text between the previous chunk (or the start) and this one. */
  sep: string;
}

export interface Chunked {
  chunks: Chunk[];
  /** Text after the last chunk. */
  end: string;
}

/**
 * @param text the body, LF line endings
 * @param firstLine line number of the body's first line in the file
 * @param alone lines that must form a chunk of their own (headings, item lines)
 */
export function chunk(text: string, firstLine: number, alone: (line: string) => boolean): Chunked {
  const chunks: Chunk[] = [];
  let prevEnd = 0;
  let cur: { start: number; end: number; line: number } | null = null;
  const flush = () => {
    if (!cur) return;
    chunks.push({ text: text.slice(cur.start, cur.end), line: cur.line, sep: text.slice(prevEnd, cur.start) });
    prevEnd = cur.end;
    cur = null;
  };
  let pos = 0;
  let lineNo = firstLine;
  while (pos <= text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    if (/^[ \t\u3000]*$/.test(line)) {
      flush();
    } else if (alone(line)) {
      flush();
      cur = { start: pos, end: lineEnd, line: lineNo };
      flush();
    } else if (cur) {
      cur.end = lineEnd;
    } else {
      cur = { start: pos, end: lineEnd, line: lineNo };
    }
    if (nl === -1) break;
    pos = nl + 1;
    lineNo++;
  }
  flush();
  return { chunks, end: text.slice(prevEnd) };
}
