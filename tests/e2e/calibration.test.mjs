// Calibration (issue 15): a model trained in the page has its temperature fitted on its
// validation slice (training digits it did not fit), and Evaluate shows the reliability,
// ECE and log-loss before and after, with the confusion matrix unchanged. The shipped
// model, which saw every training digit, gets no temperature and the page says why. A
// one-vs-rest model trained in the page gets Platt's a and b per class instead, which can
// change predictions: the matrix after calibration is checked against the model's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const state = (page) => page.evaluate(() => window.digitlab.state());
const LONG = { timeout: 300000 };

function checkBins(bins, total, where) {
  assert.equal(bins.length, 10, `${where}: ten bins`);
  assert.equal(bins.reduce((n, b) => n + b.count, 0), total, `${where}: the bins hold every digit`);
  for (const b of bins) {
    assert.ok(b.frequency >= 0 && b.frequency <= 1, `${where}: frequency ${b.frequency}`);
    if (b.count > 0) assert.ok(b.confidence >= b.lower - 1e-6 && b.confidence <= b.upper + 1e-6,
                               `${where}: mean confidence ${b.confidence} in [${b.lower}, ${b.upper}]`);
  }
}

test('the shipped model: reliability, ECE and log-loss, and no temperature, with the reason', LONG, async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url, { viewport: { width: 1920, height: 1080 } });
  try {
    await page.evaluate(() => window.digitlab.showPanel('evaluate'));
    await page.waitForFunction(() => window.digitlab.state().calibration !== null, null, { timeout: 120000 });
    const c = (await state(page)).calibration;
    assert.equal(c.fitted, false);
    assert.equal(c.temperature, null);
    assert.match(c.reason, /shipped with the page was trained .* on every training digit/);
    assert.ok(c.ece_before >= 0 && c.ece_before <= 1, `ECE ${c.ece_before}`);
    assert.ok(c.log_loss_before > 0, `log-loss ${c.log_loss_before}`);
    checkBins(c.reliability_before, 10000, 'shipped');
    console.log(`shipped model: ECE ${c.ece_before.toFixed(4)}, log-loss ${c.log_loss_before.toFixed(4)}`);
    const a = await page.evaluate(() => window.digitlab.access());
    assert.equal(a.evaluation.calibration.fitted, false);
    assert.equal(a.evaluation.calibration.ece_before, c.ece_before);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('a model trained in the page: T fitted on held-out digits, the matrix unchanged, the threshold moves', LONG, async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url, { viewport: { width: 1920, height: 1080 } });
  try {
    await page.evaluate(() => window.digitlab.filesLoaded);
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 2000, max_iter: 40 }));
    await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 240000 });
    await page.evaluate(() => window.digitlab.showPanel('evaluate'));
    await page.waitForFunction(() => {
      const c = window.digitlab.state().calibration;
      return c !== null && c.fitted;
    }, null, { timeout: 120000 });
    const s = await state(page);
    const c = s.calibration;
    console.log(`trained model: T ${c.temperature.toFixed(4)} on ${c.held_out_digits} held-out digits; ` +
                `ECE ${c.ece_before.toFixed(4)} -> ${c.ece_after.toFixed(4)}; test log-loss ` +
                `${c.log_loss_before.toFixed(4)} -> ${c.log_loss_after.toFixed(4)}; held-out log-loss ` +
                `${c.held_out_log_loss_before.toFixed(4)} -> ${c.held_out_log_loss_after.toFixed(4)}`);
    assert.equal(c.held_out_digits, s.training.validation_digits, 'fitted on the run\'s validation slice');
    assert.equal(c.held_out_digits, 2000);
    assert.ok(c.temperature > 0 && c.temperature < 100, `T ${c.temperature}`);
    assert.equal(c.hit_bound, false);
    for (const ece of [c.ece_before, c.ece_after]) assert.ok(ece >= 0 && ece <= 1, `ECE ${ece}`);
    // T minimises the held-out log-loss, and T = 1 is one of the candidates.
    assert.ok(c.held_out_log_loss_after <= c.held_out_log_loss_before + 1e-12,
              `held-out log-loss ${c.held_out_log_loss_before} -> ${c.held_out_log_loss_after}`);
    checkBins(c.reliability_before, 10000, 'before');
    checkBins(c.reliability_after, 10000, 'after');
    // Dividing every score by one T > 0 keeps each arg-max: the same matrix, cell for cell.
    assert.equal(c.predictions_changed, 0);
    assert.deepEqual(c.confusion_after, s.confusion);
    // Answering only when sure: the answered digits' matrix sums to the answered count, and
    // the counts move with the threshold.
    for (const key of ['answered_before', 'answered_after']) {
      const a = c[key];
      assert.equal(a.confusion.flat().reduce((x, y) => x + y, 0), a.answered, key);
      const diagonal = a.confusion.reduce((x, row, k) => x + row[k], 0);
      assert.equal(diagonal, a.correct, key);
      assert.ok(a.answered <= 10000);
    }
    // One class's own threshold (the threshold question's: 8 at 0.5 unless changed there).
    await page.waitForFunction(() => window.digitlab.state().calibration?.class_threshold !== null, null, { timeout: 30000 });
    const ct = (await state(page)).calibration.class_threshold;
    assert.equal(ct.digit, 8);
    assert.equal(ct.threshold, 0.5);
    for (const key of ['before', 'after']) {
      const b = ct[key];
      assert.equal(b.tp + b.fp + b.fn + b.tn, 10000, key);
      assert.equal(b.tp + b.fn, 974, `${key}: MNIST's test set has 974 eights`);
    }
    // p_8 >= 0.5 leaves at most 0.5 to the other nine: every "yes" is also the arg-max, so
    // the yes answers are a part of the confusion matrix's column 8.
    const column8 = s.confusion.reduce((n, row) => n + row[8], 0);
    assert.ok(ct.before.tp <= s.confusion[8][8] && ct.before.fp <= column8 - s.confusion[8][8], JSON.stringify(ct));
    // For the largest class softmax(z / T) shrinks as T grows: T > 1 can only drop yes answers.
    const yes = (b) => b.tp + b.fp;
    if (c.temperature > 1) assert.ok(yes(ct.after) <= yes(ct.before), JSON.stringify(ct));
    else assert.ok(yes(ct.after) >= yes(ct.before), JSON.stringify(ct));
    console.log(`class threshold 8 at 0.5: yes ${yes(ct.before)} -> ${yes(ct.after)} (T ${c.temperature.toFixed(3)})`);
    // The threshold's slider is the panel's; the state follows it when it moves.
    const a = await page.evaluate(() => window.digitlab.access());
    assert.equal(a.evaluation.calibration.temperature, c.temperature);
    assert.equal(a.evaluation.calibration.ece_after, c.ece_after);
    const table = await calibrationTable(page, /T = \d\.\d{3}/);
    assert.match(table, /T = \d\.\d{3}/);
    assert.match(table, /expected calibration error/);
    await page.waitForFunction(() => /called 8 when/.test(document.getElementById('calibration-table')?.textContent ?? ''),
                               null, { timeout: 10000 });
    const withClass = await page.evaluate(() => document.getElementById('calibration-table').textContent);
    assert.match(withClass, new RegExp(`called 8 when its probability is at least 0\\.50${yes(ct.before)} \\(${ct.before.tp} right\\)`));
    // Scroll the Evaluate panel down to its Calibration section, for a look.
    await page.mouse.move(960, 700);
    for (let i = 0; i < 6; ++i) { await page.mouse.wheel(0, 200); await nextFrames(page, 2); }
    await saveScreenshot(page, 'calibration-1920');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

// The screen reader's copy of the calibration table (web/access.js), once it shows
// `pattern`: the layer polls the program every 200 ms, so it can trail the state by one
// poll (the clean-clone CI once read it empty right after the calibration was fitted).
async function calibrationTable(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('calibration-table')?.textContent ?? ''),
                             pattern.source, { timeout: 10000 }).catch(() => {});
  return page.evaluate(() => document.getElementById('calibration-table')?.textContent ?? '');
}

test('a one-vs-rest model trained in the page: Platt scaling per class, and the matrix after it', LONG, async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
  try {
    await page.evaluate(() => window.digitlab.filesLoaded);
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 2000, max_iter: 40, model: 'ovr' }));
    await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 240000 });
    await page.evaluate(() => window.digitlab.showPanel('evaluate'));
    await page.waitForFunction(() => window.digitlab.state().calibration?.fitted, null, { timeout: 120000 });
    const s = await state(page);
    const c = s.calibration;
    const as = c.platt.map((f) => f.a), bs = c.platt.map((f) => f.b);
    console.log(`one-vs-rest: a in [${Math.min(...as).toFixed(3)}, ${Math.max(...as).toFixed(3)}], b in ` +
                `[${Math.min(...bs).toFixed(3)}, ${Math.max(...bs).toFixed(3)}] on ${c.held_out_digits} held-out digits; ` +
                `ECE ${c.ece_before.toFixed(4)} -> ${c.ece_after.toFixed(4)}; test log-loss ` +
                `${c.log_loss_before.toFixed(4)} -> ${c.log_loss_after.toFixed(4)}; held-out log-loss ` +
                `${c.held_out_log_loss_before.toFixed(4)} -> ${c.held_out_log_loss_after.toFixed(4)}; ` +
                `${c.predictions_changed} predictions changed`);
    assert.equal(c.method, 'platt');
    assert.equal(c.temperature, null);
    assert.equal(c.held_out_digits, s.training.validation_digits, 'fitted on the run\'s validation slice');
    assert.equal(c.platt.length, 10, 'an (a, b) per class');
    for (const f of c.platt) {
      assert.ok(Number.isFinite(f.a) && Number.isFinite(f.b), `a ${f.a}, b ${f.b}`);
      assert.ok(f.converged, `a ${f.a}, b ${f.b} converged`);
    }
    assert.ok(c.held_out_log_loss_after <= c.held_out_log_loss_before,
              `held-out log-loss ${c.held_out_log_loss_before} -> ${c.held_out_log_loss_after}`);
    checkBins(c.reliability_before, 10000, 'before');
    checkBins(c.reliability_after, 10000, 'after');
    // Each row of the matrix after holds the same test digits as the model's row (its true class).
    const rowSums = (m) => m.map((row) => row.reduce((x, y) => x + y, 0));
    assert.deepEqual(rowSums(c.confusion_after), rowSums(s.confusion));
    assert.equal(rowSums(s.confusion).reduce((x, y) => x + y, 0), 10000);
    // A changed prediction takes one digit out of one cell of its row and into another:
    // the cells differ by at most two per change, and by an even total.
    let moved = 0;
    c.confusion_after.forEach((row, t) => row.forEach((n, p) => { moved += Math.abs(n - s.confusion[t][p]); }));
    assert.ok(c.predictions_changed > 0, 'per-class a and b moved some arg-max');
    assert.ok(moved > 0 && moved <= 2 * c.predictions_changed && moved % 2 === 0,
              `${moved} moved across cells for ${c.predictions_changed} changed predictions`);
    const trace = (m) => m.reduce((x, row, k) => x + row[k], 0);
    assert.ok(Math.abs(trace(c.confusion_after) - trace(s.confusion)) <= c.predictions_changed);
    // The screen reader's copy says the same.
    const a = await page.evaluate(() => window.digitlab.access());
    assert.equal(a.evaluation.calibration.method, 'platt');
    assert.deepEqual(a.evaluation.calibration.platt.map((f) => f.a), as);
    assert.equal(a.evaluation.calibration.predictions_changed, c.predictions_changed);
    const table = await calibrationTable(page, /Platt scaling per class/);
    assert.match(table, /Platt scaling per class/);
    assert.match(table, /class 9: a and b/);
    await page.mouse.move(640, 500);
    for (let i = 0; i < 6; ++i) { await page.mouse.wheel(0, 200); await nextFrames(page, 2); }
    await saveScreenshot(page, 'calibration-ovr-1280');
    // The Draw panel heads a one-vs-rest model's prediction with its own probability, the
    // sigmoids scaled to sum to 1 (Evaluate's), not the softmax of the same scores, and the
    // screen reader hears the same.
    await page.evaluate(() => window.digitlab.useTestDigit(0));
    await page.waitForFunction(() => window.digitlab.access()?.probability_name === 'sigmoids scaled to 1', null,
                               { timeout: 10000 });
    const drawn = await state(page), heard = await page.evaluate(() => window.digitlab.access());
    const sum = drawn.sigmoid.reduce((x, y) => x + y, 0);
    assert.ok(Math.abs(heard.probability - drawn.sigmoid[drawn.prediction] / sum) < 1e-4,
              `${heard.probability} against ${drawn.sigmoid[drawn.prediction]} / ${sum}`);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
