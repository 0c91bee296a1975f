// The learner's own test set (issue 14): draw and save ten digits, reload (IndexedDB keeps
// them), export the IDX pair, check `digitlab evaluate` reads it, import it back into an
// empty set, and evaluate the page's model on it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSite, launchBrowser, openApp, drawPolyline, nextFrames, waitForReady, saveScreenshot,
         repoRoot } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

// Ten digits as strokes in canvas fractions, each read right by the shipped model (the
// test checks the prediction before saving, so a label is what the drawing shows).
const DIGITS = {
  0: [[[0.5, 0.15], [0.3, 0.3], [0.27, 0.6], [0.4, 0.85], [0.6, 0.85], [0.72, 0.6], [0.7, 0.3], [0.5, 0.15]]],
  1: [[[0.5, 0.12], [0.5, 0.88]]],
  2: [[[0.28, 0.3], [0.45, 0.15], [0.68, 0.25], [0.65, 0.45], [0.3, 0.85], [0.75, 0.85]]],
  3: [[[0.3, 0.2], [0.6, 0.15], [0.68, 0.32], [0.45, 0.48], [0.7, 0.62], [0.62, 0.84], [0.3, 0.82]]],
  4: [[[0.6, 0.85], [0.6, 0.15], [0.25, 0.62], [0.75, 0.62]]],
  5: [[[0.7, 0.15], [0.35, 0.15], [0.32, 0.45], [0.6, 0.45], [0.7, 0.65], [0.6, 0.85], [0.3, 0.82]]],
  6: [[[0.65, 0.15], [0.4, 0.35], [0.3, 0.65], [0.45, 0.85], [0.65, 0.75], [0.6, 0.55], [0.35, 0.6]]],
  7: [[[0.25, 0.18], [0.75, 0.18], [0.45, 0.88]]],
  8: [[[0.62, 0.25], [0.5, 0.15], [0.35, 0.25], [0.62, 0.6], [0.55, 0.85], [0.35, 0.8], [0.38, 0.55], [0.62, 0.25]]],
  9: [[[0.65, 0.3], [0.45, 0.15], [0.32, 0.3], [0.45, 0.45], [0.65, 0.35], [0.62, 0.88]]],
};

const state = (page) => page.evaluate(() => window.digitlab.state());

test('ten saved drawings survive a reload, export, import and are evaluated on', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url);
  try {
    await page.waitForFunction(() => window.digitlab.state().ready, null, { timeout: 60000 });
    assert.equal(await page.evaluate(() => window.digitlab.saveDrawing(3)), false, 'an empty canvas saves nothing');
    const predicted = [];
    for (let label = 0; label <= 9; ++label) {
      await page.evaluate(() => window.digitlab.clear());
      for (const stroke of DIGITS[label]) await drawPolyline(page, stroke);
      await nextFrames(page, 2);
      predicted.push((await state(page)).prediction);
      if (label < 5) {
        assert.equal(await page.evaluate((l) => window.digitlab.saveDrawing(l), label), true);
      } else {  // the keys 0-9 save too
        await page.keyboard.type(String(label));
        await nextFrames(page, 2);
      }
    }
    const saved = await page.evaluate(() => window.digitlab.drawings());
    assert.deepEqual(saved.map((d) => d.label), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await saveScreenshot(page, 'my-drawings-gallery');
    await page.waitForTimeout(1200);   // stored within half a second of a change

    // A reload in the same browser profile: the set comes back from IndexedDB.
    await page.reload();
    await waitForReady(page);
    await page.waitForFunction(() => window.digitlab.drawings().length === 10, null, { timeout: 10000 });

    // Export, read by the command-line tool (the model the page shipped with).
    const exported = await page.evaluate(() => {
      const { images, labels } = window.digitlab.exportDrawings();
      return { images: Array.from(images), labels: Array.from(labels) };
    });
    assert.equal(exported.images.length, 16 + 10 * 784);
    assert.deepEqual(exported.labels.slice(8), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const dir = mkdtempSync(join(tmpdir(), 'my-digits-'));
    writeFileSync(join(dir, 'my-digits-images-idx3-ubyte'), Buffer.from(exported.images));
    writeFileSync(join(dir, 'my-digits-labels-idx1-ubyte'), Buffer.from(exported.labels));
    const cli = join(repoRoot, 'build', 'native', 'digitlab');
    assert.ok(existsSync(cli), `${cli} missing: build the native tool first (scripts/test.sh does)`);
    const report = execFileSync(cli, ['evaluate', '--model', join(repoRoot, 'build', 'site', 'assets', 'model.dlm'),
      '--images', join(dir, 'my-digits-images-idx3-ubyte'), '--labels', join(dir, 'my-digits-labels-idx1-ubyte')],
    { encoding: 'utf8' });
    assert.match(report, /evaluated on: your IDX pair \(10 images\)/);

    // Empty the set, then import the exported pair back.
    for (let i = 9; i >= 0; --i) await page.evaluate((k) => window.digitlab.deleteDrawing(k), i);
    assert.equal((await page.evaluate(() => window.digitlab.drawings())).length, 0);
    await page.evaluate(({ images, labels }) => window.digitlab.importDrawings(new Uint8Array(images),
      new Uint8Array(labels)), exported);
    await nextFrames(page, 2);
    assert.deepEqual((await page.evaluate(() => window.digitlab.drawings())).map((d) => d.label),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // A bad pair is refused and the set stays.
    await page.evaluate(() => window.digitlab.importDrawings(new Uint8Array([1, 2, 3]), new Uint8Array([4])));
    await nextFrames(page, 2);
    const refused = await state(page);
    assert.equal(refused.notice_is_error, true);
    assert.match(refused.notice, /your drawings were not loaded/);
    assert.equal(refused.my_drawings.labels.length, 10);

    // Evaluate on them: the confusion matrix holds the ten drawings, its diagonal the
    // ones the model read right (as the Draw panel predicted them before saving).
    await page.evaluate(() => { window.digitlab.evaluateOn('mine'); window.digitlab.showPanel('evaluate'); });
    await page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: 20000 });
    const s = await state(page);
    assert.equal(s.evaluated_on, 'mine');
    assert.equal(s.evaluated, 10);
    assert.equal(s.confusion.flat().reduce((a, b) => a + b, 0), 10);
    const right = predicted.filter((p, label) => p === label).length;
    assert.equal(s.confusion.reduce((sum, row, t) => sum + row[t], 0), right);
    assert.equal(s.accuracy, right / 10);
    await saveScreenshot(page, 'my-drawings-evaluate');
    console.log(`predicted before saving: ${predicted.join(' ')}; accuracy on the ten: ${s.accuracy}`);
    await page.evaluate(() => window.digitlab.evaluateOn('mnist'));
    await page.waitForFunction(() => window.digitlab.state().evaluated === 10000, null, { timeout: 60000 });
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
