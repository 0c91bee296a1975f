// Chromium through playwright-core (Debian's /usr/bin/chromium, headless, WebGL on
// SwiftShader): the engine of the full browser suite, here behind the drivers' common face.
import { launchBrowser } from '../helpers.mjs';

export async function launch() {
  const browser = await launchBrowser();
  return {
    version: `Chromium ${browser.version()}`,
    async open(url, { width, height }) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
      await page.goto(url);
      return {
        errors,
        goto: (address) => page.goto(address),
        evaluate: (fn, arg) => page.evaluate(fn, arg),
        move: (x, y) => page.mouse.move(x, y),
        down: () => page.mouse.down(),
        up: () => page.mouse.up(),
        screenshot: () => page.screenshot(),
        close: () => context.close(),
      };
    },
    close: () => browser.close(),
  };
}
