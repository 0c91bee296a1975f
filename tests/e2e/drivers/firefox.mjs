// Firefox through puppeteer-core over WebDriver BiDi: Debian's firefox-esr, in a real
// window on a virtual display (headless Firefox here has no WebGL2: "Could not create
// EGL context ... EGL_BAD_MATCH"); WebGL2 comes from Mesa's llvmpipe.
import puppeteer from 'puppeteer-core';
import { nextFrame, pageFace } from './page_face.mjs';
import { display } from './xvfb.mjs';

const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

export async function launch({ deviceScaleFactor = 1 } = {}) {
  const env = { ...process.env, DISPLAY: await display() };
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: FIREFOX, protocol: 'webDriverBiDi', headless: false, env,
    defaultViewport: null,
    extraPrefsFirefox: {
      // No update checks, telemetry or first-run pages: the machine has no internet.
      'app.update.enabled': false, 'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false, 'browser.shell.checkDefaultBrowser': false,
    },
  });
  return {
    version: `Firefox ${(await browser.version()).replace(/^firefox\//i, '')}`,
    async open(url, { width, height }) {
      const page = await browser.newPage();
      await page.setViewport({ width, height, deviceScaleFactor });
      // A finger along `points` (CSS px), a frame per step.
      async function touch(points) {
        const finger = await page.touchscreen.touchStart(...points[0]);
        for (const [x, y] of points.slice(1)) {
          await nextFrame(page);
          await finger.move(x, y);
        }
        await finger.end();
      }
      return pageFace(page, url, { touch, close: () => page.close() });
    },
    close: () => browser.close(),
  };
}
