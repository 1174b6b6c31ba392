// The issue posted to a Telegram channel by a bot: once per issue.

import type { Channel } from '../channel.ts';

export const telegramChannel: Channel = {
  name: 'telegram',
  carries: 'edition',
  idempotent: false,
  unconfigured(deps) {
    if (!deps.publishing.telegram?.chatId) return 'no Telegram channel configured (publishing.telegram.chatId)';
    if (!deps.telegram) return 'no bot token (PRESSROOM_TELEGRAM_TOKEN)';
    return undefined;
  },
  async send({ pub, issue, deps }) {
    const { postIssue, TelegramClient } = await import('./telegram.ts');
    const t = deps.publishing.telegram!;
    const client = new TelegramClient(deps.telegram!);
    const r = await postIssue(client, t.chatId, issue, pub, t.lang ?? pub.primaryLang).finally(() => client.close());
    return `${r.messages} messages${r.photo ? ' with the cover' : ''} to ${t.chatId}`;
  },
};
