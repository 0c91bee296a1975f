// Screenshots of Evaluate's Calibration section for a model trained in the page, at
// 1920x1080 and 390x844. Not a test: run by hand, `node tests/e2e/shots-calibration.mjs`;
// the files land in tests/e2e/artifacts/ (calibration-shot-*.png). With `ovr`
// (`node tests/e2e/shots-calibration.mjs ovr`): a one-vs-rest model and its Platt
// scaling, at 1280x800 and 390x844 (calibration-shot-ovr-*.png).
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot } from './helpers.mjs';

// Scrolls the panel until the glossary term `key` is drawn at least `margin` px above
// the bottom of the window (state().glossary_on_screen has each term's place).
async function scrollTo(page, key, height, margin = 300) {
  for (let i = 0; i < 60; ++i) {
    const s = await page.evaluate(() => window.digitlab.state());
    const place = s.glossary_on_screen.find((p) => p.term === key);
    if (place && place.y < height - margin) return place;
    await page.mouse.wheel(0, 120);
    await nextFrames(page, 2);
  }
  return null;
}

// The one-vs-rest model's section, down through the matrix after Platt scaling.
async function ovrShots(browser, url) {
  const { page } = await openApp(browser, url, { viewport: { width: 1280, height: 800 } });
  await page.evaluate(() => window.digitlab.filesLoaded);
  await page.evaluate(() => window.digitlab.showPanel('train'));
  await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 2000, max_iter: 40, model: 'ovr' }));
  await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 240000 });
  await page.evaluate(() => window.digitlab.showPanel('evaluate'));
  await page.waitForFunction(() => window.digitlab.state().calibration?.fitted, null, { timeout: 120000 });
  const c = (await page.evaluate(() => window.digitlab.state())).calibration;
  console.log(JSON.stringify({ platt: c.platt, ece: [c.ece_before, c.ece_after], log_loss: [c.log_loss_before, c.log_loss_after],
                               held_out: [c.held_out_log_loss_before, c.held_out_log_loss_after], changed: c.predictions_changed }));
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await nextFrames(page, 5);
    await page.mouse.move(width / 2, height / 2);
    // From the section's heading down, a screenful at a time (from the top: a narrower
    // window is taller inside).
    for (let i = 0; i < 80; ++i) {
      const s = await page.evaluate(() => window.digitlab.state());
      if (s.glossary_on_screen.some((p) => p.term === 'calibration' && p.y > 200)) break;
      await page.mouse.wheel(0, -120);
      await nextFrames(page, 2);
    }
    console.log(width, JSON.stringify(await scrollTo(page, 'calibration', height, height - 200)));
    for (let shot = 0; shot < (width < 600 ? 7 : 3); ++shot) {
      await saveScreenshot(page, `calibration-shot-ovr-${width}-${shot}`);
      for (let i = 0; i < 4; ++i) { await page.mouse.wheel(0, 120); await nextFrames(page, 2); }
    }
  }
}

async function softmaxShots(browser, site) {
  const { page } = await openApp(browser, site.url, { viewport: { width: 1920, height: 1080 } });
  await page.evaluate(() => window.digitlab.filesLoaded);
  await page.evaluate(() => window.digitlab.showPanel('evaluate'));
  await page.waitForFunction(() => window.digitlab.state().calibration !== null, null, { timeout: 120000 });
  await page.mouse.move(960, 600);
  console.log('shipped', JSON.stringify(await scrollTo(page, 'reliability_diagram', 1080)));
  await saveScreenshot(page, 'calibration-shot-shipped-1920');

  await page.evaluate(() => window.digitlab.showPanel('train'));
  await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 2000, max_iter: 40 }));
  await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 240000 });
  await page.evaluate(() => window.digitlab.showPanel('evaluate'));
  await page.waitForFunction(() => window.digitlab.state().calibration?.fitted, null, { timeout: 120000 });
  const c = (await page.evaluate(() => window.digitlab.state())).calibration;
  console.log(`T ${c.temperature}, ECE ${c.ece_before} -> ${c.ece_after}, log-loss ${c.log_loss_before} -> ` +
              `${c.log_loss_after}, held out ${c.held_out_log_loss_before} -> ${c.held_out_log_loss_after}, ` +
              `answered at ${c.threshold}: ${c.answered_before.answered} (${c.answered_before.correct} right) -> ` +
              `${c.answered_after.answered} (${c.answered_after.correct} right)`);
  await page.mouse.move(960, 600);
  console.log('trained', JSON.stringify(await scrollTo(page, 'reliability_diagram', 1080)));
  await saveScreenshot(page, 'calibration-shot-trained-1920');
  await page.mouse.wheel(0, 400);
  await nextFrames(page, 3);
  await saveScreenshot(page, 'calibration-shot-trained-1920-lower');

  await page.setViewportSize({ width: 390, height: 844 });
  await nextFrames(page, 5);
  await page.mouse.move(195, 500);
  for (const key of ['calibration', 'reliability_diagram', 'ece', 'confidence']) {
    console.log(key, JSON.stringify(await scrollTo(page, key, 844, 150)));
    await saveScreenshot(page, `calibration-shot-trained-390-${key}`);
  }
}

const site = await startSite();
const browser = await launchBrowser();
try {
  if (process.argv[2] === 'ovr') await ovrShots(browser, site.url);
  else await softmaxShots(browser, site);
} finally {
  await browser.close();
  await site.close();
}
