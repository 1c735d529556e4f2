// Drives Debian's headless Chromium on the gateway's dashboard (GET /dashboard). Two uses:
//   node dashboard.mjs watch <dashboard URL> <node count> <victim node ID> <timeout ms>
//     waits until the page shows <node count> storage nodes all up, prints {"event":"allUp",...} on one line, then
//     waits until the victim's row shows it down and prints {"event":"down","afterMillis":N}; exits 1 on a timeout.
//     The test kills the victim after reading the first line (NetworkSurvivesNodeFailuresTest).
//   node dashboard.mjs screenshot <dashboard URL> <PNG path> [timeout ms]
//     waits until the page has polled a few times and shows every node, then writes a full-page PNG
//     (bench/dashboard-screenshot.sh).
// The page is read as a person sees it: rows of the node table carry data-node and data-state.
import { launchChromium } from './chromium.mjs';

const [mode, url, ...rest] = process.argv.slice(2);
const log = (message) => process.stderr.write(`[dashboard] ${message}\n`);
const print = (event) => process.stdout.write(JSON.stringify(event) + '\n');

const browser = await launchChromium();
let exitCode = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => log(`[page] ${message.text()}`));
  if (mode === 'watch') {
    await watch(page, Number(rest[0]), rest[1], Number(rest[2] ?? 30000));
  } else if (mode === 'screenshot') {
    await screenshot(page, rest[0], Number(rest[1] ?? 30000));
  } else {
    throw new Error(`unknown mode ${mode}: watch or screenshot`);
  }
} catch (error) {
  log(String(error?.stack ?? error));
  exitCode = 1;
} finally {
  await browser.close();
}
process.exit(exitCode);

/** The node table as the page shows it: [{id, state}]. */
function rows(page) {
  return page.$$eval('tr[data-node]', (trs) => trs.map((tr) => ({ id: tr.dataset.node, state: tr.dataset.state })));
}

async function watch(page, nodes, victim, timeout) {
  await page.goto(url, { timeout });
  await page.waitForFunction((n) => {
    const trs = [...document.querySelectorAll('tr[data-node]')];
    return trs.length === n && trs.every((tr) => tr.dataset.state === 'up');
  }, nodes, { timeout, polling: 100 });
  print({ event: 'allUp', nodes: await rows(page) });
  const started = Date.now();
  try {
    await page.waitForFunction((id) => {
      const tr = document.querySelector(`tr[data-node="${CSS.escape(id)}"]`);
      return tr !== null && tr.dataset.state === 'down';
    }, victim, { timeout, polling: 100 });
  } catch (error) {
    throw new Error(`${victim} was not shown down within ${timeout} ms; rows: ${JSON.stringify(await rows(page))}`);
  }
  print({ event: 'down', afterMillis: Date.now() - started, nodes: await rows(page) });
}

async function screenshot(page, out, timeout) {
  await page.goto(url, { timeout });
  // A few polls, so the rates' sparklines have points and every node's health has arrived.
  await page.waitForFunction(() => Number(document.body.dataset.polls || 0) >= 4
    && document.querySelectorAll('tr[data-node]').length > 0
    && [...document.querySelectorAll('tr[data-node] td:nth-child(4)')].every((td) => td.textContent !== '…'),
  null, { timeout, polling: 200 });
  await page.screenshot({ path: out, fullPage: true });
  print({ event: 'screenshot', path: out, nodes: await rows(page) });
}
