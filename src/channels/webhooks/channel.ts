// Signed announcements to webhooks (Slack, Discord, any JSON receiver): once per issue.

import { logDelivery } from '../../store/webhooks.ts';
import type { Channel } from '../channel.ts';

export const webhooksChannel: Channel = {
  name: 'webhooks',
  carries: 'announcement',
  idempotent: false,
  unconfigured: (deps) => (deps.publishing.webhooks?.length ? undefined : 'no webhooks configured'),
  async send({ store, stored, pub, issue, site, deps, now }) {
    const { callWebhook, hookTarget } = await import('./webhooks.ts');
    const { Fetcher } = await import('../../http/client.ts');
    const hooks = deps.publishing.webhooks ?? [];
    const failures: string[] = [];
    const fetcher = deps.fetcher ?? new Fetcher({ retries: 0 });
    try {
      for (const [k, h] of hooks.entries()) {
        const lang = h.lang ?? pub.primaryLang;
        // One id per issue and hook, the same on every try: a receiver can drop a repeat.
        const id = `msg_${pub.slug}_${issue.number}_${k}`;
        const announcement = { publication: pub.slug, number: issue.number, date: issue.date, title: site.title(issue, lang), url: site.abs(site.issuePath(issue.number, lang)), summary: site.summary(issue, lang) };
        await callWebhook(fetcher, h, announcement, {
          id,
          secret: deps.webhookSecret,
          now,
          onAttempt: (t) => logDelivery(store.db, { publication_id: stored.id, issue_number: issue.number, message_id: id, target: hookTarget(h.url), attempt: t.attempt, status: t.status, http_status: t.httpStatus, detail: t.detail, created_at: now().toISOString() }),
        }).catch((e: Error) => failures.push(e.message));
      }
    } finally {
      if (!deps.fetcher) await fetcher.close();
    }
    if (failures.length) throw new Error(failures.join('; '));
    return `${hooks.length} called${deps.webhookSecret ? ', signed' : ', unsigned (set PRESSROOM_WEBHOOK_SECRET to sign them)'}`;
  },
};
