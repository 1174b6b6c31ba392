// What the inbox shows of a candidate: the server sends it, the editor app lists it.

/** A candidate as the inbox lists it: what triage needs, without the article text. */
export interface InboxRow {
  id: number;
  url: string;
  title: string;
  excerpt: string;
  section: string;
  kind: string;
  lang: string | null;
  tags: string[];
  score: number;
  explanation: string;
  sources: { id: number; kind: string; title: string }[];
  stars: number | null;
  starGain: number | null;
  engagement: number;
  featuredIn: number | null;
  duplicateOf: number | null;
  publishedAt: string | null;
  firstSeenAt: string;
  status: string;
  note: string | null;
  submitted: boolean;
}
