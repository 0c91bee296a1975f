import { startSite, launchBrowser, openApp, saveScreenshot, nextFrames } from './helpers.mjs';
const site = await startSite();
const browser = await launchBrowser();
const app = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
await app.page.evaluate(() => window.digitlab.filesLoaded);
await app.page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: 60000 });
// idle frames
const idle = await app.page.evaluate(() => new Promise((resolve) => {
  let last = performance.now(), max = 0, n = 0;
  const tick = (t) => { max = Math.max(max, t - last); last = t; if (++n < 120) requestAnimationFrame(tick); else resolve(max); };
  requestAnimationFrame(tick);
}));
console.log('idle longest frame', idle.toFixed(1));
await app.page.evaluate(() => { window.digitlab.showPanel('train'); });
await nextFrames(app.page, 3);
const result = await app.page.evaluate(() => new Promise((resolve) => {
  const frames = [];
  let last = performance.now();
  window.digitlab.train({ preset: 'poly2', subset: 10000 });
  const t0 = performance.now();
  const tick = (t) => {
    const s = window.digitlab.state().training;
    frames.push([t - last, s.stage]);
    last = t;
    if (s.running) requestAnimationFrame(tick);
    else resolve({ seconds: (performance.now() - t0) / 1000, frames, s });
  };
  requestAnimationFrame(tick);
}));
const byStage = {};
for (const [ms, stage] of result.frames) byStage[stage] = Math.max(byStage[stage] || 0, ms);
console.log('training', result.seconds.toFixed(1), 's', JSON.stringify(result.s), 'frames', result.frames.length, JSON.stringify(byStage));
const sorted = result.frames.map(f => f[0]).sort((a, b) => b - a);
console.log('top frames', sorted.slice(0, 10).map(x => x.toFixed(0)).join(' '));
await app.page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: 60000 });
console.log('accuracy', (await app.page.evaluate(() => window.digitlab.state())).accuracy);
await saveScreenshot(app.page, 'look-train-done');
await app.context.close(); await browser.close(); await site.close();
