// A duty consultant cancels a booking in the desk the way a person does it: in headless
// Chromium, on the day's page, types a message to the person, ticks the booking's "yes, cancel", presses its
// cancel button and reads the page it lands on. Prints one JSON line: the notice and whether
// the booking's code is still listed. Used by tests/it/desk_browser.rs.
// Usage: node tests/desk_cancel.mjs NODE_MODULES CHROMIUM COOKIE_NAME=VALUE DAY_URL CODE REASON
import { launch } from './browser.mjs';

const [modules, chromium, cookie, url, code, reason] = process.argv.slice(2);

const browser = await launch(modules, chromium);
try {
  const page = await browser.newPage();
  const [name, value] = cookie.split(/=(.*)/s);
  await page.setCookie({ name, value, url });
  await page.goto(url, { waitUntil: 'load' });
  const form = await page.waitForSelector(`form[action="/bookings/cancel"]:has(input[value="${code}"])`);
  await page.type(`#reason-${code}`, reason);
  await (await form.$('input[name="sure"]')).click();
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    (await form.$('button[type="submit"]')).click(),
  ]);
  const notice = await page.$eval('.notice', (n) => n.textContent.trim()).catch(() => null);
  const listed = (await page.content()).includes(`value="${code}"`);
  console.log(JSON.stringify({ url: page.url(), notice, listed }));
} finally {
  await browser.close();
}
