// Chromium through playwright-core (Debian's /usr/bin/chromium, headless, WebGL on
// SwiftShader): the engine of the full browser suite, here behind the drivers' common face.
import { launchBrowser } from '../helpers.mjs';
import { nextFrame, pageFace } from './page_face.mjs';

export async function launch({ deviceScaleFactor = 1 } = {}) {
  const browser = await launchBrowser();
  return {
    version: `Chromium ${browser.version()}`,
    async open(url, { width, height }) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor });
      const page = await context.newPage();
      // A finger along `points` (CSS px), as a phone sends it (CDP touch events).
      async function touch(points) {
        const cdp = await context.newCDPSession(page);
        const send = (type, p) => cdp.send('Input.dispatchTouchEvent', {
          type, touchPoints: p ? [{ x: p[0], y: p[1], id: 1 }] : [],
        });
        await send('touchStart', points[0]);
        for (const p of points.slice(1)) {
          await nextFrame(page);
          await send('touchMove', p);
        }
        await send('touchEnd', null);
        await cdp.detach();
      }
      return pageFace(page, url, { touch, close: () => context.close() });
    },
    close: () => browser.close(),
  };
}
