// The configuration file (pressroom.config.json, or $PRESSROOM_CONFIG): settings that are not
// secrets. Secrets (tokens, passwords) come from the environment only.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Publishing } from '../core/model.ts';
import type { PrivatePolicy } from '../fetch/address-guard.ts';
import { smtpFromEnv } from '../publish/mail/smtp.ts';
import type { PublishDeps } from '../publish/publish.ts';
import type { Store } from '../store/db.ts';
import type { StoredPublication } from '../store/publications.ts';
import { signingSecret } from '../store/settings.ts';
import { Fetcher, privatePolicyFromEnv, type FetcherOptions } from '../fetch/client.ts';

export interface Config {
  collect?: {
    /** Entries older than this many days are not candidates (default 30). */
    maxAgeDays?: number;
    /** How often `serve` and workers look for due sources (default 60). */
    intervalSeconds?: number;
  };
  queue?: {
    expireInSeconds?: number;
    maintenanceIntervalSeconds?: number;
    pollingIntervalSeconds?: number;
  };
  fetch?: {
    /** true: private networks too; "loopback": this machine only. */
    allowPrivate?: boolean | 'loopback';
    timeoutMs?: number;
    maxBytes?: number;
    concurrency?: number;
    perHost?: number;
    hostDelayMs?: number;
    retries?: number;
    backoffMs?: number;
  };
  /** An OpenAI-compatible chat completions server; its key comes from PRESSROOM_LLM_API_KEY. */
  llm?: { baseUrl?: string; model?: string };
  /** Over the publication's own publishing settings (site address, editions per channel, Telegram chat, Git archive, webhooks). */
  publishing?: Publishing & { siteDir?: string; checkSeconds?: number };
  /** SMTP connections and rate; the server itself is PRESSROOM_SMTP_URL. */
  mail?: { pool?: number; ratePerSecond?: number };
}

/** What publishing needs, from the publication, the configuration file and the environment. */
export async function publishDeps(store: Store, stored: StoredPublication, config: Config, env = process.env): Promise<PublishDeps> {
  const { siteDir, checkSeconds: _check, ...over } = config.publishing ?? {};
  const publishing: Publishing = { ...stored.pub.publishing, ...over };
  const token = env.PRESSROOM_TELEGRAM_TOKEN;
  return {
    publishing,
    siteUrl: publishing.siteUrl ?? env.PRESSROOM_SITE_URL ?? `http://127.0.0.1:${env.PORT ?? 8080}`,
    siteDir: env.PRESSROOM_SITE_DIR ?? siteDir,
    secret: await signingSecret(store.db, env),
    smtp: smtpFromEnv(env, config.mail),
    telegram: token ? { token, baseUrl: env.PRESSROOM_TELEGRAM_API } : undefined,
  };
}

export function loadConfig(env = process.env): Config {
  const path = resolve(env.PRESSROOM_CONFIG ?? 'pressroom.config.json');
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Config;
  } catch (e) {
    throw new Error(`config: ${path}: ${(e as Error).message}`);
  }
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
