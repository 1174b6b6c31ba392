// The configuration file (pressroom.config.json, or $PRESSROOM_CONFIG): settings that are not
// secrets. Secrets (tokens, passwords) come from the environment only.

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PrivatePolicy } from '../fetch/address-guard.ts';
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
