// Launches Debian's headless Chromium (FLOE_CHROMIUM, default /usr/bin/chromium) the way every browser scenario needs
// it: no sandbox (tests may run as root), no GPU, no background traffic. Playwright gives every launch a fresh
// temporary profile (user data dir) and removes it on close.
import { chromium } from 'playwright-core';

export function launchChromium(timeout = 30000) {
  return chromium.launch({
    executablePath: process.env.FLOE_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    timeout,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
