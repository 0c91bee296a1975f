// Issue 12: the Train panel's fit runs in Web Workers (web/fit-worker.js), so training
// never competes with drawing and goes on while the page draws no frames (a background
// tab). One worker runs the same ValidatedFitJob as the page's own thread (?workers=0):
// the same settings give the same passes, loss and model, byte for byte. Two or four
// share the rows of each pass (?workers=2, 4) and give that model too, byte for byte
// (each holds a whole subtree of the pass's pairwise sum, and the PCA covariance's sums
// they share are exact integers); three add the rows in another order and land on the
// same optimum.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot, siteDir } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const state = (page) => page.evaluate(() => window.digitlab.state());

async function openTrainPanel(query) {
  const app = await openApp(browser, site.url + query, { viewport: { width: 1280, height: 800 } });
  await app.page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  await nextFrames(app.page, 2);
  return app;
}

// Trains with `settings` to the end and waits for the new model's evaluation.
async function trainToEnd(page, settings) {
  await page.evaluate((s) => window.digitlab.train(s), settings);
  await page.waitForFunction(() => window.digitlab.state().training.running === false &&
                                   /trained in this page/.test(window.digitlab.state().model), null, { timeout: 300000 });
  await page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: 120000 });
  const s = await state(page);
  const model = await page.evaluate(() => Array.from(window.digitlab.exportModel()));
  return { s, model };
}

test('the worker reaches the same model as the page\'s own thread', async () => {
  const settings = { preset: 'minmax', subset: 3000, stop: 'sklearn', max_iter: 60 };
  const results = {};
  for (const [name, query] of [['main thread', '?workers=0'], ['worker', '?workers=1']]) {
    const { context, page, consoleErrors } = await openTrainPanel(query);
    try {
      const { s, model } = await trainToEnd(page, settings);
      assert.equal(s.training.where, name, JSON.stringify(s.training));
      assert.equal(s.training.workers, name === 'worker' ? 1 : 0);
      assert.deepEqual(consoleErrors, []);
      results[name] = { t: s.training, accuracy: s.accuracy, confusion: s.confusion, model };
      await saveScreenshot(page, `workers-trained-${name.replace(' ', '-')}`);
    } finally {
      await context.close();
    }
  }
  const main = results['main thread'], worker = results.worker;
  for (const key of ['status', 'passes', 'iteration', 'loss', 'stopped_by', 'digits', 'validation_digits'])
    assert.equal(worker.t[key], main.t[key], `${key}: worker ${worker.t[key]}, main thread ${main.t[key]}`);
  assert.equal(worker.accuracy, main.accuracy, 'the same accuracy on the 10,000 test digits');
  assert.deepEqual(worker.confusion, main.confusion);
  assert.equal(worker.model.length, main.model.length);
  assert.ok(worker.model.every((b, i) => b === main.model[i]), 'the same model file, byte for byte');
});

// The page's default run (degree-2 features, whose blocks sum in float between flushes,
// and the settled rule, which stops on the validation accuracy): where the sum of a pass
// was split by worker, two workers stopped the Best preset after 277 passes and one after
// 148 (README, 2026-12-05). Now 2 and 4 must stop at one worker's pass with its model.
test('two and four workers give one worker\'s model, byte for byte', async () => {
  const settings = { preset: 'poly2', subset: 6000, stop: 'settled' };
  const results = {};
  for (const workers of [1, 2, 4]) {
    const { context, page, consoleErrors } = await openTrainPanel(`?workers=${workers}`);
    try {
      const { s, model } = await trainToEnd(page, settings);
      assert.equal(s.training.where, 'worker');
      assert.equal(s.training.workers, workers, JSON.stringify(s.training));
      // PCA 30: every worker summed its share of the covariance's rows (pipeline_fit_job.hpp).
      assert.equal(s.training.covariance_workers, workers, JSON.stringify(s.training));
      assert.equal(s.training.stopped_by, 'settled', JSON.stringify(s.training));
      assert.deepEqual(consoleErrors, []);
      results[workers] = { t: s.training, accuracy: s.accuracy, model };
    } finally {
      await context.close();
    }
  }
  const one = results[1];
  console.log(`one worker: ${one.t.passes} passes, loss ${one.t.loss}, accuracy ${one.accuracy}`);
  for (const workers of [2, 4]) {
    const other = results[workers];
    for (const key of ['status', 'passes', 'loss', 'stopped_by'])
      assert.equal(other.t[key], one.t[key], `${key}: ${workers} workers ${other.t[key]}, one ${one.t[key]}`);
    assert.equal(other.accuracy, one.accuracy);
    assert.equal(other.model.length, one.model.length);
    assert.ok(other.model.every((b, i) => b === one.model[i]), `${workers} workers: the same model file, byte for byte`);
  }
});

// Three workers add the same rows' losses in another order (groups 0-9, 10-20, 21-31),
// so the last bits differ and L-BFGS's path drifts (at 60 iterations the loss differed
// by 0.3%): compared at convergence, where both must sit on the one optimum.
test('three workers sharing the rows converge to one worker\'s model', async () => {
  const settings = { preset: 'minmax', subset: 3000, stop: 'sklearn', max_iter: 2000 };
  const results = {};
  for (const workers of [1, 3]) {
    const { context, page, consoleErrors } = await openTrainPanel(`?workers=${workers}`);
    try {
      const { s } = await trainToEnd(page, settings);
      assert.equal(s.training.where, 'worker');
      assert.equal(s.training.workers, workers, JSON.stringify(s.training));
      // At the optimum the float32 products' rounding can leave the line search no lower
      // step before max |g| <= tol: a run may end there (scikit-learn's
      // ABNORMAL_TERMINATION_IN_LNSRCH warning) on either side; both are at the optimum.
      assert.ok(['converged', 'line_search_failed'].includes(s.training.status), JSON.stringify(s.training));
      assert.deepEqual(consoleErrors, []);
      results[workers] = s;
    } finally {
      await context.close();
    }
  }
  const one = results[1], two = results[3];
  console.log(`one worker: ${one.training.status}, ${one.training.passes} passes, loss ${one.training.loss}, ` +
              `accuracy ${one.accuracy}; three: ${two.training.status}, ${two.training.passes} passes, loss ${two.training.loss}, ` +
              `accuracy ${two.accuracy}`);
  assert.ok(Math.abs(two.training.loss - one.training.loss) <= 1e-5 * one.training.loss,
            `loss ${two.training.loss} vs ${one.training.loss}`);
  assert.ok(Math.abs(two.accuracy - one.accuracy) <= 0.001, `accuracy ${two.accuracy} vs ${one.accuracy}`);
});

test('a shard\'s worker that cannot load hands its rows back: one worker fits them all', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/fit-worker\.js\?role=shard/, (route) => route.abort());
  try {
    await page.goto(site.url + '?sw=0&workers=2');
    await page.waitForFunction(() => window.digitlab?.state().ready === true, null, { timeout: 60000 });
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    const { s } = await trainToEnd(page, { preset: 'minmax', subset: 1000, stop: 'sklearn', max_iter: 20 });
    assert.equal(s.training.where, 'worker', JSON.stringify(s.training));
    assert.equal(s.training.workers, 1, 'the run did not wait for the shard that never came');
    assert.equal(s.training.status, 'max_iter');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// A shard's worker that fails on its share of the PCA covariance's rows (its script here
// answers 'broken' to them, as it does when it has no memory for them): the first worker
// sums those rows itself, trains alone, and ends on one worker's model, byte for byte.
test('a shard that fails on its covariance rows hands them back: one worker\'s model', async () => {
  const settings = { preset: 'poly2', subset: 3000, stop: 'sklearn', max_iter: 30 };
  const alone = await openTrainPanel('?workers=1');
  let one;
  try {
    one = await trainToEnd(alone.page, settings);
  } finally {
    await alone.context.close();
  }
  const script = readFileSync(join(siteDir, 'fit-worker.js'), 'utf8');
  const failing = script.replace('function asShard(m) {\n', "function asShard(m) {\n  if (m.type === 'covariance') " +
    "{ shardPort.postMessage({ type: 'broken', message: 'no memory for the covariance rows (a test)' }); return; }\n");
  assert.notEqual(failing, script, 'asShard is where the test expects it');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/fit-worker\.js\?role=shard/, (route) => route.fulfill({ contentType: 'text/javascript', body: failing }));
  try {
    await page.goto(site.url + '?sw=0&workers=2');
    await page.waitForFunction(() => window.digitlab?.state().ready === true, null, { timeout: 60000 });
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    const started = Date.now();
    const { s, model } = await trainToEnd(page, settings);
    // At once, not after the 30 s a silent shard is given (web/fit-worker.js).
    assert.ok(Date.now() - started < 20000, `${Date.now() - started} ms`);
    assert.equal(s.training.where, 'worker', JSON.stringify(s.training));
    assert.equal(s.training.workers, 1, 'the rows came back to the first worker');
    assert.equal(s.training.covariance_workers, 1);
    assert.equal(s.training.passes, one.s.training.passes);
    assert.ok(model.length === one.model.length && model.every((b, i) => b === one.model[i]), 'one worker\'s model, byte for byte');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('Stop in the worker keeps the model so far, which then predicts', async () => {
  const { context, page, consoleErrors } = await openTrainPanel('');
  try {
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 5000, max_iter: 1000 }));
    await page.waitForFunction(() => window.digitlab.state().training.iteration >= 5, null, { timeout: 120000 });
    const during = (await state(page)).training;
    assert.equal(during.where, 'worker');
    assert.equal(during.running, true);
    assert.ok(during.curve_points >= during.passes - 1, `the curve from the first pass: ${during.curve_points} points, ${during.passes} passes`);
    await page.evaluate(() => window.digitlab.stop());
    await page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 30000 });
    await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 30000 });
    const s = await state(page);
    assert.equal(s.training.status, 'stopped');
    assert.equal(s.training.stopped_by, 'user');
    assert.ok(s.training.iteration >= during.iteration);
    await nextFrames(page, 3);
    assert.equal((await state(page)).training.live.pass, s.training.passes, 'the live view ends on the last pass');
    await page.evaluate(() => { window.digitlab.showPanel('draw'); window.digitlab.useTestDigit(0); });
    await nextFrames(page, 3);
    const drawn = await state(page);
    assert.ok(drawn.prediction >= 0 && drawn.prediction <= 9, `prediction ${drawn.prediction}`);
    assert.ok(Math.abs(drawn.softmax.reduce((a, b) => a + b, 0) - 1) < 1e-4);
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

// Pressing Train hands the worker its request a few MB at a time after the press returns
// (web/fit-workers.js). Stop in the same task, and a switch of dataset (which cancels the
// run and lets its digits go), land while it is still being copied: the worker must get
// Stop after the request, and no request at all for the cancelled run. The messages to
// the training workers are watched by wrapping Worker's postMessage.
test('Stop, or a switch of dataset, while the request is still being copied reaches the right run', async () => {
  const { context, page, consoleErrors } = await openTrainPanel('?workers=2');
  try {
    await page.evaluate(() => {
      window.__posted = [];
      const post = Worker.prototype.postMessage;
      Worker.prototype.postMessage = function (m, ...rest) {
        if (m && (m.type === 'start' || m.type === 'stop' || m.type === 'cancel')) window.__posted.push(`${m.type} ${m.run}`);
        return post.call(this, m, ...rest);
      };
      window.digitlab.train({ preset: 'poly2', subset: 60000, max_iter: 1000 });
      window.digitlab.stop();
    });
    await page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 60000 });
    const t = (await state(page)).training;
    assert.equal(t.where, 'worker');
    assert.equal(t.status, 'stopped');
    assert.equal(t.stopped_by, 'user');
    assert.ok(t.passes <= 2, `stopped before it got going, not at the end: ${t.passes} passes`);
    const [first, stopped] = await page.evaluate(() => window.__posted);
    assert.match(first, /^start \d+$/);
    assert.equal(stopped, first.replace('start', 'stop'), 'Stop went after the request, for its run');

    assert.deepEqual((await state(page)).datasets, ['mnist', 'fashion'],
                     'build-wasm.sh found no Fashion-MNIST: run scripts/setup.sh --fashion, then ./build-wasm.sh');
    const posted = await page.evaluate(() => {
      window.__posted.length = 0;
      window.digitlab.train({ preset: 'poly2', subset: 60000, max_iter: 1000 });
      const t = window.digitlab.state().training;
      const started = `${t.where} ${t.running}`;   // in the worker's hands, its request being joined
      window.digitlab.useDataset('fashion');
      return { started, messages: window.__posted.slice() };
    });
    assert.equal(posted.started, 'worker true');
    // (A cancel for the stopped run before, as every press sends one, may go.)
    assert.deepEqual(posted.messages.filter((m) => !m.startsWith('cancel ' + first.split(' ')[1])), [], 'nothing posted for the new run');
    await page.waitForFunction(() => window.digitlab.state().data.train === 60000 && window.digitlab.state().dataset === 'fashion',
                               null, { timeout: 120000 });
    await page.waitForTimeout(500);
    assert.deepEqual((await page.evaluate(() => window.__posted)).filter((m) => m.startsWith('start')), [],
                     'the cancelled run\'s request never went');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

// No frames: requestAnimationFrame keeps the program's next frame instead of running it,
// as a hidden tab does; `resume` hands it back.
const pauseFrames = (page) => page.evaluate(() => {
  window.__raf = window.requestAnimationFrame;
  window.requestAnimationFrame = (f) => { window.__pendingFrame = f; return 0; };
});
const resumeFrames = (page) => page.evaluate(() => {
  window.requestAnimationFrame = window.__raf;
  if (window.__pendingFrame) window.requestAnimationFrame(window.__pendingFrame);
});

async function passesWithoutFrames(page) {
  await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 5000, max_iter: 1000 }));
  await page.waitForFunction(() => window.digitlab.state().training.iteration >= 3, null, { timeout: 120000 });
  await pauseFrames(page);
  await page.waitForTimeout(300);  // the frame already asked for runs
  const before = (await state(page)).training;
  await page.waitForTimeout(2000);
  const after = (await state(page)).training;
  await resumeFrames(page);
  await page.evaluate(() => window.digitlab.stop());
  await page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 30000 });
  return { before, after };
}

test('training goes on while the page draws no frames (a background tab), only in the worker', async () => {
  {
    const { context, page, consoleErrors } = await openTrainPanel('');
    try {
      const { before, after } = await passesWithoutFrames(page);
      assert.equal(before.where, 'worker');
      assert.equal(after.frames, before.frames, 'no frame was drawn');
      assert.ok(after.passes > before.passes, `passes went on: ${before.passes} -> ${after.passes}`);
      assert.deepEqual(consoleErrors, []);
    } finally {
      await context.close();
    }
  }
  // The page's own thread trains in its frames: without them, nothing moves.
  const { context, page } = await openTrainPanel('?workers=0');
  try {
    const { before, after } = await passesWithoutFrames(page);
    assert.equal(before.where, 'main thread');
    assert.equal(after.frames, before.frames);
    assert.equal(after.passes, before.passes);
  } finally {
    await context.close();
  }
});

test('a worker that cannot load leaves the run to the page\'s thread, which trains it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/digitlab_fit_worker.*\.wasm$/, (route) => route.abort());
  try {
    await page.goto(site.url + '?sw=0');
    await page.waitForFunction(() => window.digitlab?.state().ready === true, null, { timeout: 60000 });
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    const { s } = await trainToEnd(page, { preset: 'minmax', subset: 1000, stop: 'sklearn', max_iter: 20 });
    assert.equal(s.training.where, 'main thread', JSON.stringify(s.training));
    assert.match(s.training.worker_problem, /digitlab_fit_worker/);
    assert.equal(s.training.status, 'max_iter');
    // The next run goes straight to the page's thread.
    await page.evaluate(() => window.digitlab.train({ preset: 'minmax', subset: 1000, stop: 'sklearn', max_iter: 5 }));
    assert.equal((await state(page)).training.where, 'main thread');
    await page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 60000 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// web/fit-workers.js makes the workers; a page whose copy of it did not arrive still
// starts, and fits on its own thread.
test('without web/fit-workers.js the page starts and trains on its own thread', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.route(/fit-workers\.js$/, (route) => route.abort());
  try {
    await page.goto(site.url + '?sw=0');
    await page.waitForFunction(() => window.digitlab?.state().ready === true, null, { timeout: 60000 });
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    const { s } = await trainToEnd(page, { preset: 'minmax', subset: 1000, stop: 'sklearn', max_iter: 5 });
    assert.equal(s.training.where, 'main thread', JSON.stringify(s.training));
    assert.match(s.training.worker_problem, /fit-workers\.js did not load/);
    assert.equal(s.training.status, 'max_iter');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

// The chapters' experiments fit in their own workers (web/fit-workers.js's chapterWorker,
// two of them sharing each softmax fit's rows here) and are scored on the page: the same
// runs as on the page's own thread (?workers=0), bit for bit (row_shards.hpp: two shards
// add every number as one does), while the page's slices of chapter work stay short
// (they only read reports and score).
test('a chapter\'s experiment fits in the chapters\' worker, with the page\'s thread\'s results', async () => {
  const query = 'panel=scaling&embed=0&subset=2000&max_iter=200&run=1';
  const results = {};
  for (const [name, prefix] of [['page', '?workers=0&'], ['worker', '?workers=2&']]) {
    const { context, page, consoleErrors } = await openApp(browser, site.url + prefix + query, { viewport: { width: 1280, height: 800 } });
    try {
      let sawWorkerStatus = false;
      const started = Date.now(), deadline = started + 300000;
      let c;
      for (;;) {
        const s = await state(page);
        c = { scaling: s.chapters.scaling, chapter_work: s.chapter_work };
        const runs = c.scaling.runs;
        sawWorkerStatus ||= runs.some((r) => !r.done && r.fitted_in === 'worker');
        if (runs.length === 3 && runs.every((r) => r.done)) break;
        assert.ok(Date.now() < deadline, `the runs did not finish: ${JSON.stringify(runs)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.deepEqual(consoleErrors, []);
      assert.equal(c.chapter_work.worker, name === 'worker', JSON.stringify(c.chapter_work));
      assert.ok(c.scaling.runs.every((r) => r.fitted_in === name && r.error === ''), JSON.stringify(c.scaling.runs));
      if (name === 'worker') assert.ok(sawWorkerStatus, 'a run was seen fitting in the worker');
      // Scaling's three runs are softmax L-BFGS fits: each shared by the two workers.
      if (name === 'worker') for (const run of c.scaling.runs) assert.equal(run.workers, 2, `${run.label} workers`);
      results[name] = { ...c, seconds: (Date.now() - started) / 1000 };
      await saveScreenshot(page, `workers-chapter-scaling-${name}`);
    } finally {
      await context.close();
    }
  }
  const here = results.page.scaling.runs, there = results.worker.scaling.runs;
  for (let i = 0; i < 3; ++i)
    for (const key of ['label', 'iterations', 'passes', 'loss', 'features', 'train_digits', 'loss_points'])
      assert.equal(there[i][key], here[i][key], `${here[i].label} ${key}: worker ${there[i][key]}, page ${here[i][key]}`);
  for (let i = 0; i < 3; ++i) assert.equal(there[i].accuracy.test, here[i].accuracy.test, here[i].label);
  // On the page's thread the fits take slices of frames; with the worker only scoring does.
  const slowest = (c) => c.chapter_work.longest_ms;
  assert.ok(slowest(results.worker) < 40, `the longest slice of chapter work with the worker: ${slowest(results.worker)} ms`);
  console.log(`chapter work's longest slice: page ${slowest(results.page).toFixed(1)} ms, worker ` +
              `${slowest(results.worker).toFixed(1)} ms; from opening to the three runs done: page ` +
              `${results.page.seconds.toFixed(1)} s, worker ${results.worker.seconds.toFixed(1)} s`);
});

// The tutorial's own sizes (issue 12): Logistic regression's softmax and one-vs-rest on
// all 70,000 digits pooled and split 80/20 with seed 42, in the chapters' worker, with
// the split in the address.
test('a chapter on the tutorial\'s 56,000 / 14,000 split, in the worker', async () => {
  const query = '?panel=logistic&embed=0&split=tutorial&scaling=minmax&solver=lbfgs&max_iter=30&run=1&workers=2';
  const { context, page, consoleErrors } = await openApp(browser, site.url + query, { viewport: { width: 390, height: 844 } });
  try {
    const started = Date.now();
    let s;
    for (;;) {
      s = await state(page);
      const runs = s.chapters.logistic.runs;
      if (runs.length === 2 && runs.every((r) => r.done)) break;
      assert.ok(Date.now() - started < 300000, `the runs did not finish: ${JSON.stringify(runs)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const l = s.chapters.logistic;
    assert.equal(l.tutorial_split, true);
    assert.match(await page.evaluate(() => location.search), /split=tutorial/);
    for (const run of l.runs) {
      assert.equal(run.train_digits, 56000, run.label);
      assert.equal(run.test_digits, 14000, run.label);
      assert.equal(run.fitted_in, 'worker', run.label);
      assert.equal(run.error, '');
      // Both L-BFGS fits share their rows across the two workers (one-vs-rest's ten
      // problems one after another, each with its own targets).
      assert.equal(run.workers, 2, run.label);
      // 30 L-BFGS iterations on min-max pixels: near the tutorial's 92% (the seed table's
      // converged MinMax row is 92.08% on these 14,000).
      assert.ok(run.accuracy.test > 0.88 && run.accuracy.test < 0.94, `${run.label}: ${run.accuracy.test}`);
    }
    assert.deepEqual(consoleErrors, []);
    console.log(`the tutorial's split: softmax ${(100 * l.runs[0].accuracy.test).toFixed(2)}%, one-vs-rest ` +
                `${(100 * l.runs[1].accuracy.test).toFixed(2)}% on 14,000 test digits, ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await saveScreenshot(page, 'workers-chapter-logistic-tutorial-split-390');
  } finally {
    await context.close();
  }
});
