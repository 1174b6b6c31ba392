// Every publishing channel, in the order a publish runs them. Adding one (Mastodon, Bluesky…) is a
// folder with its channel.ts and a line here. Each channel loads its heavy parts only when it
// sends, so reading this list (for `--channels`, the help, the editor) costs nothing.

import type { Channel } from './channel.ts';
import { emailChannel } from './email/channel.ts';
import { gitChannel } from './git/channel.ts';
import { feedChannel, siteChannel } from './site/channel.ts';
import { telegramChannel } from './telegram/channel.ts';
import { webhooksChannel } from './webhooks/channel.ts';

export const CHANNEL_LIST: readonly Channel[] = [siteChannel, feedChannel, emailChannel, telegramChannel, gitChannel, webhooksChannel];

export const CHANNEL_NAMES: readonly string[] = CHANNEL_LIST.map((c) => c.name);

export function channelNamed(name: string): Channel | undefined {
  return CHANNEL_LIST.find((c) => c.name === name);
}
