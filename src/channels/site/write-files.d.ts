export const TMP_DIR: string;
/** Empties the site's folder of temporary files (what a killed build left). */
export function clearTemporary(out: string): void;
export class FileWriter {
  constructor(out: string);
  /** Writes or (text null) removes files; throws an Error naming the file that failed. */
  write(files: [path: string, text: string | null][]): void;
}
