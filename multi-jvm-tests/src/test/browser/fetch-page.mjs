// Opens one page in Debian's headless Chromium and prints what the page left in window.floeResults, as JSON on one
// line. Usage: node fetch-page.mjs <page URL> [timeout ms]. The page does the fetching (see BrowserPage.java);
// this script only drives the browser, so what is checked is what a web page can do.
import { launchChromium } from './chromium.mjs';

const [pageUrl, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText ?? 30000);
const browser = await launchChromium(timeout);
try {
  const page = await browser.newPage();
  page.on('console', (message) => process.stderr.write(`[page] ${message.text()}\n`));
  await page.goto(pageUrl, { timeout });
  const results = await page.waitForFunction(() => window.floeResults, null, { timeout });
  process.stdout.write(JSON.stringify(await results.jsonValue()) + '\n');
} finally {
  await browser.close();
}
