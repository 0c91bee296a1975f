// Issue 12: the solvers. The Logistic regression chapter races softmax with L-BFGS,
// Newton-CG and SAG on the same min-max scaled digits (race=1 in the address, or its
// "Race the solvers" button); the three minimize one strictly convex objective, so each
// run that meets scikit-learn's rule must land on the same optimum: the same log-loss to
// the rule's precision and, within a few test digits, the same accuracy. Their costs
// differ, and are counted in passes over the data. The Train panel trains with SAG too.
//   cd tests/e2e && node --test solvers.test.mjs          (after ./build-wasm.sh)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSite, launchBrowser, openApp, nextFrames, saveScreenshot } from './helpers.mjs';

let site, browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

const state = (page) => page.evaluate(() => window.digitlab.state());

test('the solvers race to one optimum, each counting its passes', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url + '?sw=0&panel=logistic&embed=0&race=1',
                                                         { viewport: { width: 1280, height: 800 } });
  try {
    await page.waitForFunction(() => {
      const l = window.digitlab.state().chapters.logistic;
      return l.race.length === 3 && l.race.every((r) => r.done);
    }, null, { timeout: 600000 });
    await nextFrames(page, 3);
    const race = (await state(page)).chapters.logistic.race;
    assert.deepEqual(race.map((r) => r.label), ['L-BFGS', 'Newton-CG', 'SAG']);
    for (const r of race) assert.equal(r.status, 'converged', `${r.label}: ${r.status} ${r.error}`);
    // One optimum: tol 1e-4 stops each a little short of it, in its own way; the mean
    // log-loss agrees to a few parts in ten thousand, the accuracy to 0.3 point.
    const losses = race.map((r) => r.loss);
    const spread = Math.max(...losses) - Math.min(...losses);
    assert.ok(spread < 5e-4 * Math.min(...losses), `losses ${losses}`);
    const accuracies = race.map((r) => r.accuracy.test);
    assert.ok(Math.max(...accuracies) - Math.min(...accuracies) <= 0.003, `accuracies ${accuracies}`);
    // The costs, counted as the solvers count them (sag_descent.hpp, newton_cg.hpp): SAG
    // measures the start, then each epoch of single-digit steps and its measuring pass;
    // every Newton iteration costs a gradient pass and at least one Hessian pass.
    const [lbfgs, newton, sag] = race;
    assert.equal(sag.passes, 2 * sag.iterations + 1);
    assert.ok(newton.passes >= 2 * newton.iterations + 1, `Newton-CG: ${newton.passes} passes, ${newton.iterations} iterations`);
    assert.ok(lbfgs.passes >= lbfgs.iterations, `L-BFGS: ${lbfgs.passes} passes, ${lbfgs.iterations} iterations`);
    assert.ok(newton.iterations < lbfgs.iterations / 4, 'Newton-CG takes far fewer iterations than L-BFGS');
    // The plain loss plot shows the passes where they differ, not SAG's whole run: from
    // race_close_from on every solver's loss stays within 1% of the plot's height (the
    // highest loss) of the lowest, and the pass before, one was still outside (the slack:
    // C++ compares in float).
    const l = (await state(page)).chapters.logistic;
    const curves = l.race_loss_by_pass;
    assert.deepEqual(curves.map((c) => c.length), race.map((r) => r.passes));
    const lowest = Math.min(...curves.flat()), band = 0.01 * Math.max(...curves.flat());
    const from = l.race_close_from;
    assert.ok(from > 1 && from < sag.passes / 4, `close from pass ${from} of ${sag.passes}`);
    for (const c of curves) assert.ok(c.slice(from - 1).every((v) => v <= lowest + band + 1e-6), 'all close from there on');
    assert.ok(curves.some((c) => c[from - 2] > lowest + band - 1e-6), 'one outside the pass before');
    assert.equal(l.race_passes_shown, Math.max(20, Math.floor(from * 3 / 2)));
    assert.deepEqual((await state(page)).layout.cut, [], 'the race fits at 1280');
    await saveScreenshot(page, 'solvers-race-desktop');
    await page.setViewportSize({ width: 390, height: 844 });
    await nextFrames(page, 6);
    await saveScreenshot(page, 'solvers-race-phone');
    // Narrowed, the chapters' tabs become a list, still on this chapter (a phone turned upright).
    assert.equal((await state(page)).panel, 'logistic');
    assert.deepEqual((await state(page)).layout.cut, [], 'the race fits at 390');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});

test('the Train panel trains with SAG and says how many epochs', async () => {
  const { context, page, consoleErrors } = await openApp(browser, site.url + '?sw=0', { viewport: { width: 390, height: 844 }, hasTouch: true });
  try {
    await page.waitForFunction(() => window.digitlab.state().data.train > 0 && window.digitlab.state().accuracy !== null,
                               null, { timeout: 180000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await page.evaluate(() => window.digitlab.train({ preset: 'minmax', subset: 3000, solver: 'sag', stop: 'sklearn', max_iter: 1000 }));
    await page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model) &&
                               window.digitlab.state().accuracy !== null, null, { timeout: 300000 });
    const s = await state(page);
    assert.match(s.train_form, /(^|&)solver=sag(&|$)/);
    assert.equal(s.training.status, 'converged', s.training.message);
    assert.equal(s.training.passes, 2 * s.training.iteration + 1);
    // MinMax pixels on 3,000 digits: L-BFGS reaches about 89% on the test digits
    // (`digitlab train --preset minmax --subset 2000`: 88.83% for every solver).
    assert.ok(s.accuracy > 0.86 && s.accuracy < 0.93, `accuracy ${s.accuracy}`);
    await nextFrames(page, 3);
    await saveScreenshot(page, 'solvers-train-sag-phone');
    assert.deepEqual((await state(page)).layout.cut, [], 'the Train panel fits at 390');
    assert.deepEqual(consoleErrors, []);
  } finally {
    await context.close();
  }
});
