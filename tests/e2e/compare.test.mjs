// Issue 15: watch it learn and compare two models. While a run trains, the Train panel's
// live view refreshes the weight templates and the validation confusion matrix every few
// passes; after it, the shipped model is the previous one, and Evaluate's compare view
// shows the difference of the two confusion matrices, each read from the page when it
// was the current model.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const state = (page) => page.evaluate(() => window.digitlab.state());

test('live weights while training, then the compare view against the model before', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
  try {
    // The shipped model on the 10,000 test digits: the matrix the comparison must start from.
    await page.waitForFunction(() => window.digitlab.state().confusion !== null, null, { timeout: 120000 });
    const first = await state(page);
    assert.equal(first.previous_model, null);
    assert.equal(first.compare, null);
    const before = first.confusion;

    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    // 10,000 digits, so the run lasts a few seconds: the view refreshes at most every 0.4 s,
    // when the panel draws, and while workers train the page draws every 250 ms where WebGL
    // runs on the CPU (as in these tests); 3,000 digits ended after two refreshes.
    await page.evaluate(() => window.digitlab.train({ preset: 'minmax', subset: 10000, stop: 'sklearn', max_iter: 150 }));
    // Mid-run: the view has shown at least two different passes.
    const seen = new Set();
    await page.waitForFunction(() => window.digitlab.state().training.live.refreshes >= 2, null, { timeout: 300000 });
    for (let i = 0; i < 20 && seen.size < 2; ++i) {
      const live = (await state(page)).training.live;
      if (live.pass >= 0) seen.add(live.pass);
      await nextFrames(page, 5);
    }
    assert.ok(seen.size >= 2, `the live view showed passes ${[...seen]}`);
    await saveScreenshot(page, 'compare-live-training');
    await page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 300000 });
    await nextFrames(page, 3);  // the last refresh happens when the panel next draws
    const trained = await state(page);
    const live = trained.training.live;
    assert.equal(live.pass, trained.training.passes, 'the view ends on the last pass');
    // Its matrix is the one behind the accuracy curve's last point (the screen reader's figure).
    const cells = live.confusion.flat();
    const total = cells.reduce((a, b) => a + b, 0);
    const right = live.confusion.reduce((sum, row, k) => sum + row[k], 0);
    const curve = (await page.evaluate(() => window.digitlab.access())).training.accuracy;
    assert.ok(total >= 1000, `${total} validation digits`);
    assert.ok(Math.abs(right / total - curve) < 1e-6, `${right}/${total} against the curve's ${curve}`);

    // The new model is evaluated, then the shipped one on the same digits, then compared.
    await page.waitForFunction(() => window.digitlab.state().compare !== null, null, { timeout: 120000 });
    const now = await state(page);
    assert.match(now.previous_model, /shipped|model\.dlm|assets/i);
    assert.match(now.model, /trained in this page/);
    const after = now.confusion;
    const c = now.compare;
    assert.deepEqual(c.previous_confusion, before, 'the previous model scored again gives the same matrix');
    const expected = after.map((row, t) => row.map((count, p) => count - before[t][p]));
    assert.deepEqual(c.difference, expected);
    const trace = (m) => m.reduce((sum, row, k) => sum + row[k], 0);
    assert.equal(c.fixed - c.broken, trace(after) - trace(before));
    assert.ok(Math.abs(c.current_accuracy - now.accuracy) < 1e-12);
    assert.ok(c.previous_accuracy > c.current_accuracy, 'the shipped model (PCA 30 + poly 2 on 60,000 digits) beats raw min-max pixels on 3,000');

    // The Draw panel shows both models' answers for one test digit.
    await page.evaluate(() => window.digitlab.showPanel('draw'));
    await page.evaluate(() => window.digitlab.useTestDigit(0));
    await nextFrames(page, 3);
    const drawn = await state(page);
    assert.equal(drawn.previous_softmax.length, 10);
    assert.ok(Math.abs(drawn.previous_softmax.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    assert.ok(drawn.previous_prediction >= 0 && drawn.previous_prediction <= 9);

    await page.evaluate(() => { window.digitlab.showPanel('evaluate'); window.digitlab.showComparison(true); });
    await nextFrames(page, 3);
    assert.equal((await state(page)).compare.view_shown, true);
    // The address names the view (the models themselves are not in it).
    await page.waitForFunction(() => /compare=1/.test(location.search), null, { timeout: 5000 });
    assert.match(page.url(), /panel=evaluate&embed=0.*compare=1/);
    await saveScreenshot(page, 'compare-view');
    const access = await page.evaluate(() => window.digitlab.access());
    assert.equal(access.evaluation.comparison.fixed, c.fixed);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
