// Table shapes as Kysely sees them. JSON columns are text on both backends.

import type { Generated } from 'kysely';

export interface PublicationsTable {
  id: Generated<number>;
  slug: string;
  /** The whole publication: names, languages, sections, house style (JSON). */
  config: string;
  created_at: string;
}

export interface IssuesTable {
  id: Generated<number>;
  publication_id: number;
  number: number;
  date: string;
  status: string;
  edition: string;
  created_at: string;
  updated_at: string;
}

export interface IssueEditionsTable {
  issue_id: number;
  lang: string;
  edition: string;
  title: string;
  description: string | null;
  /** EditionLayout JSON, null for editions laid out by the house style. */
  layout: string | null;
}

export interface ItemsTable {
  id: Generated<number>;
  issue_id: number;
  section: string;
  position: number;
  url: string | null;
  image: string | null;
  meta: string;
}

export interface ItemTextsTable {
  item_id: number;
  lang: string;
  title: string;
  blurb: string;
  suffix: string | null;
  note: string | null;
  image_alt: string | null;
  layout: string | null;
}

export interface Database {
  publications: PublicationsTable;
  issues: IssuesTable;
  issue_editions: IssueEditionsTable;
  items: ItemsTable;
  item_texts: ItemTextsTable;
}
