// One Chromium with the two viewports the browser tests act in: a desktop and a phone (390×844, touch).
import type { Browser, BrowserContext } from 'playwright-core';

import { launchChromium } from './stack.ts';

export interface Viewports {
  browser: Browser;
  desktop: BrowserContext;
  phone: BrowserContext;
  close(): Promise<void>;
}

export async function openViewports(): Promise<Viewports> {
  const browser = await launchChromium();
  const desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  return {
    browser,
    desktop,
    phone,
    async close() {
      await phone.close();
      await desktop.close();
      await browser.close();
    },
  };
}
