// What Pressroom runs with, resolved in one place for the CLI's commands, the server and the
// workers alike: the configuration (app/config.ts: database, then file, then environment), the
// publishing dependencies, the HTTP client's settings, the platforms' API addresses and the SMTP
// server. Secrets (tokens, passwords, keys) come from the environment only. Nothing here opens a
// connection or loads a client library, so a command that needs none of them starts at once.

import type { Publishing } from '../core/model.ts';
import type { PrivatePolicy } from '../http/address-guard.ts';
import type { FetcherOptions } from '../http/client.ts';
import type { SmtpOptions } from '../channels/email/smtp.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { signingSecret } from '../store/settings.ts';
import { effectivePublishing, loadConfig, type Config } from './config.ts';
import type { PublishDeps } from './publish.ts';

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
    smtp: smtpSettings(config, env),
    telegram: token ? { token, baseUrl: env.PRESSROOM_TELEGRAM_API } : undefined,
    webhookSecret: env.PRESSROOM_WEBHOOK_SECRET,
    ...(config.publishing?.claimSeconds ? { claimMs: config.publishing.claimSeconds * 1000 } : {}),
  };
}

/** The SMTP server mail goes through (PRESSROOM_SMTP_URL), with the file's pool and rate; none: mail is off. */
export function smtpSettings(config: Config = {}, env = process.env): SmtpOptions | undefined {
  const url = env.PRESSROOM_SMTP_URL;
  if (!url) return undefined;
  const mail = config.mail ?? {};
  return { url, ...(mail.pool ? { pool: mail.pool } : {}), ratePerSecond: env.PRESSROOM_SMTP_RATE ? Number(env.PRESSROOM_SMTP_RATE) : mail.ratePerSecond, insecureTls: env.PRESSROOM_SMTP_INSECURE_TLS === '1' };
}

/** Whether requests may reach private networks: PRESSROOM_FETCH_ALLOW_PRIVATE, else the file's fetch.allowPrivate, else never. */
export function privatePolicy(config: Config = {}, env = process.env): PrivatePolicy {
  const v = env.PRESSROOM_FETCH_ALLOW_PRIVATE;
  if (v === '1' || v === 'true') return 'allow';
  if (v === 'loopback') return 'loopback';
  if (config.fetch?.allowPrivate === true) return 'allow';
  if (config.fetch?.allowPrivate === 'loopback') return 'loopback';
  return 'deny';
}

/** The one HTTP client's settings: `new Fetcher(fetcherOptions(config))`. */
export function fetcherOptions(config: Config = {}, env = process.env, extra: FetcherOptions = {}): FetcherOptions {
  const f = config.fetch ?? {};
  return {
    privateAddresses: privatePolicy(config, env),
    ...(f.timeoutMs ? { timeoutMs: f.timeoutMs } : {}),
    ...(f.maxBytes ? { maxBytes: f.maxBytes } : {}),
    ...(f.concurrency ? { concurrency: f.concurrency } : {}),
    ...(f.perHost ? { perHost: f.perHost } : {}),
    ...(f.hostDelayMs !== undefined ? { hostDelayMs: f.hostDelayMs } : {}),
    ...(f.retries !== undefined ? { retries: f.retries } : {}),
    ...(f.backoffMs !== undefined ? { backoffMs: f.backoffMs } : {}),
    ...extra,
  };
}
