// Screenshots of issue 15's live view and compare view at a desktop and a phone size
// (run by hand: node shots-compare.mjs; PNGs in tests/e2e/artifacts/).
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot } from './helpers.mjs';

// ImGui scrolls a few lines a wheel event: several, a frame apart, over the panel.
async function scrollDown(page, times) {
  await page.mouse.move(200, 400);
  for (let i = 0; i < times; ++i) {
    await page.mouse.wheel(0, 200);
    await nextFrames(page, 2);
  }
}

const site = await startSite();
const browser = await launchBrowser();
try {
  for (const [name, viewport] of [['desktop', { width: 1920, height: 1080 }], ['phone', { width: 390, height: 844 }]]) {
    const { context, page } = await openApp(browser, site.url, { viewport });
    await page.waitForFunction(() => window.digitlab.state().confusion !== null && window.digitlab.state().data.train > 0,
                               null, { timeout: 300000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await page.evaluate(() => window.digitlab.train({ preset: 'pca30', subset: 5000, stop: 'sklearn', max_iter: 200 }));
    await page.waitForFunction(() => window.digitlab.state().training.live.refreshes >= 3, null, { timeout: 300000 });
    if (name === 'phone') await scrollDown(page, 12);   // the live view is below the curves
    await nextFrames(page, 3);
    await saveScreenshot(page, `live-training-${name}`);
    await page.waitForFunction(() => window.digitlab.state().compare !== null, null, { timeout: 300000 });
    await page.evaluate(() => { window.digitlab.showPanel('evaluate'); window.digitlab.showComparison(true); });
    await nextFrames(page, 3);
    await saveScreenshot(page, `compare-view-${name}`);
    await page.evaluate(() => { window.digitlab.showPanel('draw'); window.digitlab.useTestDigit(8); });
    await nextFrames(page, 3);
    if (name === 'phone') await scrollDown(page, 6);
    await nextFrames(page, 3);
    await saveScreenshot(page, `compare-draw-${name}`);
    console.log(name, JSON.stringify((await page.evaluate(() => window.digitlab.state())).layout));
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
