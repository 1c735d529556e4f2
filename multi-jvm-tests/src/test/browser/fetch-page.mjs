// Opens one page in Debian's headless Chromium and prints what the page left in window.floeResults, as JSON on one
// line. Usage: node fetch-page.mjs <page URL> [timeout ms]. The page does the fetching (see BrowserPage.java);
// this script only drives the browser, so what is checked is what a web page can do.
import { chromium } from 'playwright-core';

const [pageUrl, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText ?? 30000);
const browser = await chromium.launch({
  executablePath: process.env.FLOE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  timeout,
  // Playwright gives every launch a fresh temporary profile (user data dir) and removes it on close.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  await page.goto(pageUrl, { timeout });
  const results = await page.waitForFunction(() => window.floeResults, null, { timeout });
  process.stdout.write(JSON.stringify(await results.jsonValue()) + '\n');
} finally {
  await browser.close();
}
