/** An error in a Markdown file, naming the file and line: `docs/2024-12-01-weekly.md:14: item without a link`. */
export class MarkdownError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'MarkdownError';
  }
}
