// Telling other places an issue is out: a generic JSON document, or Slack's and Discord's
// incoming-webhook messages.

import type { Webhook } from '../core/model.ts';

export interface Announcement {
  publication: string;
  number: number;
  date: string;
  title: string;
  url: string;
  summary: string;
}

export function webhookBody(hook: Webhook, a: Announcement): unknown {
  switch (hook.kind) {
    case 'slack':
      return { text: `<${a.url}|${a.title.replace(/[<>&]/g, '')}>\n${a.summary}`, unfurl_links: true };
    case 'discord':
      return { content: `**${a.title}**\n${a.summary}\n${a.url}`.slice(0, 2000), allowed_mentions: { parse: [] } };
    default:
      return { event: 'issue.published', ...a };
  }
}

export async function callWebhook(hook: Webhook, a: Announcement): Promise<void> {
  let res: Response;
  try {
    res = await fetch(hook.url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'Pressroom' }, body: JSON.stringify(webhookBody(hook, a)), signal: AbortSignal.timeout(15_000) });
  } catch (e) {
    throw new Error(`webhook ${new URL(hook.url).host}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new Error(`webhook ${new URL(hook.url).host}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}
