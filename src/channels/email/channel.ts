// The issue mailed to every active subscriber: a campaign that resumes where it stopped.

import type { Channel } from '../channel.ts';

export const emailChannel: Channel = {
  name: 'email',
  carries: 'edition',
  idempotent: true,
  unconfigured: (deps) => (deps.smtp ? undefined : 'no SMTP server configured (PRESSROOM_SMTP_URL)'),
  async send({ store, stored, pub, issue, deps, now }) {
    const { createCampaign, runCampaign, campaignOptions } = await import('./outbox.ts');
    const c = await createCampaign(store.db, { ...stored, pub }, issue.number, now());
    const p = await runCampaign(store, { ...stored, pub }, c.id, campaignOptions(deps, deps.smtp!, now));
    return `${p.sent} sent${p.possiblyDuplicated ? ` (${p.possiblyDuplicated} possibly duplicated)` : ''}, ${p.failed} failed, ${p.remaining} remaining of ${p.total}${c.created ? '' : ' (resumed)'}`;
  },
};
