// For browser tests: Debian's Chromium driven by playwright-core (src/lookback/chromium.ts finds
// and launches it). Without a Chromium the tests are skipped with a reason, unless
// PRESSROOM_REQUIRE_BROWSER=1 (as CI sets), which fails them.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
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

/** Screenshots of the page as it is, at 1440 and 390 px wide, light and dark: DIR/NAME-WIDTH-SCHEME.png. */
export async function shootAll(page: Page, dir: string, name: string, opts: { fullPage?: (width: number) => boolean } = {}): Promise<void> {
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(dir, `${name}-${w}-${scheme}.png`), fullPage: opts.fullPage?.(w) ?? false });
    }
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}
