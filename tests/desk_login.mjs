// A caseworker opens the sign-in link from the chat in headless Chromium and presses its one
// button, as a person does. Prints one JSON line: the address it lands on and that page's HTML.
// Used by tests/it/desk_browser.rs.
// Usage: node tests/desk_login.mjs NODE_MODULES CHROMIUM LINK
import { launch } from './browser.mjs';

const [modules, chromium, link] = process.argv.slice(2);

const browser = await launch(modules, chromium);
try {
  const page = await browser.newPage();
  await page.goto(link, { waitUntil: 'load' });
  const button = await page.waitForSelector('form[action="/login"] button[type="submit"]');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
  console.log(JSON.stringify({ url: page.url(), html: await page.content() }));
} finally {
  await browser.close();
}
