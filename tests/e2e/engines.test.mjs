// The learner's core journeys in each of the three browser engines (Chromium, Firefox,
// WebKit), written once against tests/e2e/drivers: the page becomes ready and reads drawn
// digits, a small training runs to the end with progress, Evaluate's confusion matrix
// sums to the evaluated count, an embedded panel loads by URL, a bad model file is
// refused, and the lesson's Next and Back work. The full suite stays in Chromium.
// Screenshots: tests/e2e/artifacts/engine-<engine>-{draw,evaluate,embedded,lesson}.png.
//   node --test tests/e2e/engines.test.mjs        (after ./build-wasm.sh)
//   DIGITLAB_ENGINES=firefox node --test tests/e2e/engines.test.mjs   (one engine)
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ENGINES, click, drawStroke, launchEngine, nextFrames, openPage, reopen, savePng, state, waitFor } from './drivers/index.mjs';
import { brightFraction, decodePng, startSite } from './helpers.mjs';

const engines = process.env.DIGITLAB_ENGINES ? process.env.DIGITLAB_ENGINES.split(',') : ENGINES;
const VIEWPORT = { width: 1280, height: 800 };
const LONG = 180000;

// Strokes as fractions of the drawing canvas (the same as app.test.mjs's).
const DIGITS = {
  0: [[[0.5, 0.15], [0.3, 0.25], [0.22, 0.5], [0.3, 0.75], [0.5, 0.85], [0.7, 0.75], [0.78, 0.5], [0.7, 0.25],
       [0.5, 0.15]]],
  1: [[[0.5, 0.15], [0.5, 0.85]]],
  7: [[[0.25, 0.18], [0.75, 0.18], [0.42, 0.85]]],
};

async function drawDigit(page, digit) {
  await page.evaluate(() => window.digitlab.clear());
  for (const stroke of DIGITS[digit]) await drawStroke(page, stroke);
  await nextFrames(page, 2);
  return state(page);
}

let site;
before(async () => { site = await startSite(); });
after(async () => { await site?.close(); });

// Each engine's confusion matrix after the same small training: the wasm arithmetic is
// the same in every engine, so the matrices must be equal cell for cell.
const trainedConfusion = {};

for (const name of engines) {
  describe(name, () => {
    let engine;
    let page;
    let started;

    before(async () => {
      started = Date.now();
      // A high-DPI screen, as most laptops, tablets and phones have.
      engine = await launchEngine(name, { deviceScaleFactor: 2 });
      page = await openPage(engine, site.url, VIEWPORT);
      console.log(`${name}: ${engine.version}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

    after(async () => {
      await page?.close().catch(() => {});
      await engine?.close();
      console.log(`${name}: journeys took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

    test('renders at the device pixel ratio and reads drawn digits 0, 1 and 7', async () => {
      const sizes = await page.evaluate(() => {
        const canvas = document.getElementById('canvas');
        return { ratio: devicePixelRatio, width: canvas.width, cssWidth: innerWidth };
      });
      assert.equal(sizes.ratio, 2);
      assert.equal(sizes.width, sizes.cssWidth * 2, 'the backing store is CSS width x ratio: sharp');
      const empty = await state(page);
      assert.equal(empty.prediction, null, 'an empty canvas predicts nothing');
      assert.match(empty.model, /PCA30 \+ poly2/, 'the shipped model is in use');
      for (const digit of [0, 1, 7]) {
        const s = await drawDigit(page, digit);
        assert.equal(s.prediction, digit, `${name}: drew a ${digit}, read ${s.prediction} (softmax ${s.softmax})`);
        assert.ok(Math.abs(s.softmax.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'softmax sums to 1');
      }
      await savePng(page, `engine-${name}-draw`);
    });

    // The page presents a frame only when its picture changes (src/app/logic/frame_pacing.hpp):
    // each engine must go on showing the last one presented, not a blank canvas, and
    // after a resize event (at which SDL sets the canvas's size again, which may clear it)
    // the page presents its picture again.
    test('an idle page presents almost no frames; its picture stays on screen, and after a resize event', async () => {
      // The corner note counts the training file's bytes until it has come.
      await page.evaluate(() => window.digitlab.filesLoaded.then(() => true));
      await new Promise((resolve) => setTimeout(resolve, 1500));  // past the last change's second of full rate
      // Just after the 2-s net's frame: the next 2 s present none while the picture holds.
      const afterNet = async () => {
        const net = (await state(page)).frames.presented;
        await waitFor(page, (p) => window.digitlab.state().frames.presented > p, net, 5000, 'the 2-s net\'s frame');
        return (await state(page)).frames;
      };
      let shots = null, tries = 0;
      while (!shots && tries < 5) {
        ++tries;
        const before = await afterNet();
        const first = await page.screenshot();
        await new Promise((resolve) => setTimeout(resolve, 300));
        const second = await page.screenshot();
        const after = (await state(page)).frames;
        if (after.presented === before.presented) shots = { first, second, drawn: after.drawn - before.drawn };
      }
      assert.ok(shots, `${name}: a frame presented between two screenshots in each of ${tries} tries`);
      console.log(`${name}: no frame presented between two screenshots (try ${tries}), ${shots.drawn} drawn`);
      assert.ok(shots.drawn >= 1, `${name}: no frame drawn between the screenshots (one every 250 ms)`);
      const first = decodePng(shots.first);
      const text = brightFraction(first, { x: 0, y: 0, w: first.width, h: first.height });
      assert.ok(text > 0.002, `${name}: ${(100 * text).toFixed(3)}% of the page bright: is the canvas blank?`);
      assert.ok(decodePng(shots.second).pixels.equals(first.pixels), `${name}: the picture changed with no frame presented`);

      const before = await afterNet();
      await page.evaluate(() => { window.dispatchEvent(new Event('resize')); });
      await waitFor(page, (p) => window.digitlab.state().frames.presented > p, before.presented, 1000,
                    'a frame presented after the resize event');
      await nextFrames(page, 2);
      assert.ok(decodePng(await page.screenshot()).pixels.equals(first.pixels),
                `${name}: after a resize event the page shows the picture it showed before`);
    });

    test('reads a 1 drawn with a finger', async (t) => {
      if (name === 'webkit') {
        t.skip('WebKitGTK\'s WebDriver sends a touch pointer as mouse events');
        return;
      }
      await page.evaluate(() => window.digitlab.clear());
      await drawStroke(page, DIGITS[1][0], { input: 'touch' });
      const s = await state(page);
      assert.equal(s.prediction, 1, `${name}: a finger drew a 1, read ${s.prediction}`);
    });

    test('a small training runs to the end with progress; Evaluate sums to the evaluated count', async () => {
      await page.evaluate(() => window.digitlab.filesLoaded.then(() => true));
      await page.evaluate(() => window.digitlab.showPanel('train'));
      // Progress seen by the page itself, every frame, while it trains.
      const watched = page.evaluate(() => new Promise((resolve) => {
        const seen = [];
        window.digitlab.train({ preset: 'poly2', subset: 1000, max_iter: 30 });
        const tick = () => {
          const t = window.digitlab.state().training;
          if (t.running) {
            seen.push(t.progress);
            requestAnimationFrame(tick);
          } else {
            resolve({ seen, training: t });
          }
        };
        requestAnimationFrame(tick);
      }));
      const { seen, training } = await watched;
      const mid = seen.filter((p) => p > 0 && p < 1);
      assert.ok(mid.length >= 3, `${name}: progress between 0 and 1 in ${mid.length} frames`);
      for (let i = 1; i < seen.length; ++i) assert.ok(seen[i] >= seen[i - 1] - 1e-9, 'progress never goes back');
      assert.equal(training.iteration, 30, JSON.stringify(training));
      assert.equal(training.status, 'max_iter');
      assert.equal(training.where, 'worker', `${name}: the fit ran in a Web Worker (issue 12)`);

      await waitFor(page, () => {
        const s = window.digitlab.state();
        return s.accuracy !== null && /trained in this page/.test(s.model);
      }, null, LONG, 'the trained model\'s evaluation');
      await page.evaluate(() => window.digitlab.showPanel('evaluate'));
      await nextFrames(page, 3);
      const s = await state(page);
      const total = s.confusion.flat().reduce((a, b) => a + b, 0);
      assert.equal(total, s.evaluated, 'the confusion matrix sums to the evaluated count');
      assert.equal(total, 10000);
      const diagonal = s.confusion.reduce((sum, row, i) => sum + row[i], 0);
      assert.ok(Math.abs(diagonal / total - s.accuracy) < 1e-9, 'accuracy is the trace over the total');
      assert.ok(s.accuracy > 0.85, `1,000 digits, 30 iterations: accuracy ${s.accuracy}`);
      trainedConfusion[name] = s.confusion;
      console.log(`${name}: trained on 1,000 digits, accuracy ${s.accuracy}`);
      await savePng(page, `engine-${name}-evaluate`);
    });

    test('a bad model file is refused; the model in use stays', async () => {
      const modelBefore = (await state(page)).model;
      const garbage = Array.from(new TextEncoder().encode('not a model, just text'));
      const result = await page.evaluate((b) => window.digitlab.importModel(new Uint8Array(b), 'bad.dlm'), garbage);
      assert.equal(result.ok, false);
      assert.match(result.notice, /bad\.dlm.*not a Digit Lab model/);
      const s = await state(page);
      assert.equal(s.model, modelBefore);
      assert.equal(s.notice_is_error, true);
    });

    test('the lesson\'s Next and Back, clicked', async () => {
      await page.evaluate(() => window.digitlab.open('lesson=1'));
      await nextFrames(page, 3);
      let l = (await state(page)).lesson;
      assert.equal(l.active, true);
      assert.equal(l.step, 1);
      await click(page, l.next_button);
      l = (await state(page)).lesson;
      assert.equal(l.step, 2, `${name}: Next went to step ${l.step}`);
      assert.equal((await state(page)).panel, 'looking');
      await savePng(page, `engine-${name}-lesson`);
      await click(page, l.back_button);
      l = (await state(page)).lesson;
      assert.equal(l.step, 1, `${name}: Back went to step ${l.step}`);
      assert.equal((await state(page)).panel, 'mnist');
    });

    test('an embedded panel loads by URL', async () => {
      await reopen(page, `${site.url}?panel=sigmoid&threshold=0.7`);
      await nextFrames(page, 3);
      const s = await state(page);
      assert.equal(s.embedded, true);
      assert.equal(s.panel, 'sigmoid');
      assert.ok(Math.abs(s.chapters.sigmoid.threshold - 0.7) < 1e-6, 'threshold from the address');
      await savePng(page, `engine-${name}-embedded`);
      assert.deepEqual(page.errors, [], `${name}: console errors`);
    });
  });
}

test('the same training gives the same confusion matrix in every engine', (t) => {
  const ran = Object.keys(trainedConfusion);
  if (engines.length < 2) {
    t.skip(`only ${engines.join(', ')} asked for (DIGITLAB_ENGINES)`);
    return;
  }
  assert.equal(ran.length, engines.length, `trained in ${ran.join(', ')} of ${engines.join(', ')}`);
  for (const name of ran.slice(1)) {
    assert.deepEqual(trainedConfusion[name], trainedConfusion[ran[0]], `${name} against ${ran[0]}`);
  }
});
