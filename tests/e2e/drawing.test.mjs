// A drawing is read the same whatever its size (issue 14): the strokes are scaled into
// MNIST's 20x20 box before the pen draws them (src/core/data/digit_drawing.hpp). Before,
// a 5 drawn in a third of the canvas got strokes five pixels wide and read as 3.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, openApp, drawPolyline, nextFrames, saveScreenshot } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

// A 5 in canvas fractions (top bar, down the left, the belly, the tail), scaled by
// `size` and moved to (left, top).
function five(size, left, top) {
  const strokes = [
    [[200, 20], [80, 20], [70, 120]],
    [[70, 120], [150, 110], [200, 150], [205, 200], [180, 250], [120, 262], [60, 240]],
  ];
  return strokes.map((s) => s.map(([x, y]) => [left + (x / 280) * size, top + (y / 280) * size]));
}

async function drawFive(page, size, left, top) {
  await page.evaluate(() => window.digitlab.clear());
  for (const stroke of five(size, left, top)) await drawPolyline(page, stroke);
  await nextFrames(page, 2);
  return page.evaluate(() => window.digitlab.state());
}

test('a 5 reads as 5 drawn large, at 60% and at a third of the canvas, in two places', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url);
  try {
    await page.waitForFunction(() => window.digitlab.state().ready, null, { timeout: 60000 });
    const seen = [];
    for (const [size, left, top] of [[0.95, 0.02, 0.02], [0.6, 0.05, 0.3], [0.33, 0.05, 0.05], [0.33, 0.6, 0.6]]) {
      const s = await drawFive(page, size, left, top);
      // The canvas is 280 units across: the strokes' box shrinks with the drawing, the pen does not.
      assert.ok(Math.abs(s.drawing.box_height - 242 * size) < 8, JSON.stringify(s.drawing));
      assert.equal(s.drawing.pen_width, 2);
      seen.push(`${Math.round(size * 100)}% at (${left}, ${top}): ${s.prediction} (softmax ${(100 * s.softmax[s.prediction]).toFixed(1)}%)`);
      if (size === 0.33 && left > 0.5) await saveScreenshot(page, 'drawing-small-five');
    }
    console.log(seen.join('\n'));
    for (const line of seen) assert.match(line, /: 5 \(/, line);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('"Why this digit?" map sums to the change of the score difference, against any digit and baseline', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url);
  try {
    await page.waitForFunction(() => window.digitlab.state().ready, null, { timeout: 60000 });
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    const s = await drawFive(page, 0.8, 0.1, 0.1);
    assert.equal(s.prediction, 5);
    const runnerUp = s.softmax.map((p, k) => [p, k]).filter(([, k]) => k !== 5).sort((a, b) => b[0] - a[0])[0][1];
    for (const options of [{}, { against: 3 }, { against: 8, baseline: 'mean' }]) {
      await page.evaluate((o) => window.digitlab.explain(o), options);
      await nextFrames(page, 3);
      const e = (await page.evaluate(() => window.digitlab.state())).explanation;
      assert.equal(e.shown, true);
      assert.equal(e.predicted, 5);
      assert.equal(e.against, options.against ?? runnerUp);
      assert.equal(e.baseline, options.baseline ?? 'empty');
      const change = e.difference - e.baseline_difference;
      assert.ok(e.difference > 0, 'the predicted digit scores above any other');
      assert.ok(Math.abs(e.sum - change) <= 1e-4 * Math.max(1, Math.abs(change)), JSON.stringify(e));
      if (options.baseline === 'mean') await saveScreenshot(page, 'drawing-why-map');
    }
    await page.evaluate(() => window.digitlab.explain(false));
    await nextFrames(page, 2);
    assert.equal((await page.evaluate(() => window.digitlab.state())).explanation.shown, false);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

// An embedded Draw panel loads the model and then the test digits (for "Use a test digit",
// the way in without a pointer), and not the 9.9 MB of training digits. It once loaded the
// model alone, and the button waited for ever.
test('embedded Draw: "Use a test digit" works; the training digits are not fetched', async () => {
  const app = await openApp(browser, `${site.url}?panel=draw`);
  try {
    await app.page.evaluate(() => window.digitlab.filesLoaded);
    // files(): the page's own record of every file in the manifest, fetched or not.
    const files = Object.fromEntries((await app.page.evaluate(() => window.digitlab.files())).map((f) => [f.name, f.state]));
    assert.equal(files['t10k-images-idx3-ubyte'], 'loaded');
    assert.equal(files['t10k-labels-idx1-ubyte'], 'loaded');
    assert.equal(files['train-images-idx3-ubyte'], 'waiting');
    const shown = await app.page.evaluate(() => window.digitlab.useTestDigit(3));
    assert.equal(shown, 3);
    await nextFrames(app.page, 3);
    const s = await app.page.evaluate(() => window.digitlab.state());
    // MNIST's test labels begin 7 2 1 0 4: #3 is a 0, a plain one the shipped model reads right.
    assert.equal(s.prediction, 0, `test digit #3 read as ${s.prediction}`);
  } finally {
    await app.context.close();
  }
});
