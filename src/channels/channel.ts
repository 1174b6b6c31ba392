// What every publishing channel implements. A channel says whether it is set up, sends one issue,
// and says whether sending again is safe: an idempotent channel (the site, the Git archive, the
// mail campaign, which resumes) runs on every publish and does only what is left; one that is not
// (a Telegram post, a webhook call) is sent once, and a publish after an "ok" skips it. The
// publish use case (app/publish.ts) runs them all the same way and logs each outcome.

import type { Issue, Publication } from '../core/model.ts';
import type { Fetcher } from '../http/client.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import type { Site } from './site/site.ts';
import type { CampaignProgress } from '../store/campaigns.ts';
import type { SmtpOptions } from './email/smtp.ts';
import type { TelegramOptions } from './telegram/telegram.ts';
import type { Publishing } from '../core/model.ts';

/** What channels are given: the settings in force and the clients of outside services. */
export interface ChannelDeps {
  /** Settings of the publication, with the configuration file's over them. */
  publishing: Publishing;
  siteUrl: string;
  /** Where `build-site` output goes on publish; none: the site is served live by `serve`. */
  siteDir?: string | undefined;
  secret: string;
  smtp?: SmtpOptions | undefined;
  telegram?: TelegramOptions | undefined;
  now?: () => Date;
  onCampaign?: (p: CampaignProgress) => void;
  /** The one HTTP client, for webhooks; default one with the private-address guard as the environment sets it. */
  fetcher?: Fetcher | undefined;
  /** Signs webhooks (PRESSROOM_WEBHOOK_SECRET, "whsec_…" or plain). */
  webhookSecret?: string | undefined;
  /** How long a claim on a scheduled publish, or a sender's claim on mails, holds without its server (default ten minutes). */
  claimMs?: number | undefined;
}

/** One issue going out: the issue (published), the publication as in force, and its addresses. */
export interface Delivery {
  store: Store;
  stored: StoredPublication;
  pub: Publication;
  issue: Issue;
  /** Titles, summaries and addresses of this issue, as the site shows them. */
  site: Site;
  deps: ChannelDeps;
  now: () => Date;
}

export interface Channel {
  /** The name in `--channels`, in the publish log and in `publishing.editions`. */
  name: string;
  /** What the channel carries: its edition (full or teaser, by `publishing.editions[name]`), or only the issue's title and link. */
  carries: 'edition' | 'announcement';
  /** Why the channel cannot go out as configured (it is then skipped, saying so), or undefined when it can. */
  unconfigured(deps: ChannelDeps): string | undefined;
  /** Whether sending again is safe; if not, a publish after an "ok" skips it. */
  idempotent: boolean;
  /** Sends the issue; says what was done, in a line for the editor. Throws when it failed. */
  send(d: Delivery): Promise<string>;
}
