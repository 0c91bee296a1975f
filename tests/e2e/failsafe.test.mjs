// No setting and no fault breaks the page, in headless Chromium: training requests the
// page cannot hold are refused before they start (with what they need and what to
// change) and slow ones are announced; a C++ exception inside a running job ends only
// that job (frames go on, the notice says so, the model in use still predicts); and
// loading other training digits while a job reads them leaves the job on its own share.
// Screenshots of each answer land in tests/e2e/artifacts/failsafe-*.png.
//   node --test tests/e2e/          (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { drawPolyline, launchBrowser, nextFrames, openApp, saveScreenshot, startSite } from './helpers.mjs';

let site;
let browser;
let app;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  app = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
});

after(async () => {
  await app?.context.close();
  await browser?.close();
  await site?.close();
});

const state = () => app.page.evaluate(() => window.digitlab.state());

// A "1": one vertical stroke, which every model here reads; drawn on the Draw panel,
// then back to the panel that was showing.
async function drawOne() {
  const panel = (await state()).panel;
  await app.page.evaluate(() => window.digitlab.showPanel('draw'));
  await nextFrames(app.page, 3);
  await app.page.evaluate(() => window.digitlab.clear());
  await drawPolyline(app.page, [[0.5, 0.15], [0.5, 0.85]]);
  await nextFrames(app.page, 2);
  const drawn = await state();
  await app.page.evaluate((p) => window.digitlab.showPanel(p), panel);
  await nextFrames(app.page, 3);
  return drawn;
}

// Frames drawn by the page in `ms` milliseconds (requestAnimationFrame callbacks).
function framesIn(ms) {
  return app.page.evaluate((wait) => new Promise((resolve) => {
    let frames = 0;
    const start = performance.now();
    const tick = () => {
      ++frames;
      if (performance.now() - start < wait) requestAnimationFrame(tick);
      else resolve(frames);
    };
    requestAnimationFrame(tick);
  }), ms);
}

async function waitForTrainingEnd(timeout = 120000) {
  await app.page.waitForFunction(() => {
    const t = window.digitlab.state().training;
    return !t.running && t.status !== 'running';
  }, null, { timeout });
  return state();
}

test('training requests too big for the page are refused before they start; slow ones say so', async () => {
  const before = await drawOne();
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  await nextFrames(app.page, 3);
  // What each answers (the README and the closing note list them).
  const refused = [
    ['no-pca-degree2-60000', { preset: 'poly2', pca: 0, subset: 60000 },
     /degree 2 on 784 pixels makes 308,504 features and 3\.1 million weights: about 1\.\d GB .*Turn PCA on/],
    ['pca784-degree2', { preset: 'poly2', pca: 784, subset: 10000 },
     /PCA with 784 components .* eigen step .* Use at most \d+ components here/],
    ['ovr-pca300-degree2', { preset: 'poly2', pca: 300, model: 'ovr', subset: 10000 },
     /PCA with 300 components .* would freeze/],
  ];
  for (const [name, settings] of refused) {
    await app.page.evaluate((s) => window.digitlab.train(s), settings);
    await nextFrames(app.page, 3);
    const s = await state();
    assert.equal(s.training.running, false, `${name}: nothing started`);
    assert.equal(s.notice_is_error, true, name);
    assert.match(s.notice, /^cannot train: /, name);
    assert.match(s.notice, refused.find(([n]) => n === name)[2], `${name}: ${s.notice}`);
    assert.equal(s.model, before.model, `${name}: the model stays`);
    assert.ok(await framesIn(1000) >= 3, `${name}: the page keeps drawing`);
    await saveScreenshot(app.page, `failsafe-${name}`);
  }
  // Degree 2 without PCA on 1,000 digits fits in memory: it starts, says how slow it is,
  // and Stop ends it with the model so far while the page goes on drawing (slowly: a
  // frame holds a block of 128 digits, 3 million weights).
  const shipped = await app.page.evaluate(() => Array.from(window.digitlab.exportModel()));
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', pca: 0, subset: 1000 }));
  await nextFrames(app.page, 3);
  let s = await state();
  assert.equal(s.training.running, true, s.notice);
  assert.match(s.notice, /308,504 features: .* a pass, so up to about .* at max_iter 1000/);
  // A block of rows is more than a frame: the page's own thread would stutter; the
  // worker that runs it here leaves the page's frames alone, and the notice says nothing of it.
  assert.equal(s.training.where, 'worker');
  assert.doesNotMatch(s.notice, /answers slowly/);
  assert.match(s.training.estimate, /308,504 features, 3\.1 million weights, about \d+ MB/);
  await app.page.waitForFunction(() => window.digitlab.state().training.iteration >= 1, null, { timeout: 120000 });
  assert.ok(await framesIn(2000) >= 2, 'frames go on while the heavy run trains');
  await saveScreenshot(app.page, 'failsafe-no-pca-degree2-1000');
  await app.page.evaluate(() => window.digitlab.stop());
  s = await waitForTrainingEnd();
  assert.ok(['stopped', 'failed'].includes(s.training.status), JSON.stringify(s.training));
  // Back to the shipped model for the tests after this one.
  const back = await app.page.evaluate((b) => window.digitlab.importModel(new Uint8Array(b), 'shipped.dlm'), shipped);
  assert.equal(back.ok, true, back.notice);
  assert.deepEqual(app.consoleErrors, []);
});

test('a C++ exception inside a running job ends only that job; the model in use still predicts', async () => {
  const before = await drawOne();
  assert.equal(before.prediction, 1);
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  await nextFrames(app.page, 3);
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 3000, max_iter: 300 }));
  await app.page.waitForFunction(() => window.digitlab.state().training.iteration >= 3, null, { timeout: 60000 });
  await app.page.evaluate(() => window.digitlab.injectFault('train'));
  const s = await waitForTrainingEnd();
  assert.equal(s.training.status, 'failed', JSON.stringify(s.training));
  assert.match(s.training.message, /injected/);
  assert.equal(s.notice_is_error, true);
  assert.match(s.notice, /training failed at iteration \d+: a fault injected .* the model in use stays/);
  assert.equal(s.model, before.model, 'the previous model is still the one in use');
  assert.ok(await framesIn(1000) >= 3, "frames continue after the exception");
  await saveScreenshot(app.page, 'failsafe-exception-in-training');
  const after = await drawOne();
  assert.equal(after.prediction, 1, 'the kept model still reads the drawing');
  assert.deepEqual(after.softmax, before.softmax);

  // The same inside a chapter's own work (MNIST statistics, gathered a block per frame).
  await app.page.evaluate(() => window.digitlab.injectFault('chapter'));
  await app.page.evaluate(() => window.digitlab.showPanel('mnist'));
  await app.page.waitForFunction(() => /mnist chapter's work stopped/.test(window.digitlab.state().notice));
  assert.ok(await framesIn(1000) >= 3, "frames continue after a chapter fault");
  await saveScreenshot(app.page, 'failsafe-exception-in-chapter');
  assert.equal((await drawOne()).prediction, 1);
  await app.page.evaluate(() => window.digitlab.showPanel('train'));

  // And a new training run works after both.
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 1000, max_iter: 30 }));
  const again = await waitForTrainingEnd();
  assert.ok(['converged', 'max_iter', 'line_search_failed'].includes(again.training.status), JSON.stringify(again.training));
  assert.deepEqual(app.consoleErrors, []);
});

test('loading other training digits while a job reads the old ones leaves the job on its own share', async () => {
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  // All 60,000 asked: the job reads the page's own loaded set (all of it but the run's
  // validation slice, which the model never fits), not a copy.
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 60000, max_iter: 15 }));
  await app.page.evaluate(() => window.digitlab.loadFile('train-labels-idx1-ubyte', 'assets/mnist/t10k-labels-idx1-ubyte.gz'));
  await app.page.waitForFunction(() => /scaling|PCA covariance/.test(window.digitlab.state().training.stage));
  // The 10,000 test images become the training set while the job still reads rows.
  await app.page.evaluate(() => window.digitlab.loadFile('train-images-idx3-ubyte', 'assets/mnist/t10k-images-idx3-ubyte.gz'));
  const swapped = await state();
  assert.equal(swapped.data.train, 10000, 'the page now holds the new training set');
  assert.ok(['scaling', 'PCA covariance', 'PCA eigenvectors', 'features'].includes(swapped.training.stage),
            `the swap came while the job read rows: ${swapped.training.stage}`);
  assert.equal(swapped.training.validation_digits, 2000);
  assert.equal(swapped.training.digits, 58000, 'all 60,000 but the validation slice');
  const done = await waitForTrainingEnd(180000);
  assert.ok(['converged', 'max_iter', 'line_search_failed'].includes(done.training.status), JSON.stringify(done.training));
  assert.equal(done.training.digits, 58000, 'the job finished on the 58,000 digits it started with');
  assert.match(done.notice, /trained .* on 58,000 digits/);
  // A new run trains on the new set.
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 10000, max_iter: 10 }));
  const next = await waitForTrainingEnd();
  assert.equal(next.training.digits, 8000, 'the new set\'s 10,000 but its validation slice of 2,000');
  await saveScreenshot(app.page, 'failsafe-dataset-swap');
  assert.deepEqual(app.consoleErrors, []);
});
