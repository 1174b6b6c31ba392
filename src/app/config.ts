// The configuration, resolved once and the same for the server, the CLI and the workers. Three
// layers, each over the one before: the publication's settings in the database, the configuration
// file (pressroom.config.json, or $PRESSROOM_CONFIG), then the environment. Secrets (tokens,
// passwords, keys) come from the environment only and are never in the file or the database.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Publication, Publishing } from '../core/model.ts';

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
  const { siteDir: _dir, checkSeconds: _check, ...file } = config.publishing ?? {};
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
