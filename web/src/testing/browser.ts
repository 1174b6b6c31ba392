// For browser tests: Debian's Chromium driven by playwright-core. Without a Chromium the tests
// are skipped with a reason, unless PRESSROOM_REQUIRE_BROWSER=1 (as CI sets), which fails them.

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env.PRESSROOM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);

export function chromiumPath(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/** Why browser tests cannot run here, or undefined when they can. Throws when they must. */
export function browserSkip(): string | undefined {
  if (chromiumPath()) return undefined;
  const why = `no Chromium at ${CANDIDATES.join(', ')} (apt-get install chromium, or set PRESSROOM_CHROMIUM)`;
  if (process.env.PRESSROOM_REQUIRE_BROWSER === '1') throw new Error(`browser tests are required (PRESSROOM_REQUIRE_BROWSER=1) but there is ${why}`);
  return `browser tests skipped: ${why}`;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath()!,
    // This machine's network is closed: keep Chromium from calling home at every start.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
