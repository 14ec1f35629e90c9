// Accessibility of the desk's pages: opens each URL in the system's headless Chromium with the
// session cookie, runs axe-core in the page and prints every serious or critical violation as
// one JSON line. With a SHOTS folder (not "-") it also saves a screenshot of each page as
// SHOTS/<path>.png and of the page's first chart as SHOTS/<path>-chart.png (the README's
// pictures come from here). Used by tests/it/desk.rs; installed by .ci/test (axe-core,
// puppeteer-core).
// Usage: node tests/axe.mjs NODE_MODULES CHROMIUM SHOTS COOKIE_NAME=VALUE URL...
import { readFileSync } from 'node:fs';
import { launch, modulesAt } from './browser.mjs';

const [modules, chromium, shots, cookie, ...urls] = process.argv.slice(2);
const axeSource = readFileSync(modulesAt(modules).resolve('axe-core/axe.min.js'), 'utf8');

const browser = await launch(modules, chromium);
let failed = 0;
try {
  for (const url of urls) {
    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 800 });
    // axe is injected by the test; the desk itself allows no script.
    await page.setBypassCSP(true);
    const [name, value] = cookie.split(/=(.*)/s);
    await page.setCookie({ name, value, url });
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response.status() !== 200) {
      console.log(JSON.stringify({ url, status: response.status() }));
      failed++;
      continue;
    }
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    });
    for (const v of result) {
      console.log(JSON.stringify({ url, ...v }));
      failed++;
    }
    if (shots !== '-') {
      const parsed = new URL(url);
      const path = parsed.pathname.slice(1).replace(/[^a-z0-9]+/g, '-') || 'today';
      const name = parsed.searchParams.has('find') ? `${path}-find` : path;
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
      const chart = await page.$('svg.chart');
      if (chart) await chart.screenshot({ path: `${shots}/${name}-chart.png` });
    }
    console.log(JSON.stringify({ url, checked: true }));
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
