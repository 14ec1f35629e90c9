// The desk on a phone: opens a page in headless Chromium at a phone's width (375 px) with the
// session cookie and prints one JSON line: how wide the page and each table are beside the
// screen, and what the first cell of the first card-table says above its value. Used by
// tests/it/desk_browser.rs.
// Usage: node tests/desk_phone.mjs NODE_MODULES CHROMIUM COOKIE_NAME=VALUE URL
import { launch } from './browser.mjs';

const [modules, chromium, cookie, url] = process.argv.slice(2);

const browser = await launch(modules, chromium);
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 375, height: 800, isMobile: true });
  const [name, value] = cookie.split(/=(.*)/s);
  await page.setCookie({ name, value, url });
  await page.goto(url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => {
    const tables = [...document.querySelectorAll('table')].map((t) => ({
      scroll: t.scrollWidth,
      client: t.clientWidth,
    }));
    const cell = document.querySelector('table.cards td');
    const label = cell ? getComputedStyle(cell, '::before').content : null;
    return { page: document.documentElement.scrollWidth, screen: window.innerWidth, tables, label };
  });
  console.log(JSON.stringify({ url, ...seen }));
} finally {
  await browser.close();
}
