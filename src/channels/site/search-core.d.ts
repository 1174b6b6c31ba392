export type SearchEntry = [issue: number, section: string, title: string, text: string, url: string];
export interface SearchHit {
  entry: SearchEntry;
  score: number;
}
export function queryTerms(q: string): string[];
export function search(entries: SearchEntry[], q: string, limit?: number): { terms: string[]; total: number; hits: SearchHit[] };
export function escapeHtml(s: string): string;
export function mark(s: string, terms: string[]): string;
export function snippet(s: string, terms: string[], width?: number): string;
