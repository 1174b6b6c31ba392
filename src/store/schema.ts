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
  /** Bumped by every change made in the editor; a writer states the revision it saw. */
  revision: Generated<number>;
  publish_at: string | null;
  publish_channels: string | null;
  /** The issue as readers have it (JSON), when it differs from its rows or may: see migration 0010. */
  live: string | null;
  live_at: string | null;
  published_at: string | null;
}

export interface IssueEditionsTable {
  issue_id: number;
  lang: string;
  edition: string;
  title: string;
  description: string | null;
  /** EditionLayout JSON, null for editions laid out by the house style. */
  layout: string | null;
  /** The file it was imported from, if any. */
  source: string | null;
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

export interface SourcesTable {
  id: Generated<number>;
  publication_id: number;
  kind: string;
  url: string;
  title: Generated<string>;
  weight: Generated<number>;
  lang: string | null;
  section: string | null;
  tags: Generated<string>;
  enabled: Generated<number>;
  etag: string | null;
  last_modified: string | null;
  last_fetched_at: string | null;
  next_fetch_at: string | null;
  error_count: Generated<number>;
  last_error: string | null;
  created_at: string;
  lease_until: string | null;
}

/** The marks of a feed's entries as last read and stored (sources/feed/marks.ts). */
export interface SourceMarksTable {
  source_id: number;
  salt: string;
  marks: string;
}

export interface CandidatesTable {
  id: Generated<number>;
  publication_id: number;
  /** Canonical URL: one candidate per link, whichever sources saw it. */
  url: string;
  title: string;
  /** Sanitised HTML. */
  summary: Generated<string>;
  author: string | null;
  published_at: string | null;
  lang: string | null;
  image: string | null;
  kind: string;
  section: string;
  tags: Generated<string>;
  engagement: Generated<number>;
  stars: number | null;
  star_gain: number | null;
  /** JSON: { url, type?, length?, duration? } of an episode's file. */
  enclosure?: string | null;
  status: Generated<string>;
  note: string | null;
  first_seen_at: string;
  updated_at: string;
  /** From the article page, when extracted. */
  content_text: string | null;
  excerpt: string | null;
  reading_minutes: number | null;
  extracted_at: string | null;
  extract_error: string | null;
}

export interface SightingsTable {
  candidate_id: number;
  source_id: number;
  link: string;
  engagement: Generated<number>;
  comments: Generated<number>;
  seen_at: string;
}

export interface RepoSnapshotsTable {
  repo: string;
  taken_at: string;
  stars: number;
  forks: Generated<number>;
}

export interface LinkChecksTable {
  publication_id: number;
  url: string;
  status: 'ok' | 'redirected' | 'dead' | 'error';
  http_status: number | null;
  final_url: string | null;
  error: string | null;
  etag: string | null;
  last_modified: string | null;
  checked_at: string;
}

export interface LinkSweepsTable {
  id: Generated<number>;
  publication_id: number;
  since: string | null;
  started_at: string;
  finished_at: string | null;
  total: Generated<number>;
}

export interface RepoStatesTable {
  repo: string;
  state: 'active' | 'archived' | 'gone';
  checked_at: string;
}

export interface LinkClicksTable {
  publication_id: number;
  issue_number: number;
  url: string;
  day: string;
  clicks: Generated<number>;
}

export interface HeldMailTable {
  id: Generated<number>;
  publication_id: number;
  sender: string;
  subject: string;
  received_at: string;
  raw: string;
}

export interface FeedReadersTable {
  publication_id: number;
  reader: string;
  feed: string;
  day: string;
  requests: Generated<number>;
  subscribers: number | null;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: Generated<string>;
  role: 'owner' | 'editor';
  password_hash: string;
  created_at: string;
  locale: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface InvitationsTable {
  token_hash: string;
  email: string;
  role: 'owner' | 'editor';
  invited_by: number | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
}

export interface IssueRevisionsTable {
  issue_id: number;
  revision: number;
  user_id: number | null;
  created_at: string;
  summary: string;
  /** EditOp[] JSON */
  ops: string;
  /** EditOp[] JSON that undoes ops */
  inverse: string;
  /** string[] JSON: the fields ops changed, to tell conflicting writes from independent ones */
  touched: string;
  undoes: number | null;
  undone_by: number | null;
}

export interface LlmCacheTable {
  key: string;
  model: string;
  output: string;
  prompt_tokens: Generated<number>;
  completion_tokens: Generated<number>;
  created_at: string;
}

export interface LlmUsageTable {
  id: Generated<number>;
  publication_id: number;
  issue_number: number | null;
  purpose: string;
  model: string;
  prompt_tokens: number;
  completion_tokens: number;
  cached: Generated<number>;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface SubscribersTable {
  id: Generated<number>;
  publication_id: number;
  email: string;
  lang: string;
  status: string;
  member: Generated<number>;
  name: Generated<string>;
  source: Generated<string>;
  created_at: string;
  confirmed_at: string | null;
  unsubscribed_at: string | null;
}

export interface SuppressionsTable {
  publication_id: number;
  email: string;
  reason: string;
  detail: Generated<string>;
  created_at: string;
}

export interface CampaignsTable {
  id: Generated<number>;
  publication_id: number;
  issue_number: number;
  status: string;
  created_at: string;
  finished_at: string | null;
}

export interface CampaignMessagesTable {
  id: Generated<number>;
  campaign_id: number;
  subscriber_id: number;
  email: string;
  lang: string;
  edition: string;
  status: string;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_at: string | null;
  sent_at: string | null;
  error: string | null;
  dot_at: string | null;
  duplicate: Generated<number>;
}

export interface PublishLogTable {
  id: Generated<number>;
  publication_id: number;
  issue_number: number;
  channel: string;
  status: string;
  detail: Generated<string>;
  created_at: string;
}

export interface MemberSessionsTable {
  id: string;
  publication_id: number;
  email: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  user_agent: Generated<string>;
}

export interface UsedTokensTable {
  hash: string;
  used_at: string;
  expires_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: string;
}

export interface KnownLoginsTable {
  id: Generated<number>;
  user_id: number;
  address: string;
  last_at: string;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  publication_id: number;
  issue_number: number;
  message_id: string;
  /** Scheme, host and path: no query, where some services keep a secret. */
  target: string;
  attempt: number;
  status: 'ok' | 'failed';
  http_status: number | null;
  detail: Generated<string>;
  created_at: string;
}

export interface PostsTable {
  id: Generated<number>;
  publication_id: number;
  slug: string;
  lang: string;
  kind: string;
  date: string;
  title: string;
  body: string;
  status: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface Database {
  publications: PublicationsTable;
  issues: IssuesTable;
  issue_editions: IssueEditionsTable;
  items: ItemsTable;
  item_texts: ItemTextsTable;
  sources: SourcesTable;
  source_marks: SourceMarksTable;
  candidates: CandidatesTable;
  sightings: SightingsTable;
  repo_snapshots: RepoSnapshotsTable;
  link_checks: LinkChecksTable;
  link_sweeps: LinkSweepsTable;
  link_clicks: LinkClicksTable;
  repo_states: RepoStatesTable;
  feed_readers: FeedReadersTable;
  held_mail: HeldMailTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  issue_revisions: IssueRevisionsTable;
  llm_cache: LlmCacheTable;
  llm_usage: LlmUsageTable;
  settings: SettingsTable;
  subscribers: SubscribersTable;
  suppressions: SuppressionsTable;
  campaigns: CampaignsTable;
  campaign_messages: CampaignMessagesTable;
  publish_log: PublishLogTable;
  member_sessions: MemberSessionsTable;
  used_tokens: UsedTokensTable;
  login_throttle: LoginThrottleTable;
  known_logins: KnownLoginsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  posts: PostsTable;
}
