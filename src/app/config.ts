// The configuration, resolved once and the same for the server, the CLI and the workers. Three
// layers, each over the one before: the publication's settings in the database, the configuration
// file (pressroom.config.json, or $PRESSROOM_CONFIG), then the environment. Secrets (tokens,
// passwords, keys) come from the environment only and are never in the file or the database.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Publication, Publishing } from '../core/model.ts';
import { CHANNEL_LIST } from '../channels/registry.ts';
import { PLATFORM_KINDS, SOURCE_KIND_INFO } from '../sources/kinds.ts';

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
  publishing?: Publishing & { siteDir?: string; checkSeconds?: number; claimSeconds?: number };
  /** SMTP connections and rate; the server itself is PRESSROOM_SMTP_URL. */
  mail?: { pool?: number; ratePerSecond?: number };
}

/** The path of the configuration file in force. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.PRESSROOM_CONFIG ?? 'pressroom.config.json');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const path = configPath(env);
  if (!existsSync(path)) {
    if (env.PRESSROOM_CONFIG) throw new Error(`config: ${path}: no such file (PRESSROOM_CONFIG names it)`);
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`config: ${path}: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`config: ${path}: must be a JSON object`);
  return parsed as Config;
}

/** Publishing settings in force: the publication's, then the file's over them, then the environment's. */
export function effectivePublishing(pub: Publication, config: Config, env: NodeJS.ProcessEnv = process.env): Publishing {
  const { siteDir: _dir, checkSeconds: _check, claimSeconds: _claim, ...file } = config.publishing ?? {};
  const out: Publishing = { ...pub.publishing, ...file };
  if (pub.publishing?.editions || file.editions) out.editions = { ...pub.publishing?.editions, ...file.editions };
  if (env.PRESSROOM_SITE_URL) out.siteUrl = env.PRESSROOM_SITE_URL;
  if (out.siteUrl !== undefined) out.siteUrl = checkSiteUrl(out.siteUrl);
  return out;
}

/** The publication as every part of Pressroom must see it: with the publishing settings in force. */
export function effectivePublication(pub: Publication, config: Config, env: NodeJS.ProcessEnv = process.env): Publication {
  return { ...pub, publishing: effectivePublishing(pub, config, env) };
}

/** A site address must be an absolute http(s) URL without credentials, query or fragment. */
export function checkSiteUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`config: the site address ${JSON.stringify(url)} is not a URL (e.g. https://weekly.example.com)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`config: the site address ${JSON.stringify(url)} is not http or https`);
  if (u.username || u.password || u.search || u.hash) throw new Error(`config: the site address ${JSON.stringify(url)} may not hold credentials, a query or a fragment`);
  return url.replace(/\/+$/, '');
}

export type SettingSource = 'database' | 'file' | 'environment' | 'default';

export interface Setting {
  key: string;
  value: string;
  from: SettingSource;
}

/** Environment variables that are secrets: shown as set or not, never their value. */
const SECRETS = ['PRESSROOM_SECRET', 'PRESSROOM_TELEGRAM_TOKEN', 'PRESSROOM_LLM_API_KEY', 'OPENAI_API_KEY', 'PRESSROOM_WEBHOOK_SECRET', 'PRESSROOM_MAIL_WEBHOOK_SECRET', 'GITHUB_TOKEN', 'PRESSROOM_OWNER_PASSWORD'];
/** Environment variables that are addresses, shown with any password masked. */
const ADDRESSES = ['PRESSROOM_DB', 'PRESSROOM_SMTP_URL', 'PRESSROOM_TELEGRAM_API', 'PRESSROOM_LLM_BASE_URL', ...PLATFORM_KINDS.map((k) => SOURCE_KIND_INFO[k].api.env)];
const PLAIN = ['PRESSROOM_CONFIG', 'PRESSROOM_LLM_MODEL', 'PRESSROOM_TRUST_PROXY', 'PRESSROOM_FETCH_ALLOW_PRIVATE', 'PRESSROOM_SITE_DIR', 'PRESSROOM_OWNER_EMAIL', 'PORT', 'HOST'];

/** An address with its password (and any token in a query) masked. */
export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    for (const k of [...u.searchParams.keys()]) if (/token|key|secret|password/i.test(k)) u.searchParams.set(k, '****');
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Every setting in force, with where it came from (the order: database, then file, then
 * environment; later wins), secrets masked: what `pressroom config show` prints.
 */
export function describeSettings(pub: Publication, config: Config, env: NodeJS.ProcessEnv = process.env): Setting[] {
  const out: Setting[] = [];
  const db = pub.publishing ?? {};
  const file = config.publishing ?? {};
  const put = (key: string, value: unknown, from: SettingSource) => out.push({ key, value: typeof value === 'string' ? value : JSON.stringify(value), from });
  const layered = (key: string, dbValue: unknown, fileValue: unknown, envValue?: string) => {
    if (envValue !== undefined) put(key, envValue, 'environment');
    else if (fileValue !== undefined) put(key, fileValue, 'file');
    else if (dbValue !== undefined) put(key, dbValue, 'database');
  };
  layered('publishing.siteUrl', db.siteUrl, file.siteUrl, env.PRESSROOM_SITE_URL);
  if (!db.siteUrl && !file.siteUrl && !env.PRESSROOM_SITE_URL) put('publishing.siteUrl', '(none: mailed links use the address serve listens at; the CLI refuses to mail)', 'default');
  for (const ch of CHANNEL_LIST.filter((c) => c.carries === 'edition').map((c) => c.name)) {
    const v = file.editions?.[ch] ?? db.editions?.[ch];
    put(`publishing.editions.${ch}`, v ?? 'full', file.editions?.[ch] ? 'file' : db.editions?.[ch] ? 'database' : 'default');
  }
  layered('publishing.unlock', db.unlock, file.unlock);
  layered('publishing.mailFrom', db.mailFrom, file.mailFrom);
  layered('publishing.telegram', db.telegram, file.telegram);
  layered('publishing.git', db.git ? { ...db.git, ...(db.git.remote ? { remote: maskUrl(db.git.remote) } : {}) } : undefined, file.git ? { ...file.git, ...(file.git.remote ? { remote: maskUrl(file.git.remote) } : {}) } : undefined);
  const hooks = file.webhooks ?? db.webhooks;
  if (hooks) put('publishing.webhooks', hooks.map((h) => `${h.kind} ${maskUrl(h.url).replace(/\/[^/]{12,}$/, '/…')}`).join(', '), file.webhooks ? 'file' : 'database');
  if (config.publishing?.siteDir || env.PRESSROOM_SITE_DIR) put('publishing.siteDir', env.PRESSROOM_SITE_DIR ?? config.publishing!.siteDir!, env.PRESSROOM_SITE_DIR ? 'environment' : 'file');
  for (const group of ['collect', 'queue', 'fetch', 'mail', 'llm'] as const) {
    for (const [k, v] of Object.entries(config[group] ?? {})) put(`${group}.${k}`, v, 'file');
  }
  for (const name of PLAIN) if (env[name] !== undefined) put(name, env[name]!, 'environment');
  for (const name of ADDRESSES) if (env[name] !== undefined) put(name, maskUrl(env[name]!), 'environment');
  for (const name of SECRETS) put(name, env[name] ? '(set)' : '(not set)', env[name] ? 'environment' : 'default');
  return out;
}
