// Headless Chromium through puppeteer-core, started the same way for every desk browser test
// (tests/axe.mjs, tests/desk_cancel.mjs, tests/desk_login.mjs).
import { createRequire } from 'node:module';

// `require` for the npm packages .ci/test installs into NODE_MODULES.
export function modulesAt(modules) {
  return createRequire(modules + '/');
}

export function launch(modules, chromium) {
  return modulesAt(modules)('puppeteer-core').launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
}
