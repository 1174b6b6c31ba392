// What the CLI's commands build from the configuration (resolved in app/config.ts): publishing's
// dependencies and the fetcher. Secrets (tokens, passwords) come from the environment only.

import type { Publishing } from '../core/model.ts';
import { effectivePublishing, loadConfig, type Config } from '../app/config.ts';
import type { PrivatePolicy } from '../fetch/address-guard.ts';
import { smtpFromEnv } from '../publish/mail/smtp.ts';
import type { PublishDeps } from '../publish/publish.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { signingSecret } from '../store/settings.ts';
import { Fetcher, privatePolicyFromEnv, type FetcherOptions } from '../fetch/client.ts';

export { loadConfig, type Config };

/** What publishing needs, from the publication, the configuration file and the environment. */
export async function publishDeps(store: Store, stored: StoredPublication, config: Config, env = process.env): Promise<PublishDeps> {
  const siteDir = config.publishing?.siteDir;
  const publishing: Publishing = effectivePublishing(stored.pub, config, env);
  const token = env.PRESSROOM_TELEGRAM_TOKEN;
  return {
    publishing,
    siteUrl: publishing.siteUrl ?? `http://127.0.0.1:${env.PORT ?? 8080}`,
    siteDir: env.PRESSROOM_SITE_DIR ?? siteDir,
    secret: await signingSecret(store.db, env),
    smtp: smtpFromEnv(env, config.mail),
    telegram: token ? { token, baseUrl: env.PRESSROOM_TELEGRAM_API } : undefined,
    webhookSecret: env.PRESSROOM_WEBHOOK_SECRET,
    ...(config.publishing?.claimSeconds ? { claimMs: config.publishing.claimSeconds * 1000 } : {}),
  };
}

export function fetcherFromConfig(config: Config, env = process.env, extra: FetcherOptions = {}): Fetcher {
  const f = config.fetch ?? {};
  let policy: PrivatePolicy = privatePolicyFromEnv(env);
  if (policy === 'deny' && f.allowPrivate === true) policy = 'allow';
  if (policy === 'deny' && f.allowPrivate === 'loopback') policy = 'loopback';
  return new Fetcher({
    privateAddresses: policy,
    ...(f.timeoutMs ? { timeoutMs: f.timeoutMs } : {}),
    ...(f.maxBytes ? { maxBytes: f.maxBytes } : {}),
    ...(f.concurrency ? { concurrency: f.concurrency } : {}),
    ...(f.perHost ? { perHost: f.perHost } : {}),
    ...(f.hostDelayMs !== undefined ? { hostDelayMs: f.hostDelayMs } : {}),
    ...(f.retries !== undefined ? { retries: f.retries } : {}),
    ...(f.backoffMs !== undefined ? { backoffMs: f.backoffMs } : {}),
    ...extra,
  });
}
