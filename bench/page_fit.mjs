// The tutorial's best pipeline (MinMax, PCA 30, degree-2 features, softmax, C=1,
// balanced) trained in the page itself on all 60,000 training digits asked (it fits
// 58,000; the other 2,000 are the live curve's validation slice), in headless
// Chromium, then evaluated on the 10,000 test digits. Not part of bench/run.sh: it
// takes a few minutes, and Chromium on a machine without a GPU renders in software,
// which takes CPU from the page.
// A smaller window shows how much of the time that rendering takes. --workers 0 trains on
// the page's own thread (?workers=0) instead of its Web Worker, for comparison: the
// longest frame and the wall time of the fit are printed for either. --subset N asks
// for N digits instead of 60,000.
//   ./build-wasm.sh && node bench/page_fit.mjs [--viewport 320x240] [--workers 0] [--subset 20000]
import { startSite, launchBrowser, openApp, saveScreenshot, nextFrames } from '../tests/e2e/helpers.mjs';

const option = (name, otherwise) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : otherwise;
};
const workers = option('--workers', '1');
const subset = Number(option('--subset', '60000'));
const viewportArg = process.argv.indexOf('--viewport');
const [width, height] = (viewportArg > 0 ? process.argv[viewportArg + 1] : '1280x800').split('x').map(Number);
if (!(width > 0 && height > 0)) throw new Error('usage: node bench/page_fit.mjs [--viewport WIDTHxHEIGHT]');

const site = await startSite();
const browser = await launchBrowser();
const app = await openApp(browser, site.url + '?workers=' + workers, { viewport: { width, height } });
const state = () => app.page.evaluate(() => window.digitlab.state());
await app.page.waitForFunction(() => window.digitlab.state().data?.train === 60000, null, { timeout: 120000 });
await app.page.evaluate(() => window.digitlab.showPanel('train'));

const started = Date.now();
await app.page.evaluate((s) => window.digitlab.train({ preset: 'poly2', subset: s }), subset);
await app.page.waitForFunction(() => !window.digitlab.state().training.running, null,
                               { timeout: 30 * 60000, polling: 1000 });
const wallSeconds = (Date.now() - started) / 1000;
await app.page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model) &&
                                     window.digitlab.state().accuracy !== null, null, { timeout: 300000 });
await app.page.evaluate(() => window.digitlab.showPanel('evaluate'));
await nextFrames(app.page, 3);
const s = await state();
const heapMb = await app.page.evaluate(() => Module.HEAPU8.length / 1048576);
await saveScreenshot(app.page, 'page-fit-60000');
const t = s.training;
console.log(`in the page (${width}x${height}), fit in the ${t.where}: ${s.model}: ${t.iteration} iterations, ` +
            `${t.passes} passes (${t.status}), ` +
            `${t.elapsed_seconds.toFixed(1)} s of work in ${wallSeconds.toFixed(0)} s wall, ` +
            `accuracy ${(100 * s.accuracy).toFixed(2)}% on ${s.evaluated} test digits, ` +
            `wasm heap ${heapMb.toFixed(0)} MB, longest frame ${t.longest_frame_ms.toFixed(1)} ms ` +
            `(of which the page's own work ${t.longest_work_ms.toFixed(1)} ms), ` +
            `${t.frames_over_50_ms} of ${t.frames} frames over 50 ms of work`);
if (app.consoleErrors.length) console.log('console errors:', app.consoleErrors);
await app.context.close();
await browser.close();
await site.close();
