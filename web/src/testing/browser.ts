// For browser tests: Debian's Chromium driven by playwright-core (src/lookback/chromium.ts finds
// and launches it). Without a Chromium the tests are skipped with a reason, unless
// PRESSROOM_REQUIRE_BROWSER=1 (as CI sets), which fails them.

import { chromiumPath, launchChromium, noChromium } from '../../../src/lookback/chromium.ts';

export { chromiumPath };
export const launch = launchChromium;

/** Why browser tests cannot run here, or undefined when they can. Throws when they must. */
export function browserSkip(): string | undefined {
  if (chromiumPath()) return undefined;
  const why = noChromium();
  if (process.env.PRESSROOM_REQUIRE_BROWSER === '1') throw new Error(`browser tests are required (PRESSROOM_REQUIRE_BROWSER=1) but there is ${why}`);
  return `browser tests skipped: ${why}`;
}
