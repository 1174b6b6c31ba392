// The Chromium that prints PDFs and renders screenshots: Debian's, or the one
// PRESSROOM_CHROMIUM names. playwright-core drives it and is loaded only when it is needed.

import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

const CANDIDATES = () => [process.env.PRESSROOM_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);

export function chromiumPath(): string | undefined {
  return CANDIDATES().find((p) => existsSync(p));
}

export function noChromium(): string {
  return `no Chromium at ${CANDIDATES().join(', ')} (apt-get install chromium, or set PRESSROOM_CHROMIUM)`;
}

export async function launchChromium(): Promise<Browser> {
  const path = chromiumPath();
  if (!path) throw new Error(noChromium());
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: path,
    // Nothing of Chromium's own calls home: this machine's network may be closed, and a server's should be quiet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
