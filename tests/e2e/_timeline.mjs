import { startSite, launchBrowser, openApp } from './helpers.mjs';
const site = await startSite();
const browser = await launchBrowser();
const workers = Number(process.argv[2] || 2);
for (let rep = 0; rep < 3; ++rep) {
  const app = await openApp(browser, `${site.url}?sw=0&workers=${workers}`, { viewport: { width: 1280, height: 800 } });
  const { page } = app;
  await page.waitForFunction(() => window.digitlab.state().data?.train === 60000, null, { timeout: 180000 });
  await page.evaluate(() => window.digitlab.showPanel('train'));
  if (rep > 0 || process.argv[3] === 'wait') await new Promise((r) => setTimeout(r, 3000));
  const out = await page.evaluate(() => new Promise((resolve) => {
    const from = performance.now();
    window.digitlab.train({ preset: 'poly2', stop: 'settled', subset: 60000 });
    const log = []; let last = '';
    const timer = setInterval(() => {
      const s = window.digitlab.state(), t = s.training, at = performance.now() - from;
      const key = `${t.stage}|${t.running}|${t.passes ?? 0 > 0}`;
      if (key !== last) { log.push([Math.round(at), t.stage, t.running, t.passes, t.preprocess_seconds]); last = key; }
      if (!t.running && /trained in this page/.test(s.model) && s.accuracy !== null) { clearInterval(timer); log.push([Math.round(at), 'evaluated', t.passes, t.training_seconds]); resolve(log); }
    }, 5);
  }));
  console.log(JSON.stringify(out));
  await app.context.close();
}
await browser.close(); await site.close();
