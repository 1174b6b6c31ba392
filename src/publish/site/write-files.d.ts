export class FileWriter {
  /** Writes or (text null) removes files; throws an Error naming the file that failed. */
  write(files: [path: string, text: string | null][]): void;
}
