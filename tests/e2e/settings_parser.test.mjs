// The page's one key=value parser (src/app/logic/key_values.hpp), seen from outside:
// window.digitlab.train with a bad value or an unknown key starts nothing and names each
// problem; the address (window.digitlab.open, as location.search) is URL-decoded, applies
// what it understands and names the rest. The messages themselves are checked natively
// (tests/test_key_values.cpp, tests/test_train_form.cpp).
//   cd tests/e2e && node --test settings_parser.test.mjs      (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, nextFrames, openApp, startSite } from './helpers.mjs';

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

test('train(): a bad value, one out of range or an unknown key starts nothing and is named', async () => {
  const before = await state();
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 'abc', sbset: 10, poly: 3, scaling: 'min-max' }));
  await nextFrames(app.page, 3);
  let s = await state();
  assert.equal(s.training.running, false);
  assert.equal(s.notice_is_error, true);
  assert.equal(s.notice,
               "window.digitlab.train: subset=abc: expected a whole number from 1 to 10000000; unknown key 'sbset'; " +
               'poly=3: expected a whole number from 1 to 2; scaling=min-max: expected none, standard or minmax ' +
               "in 'preset=poly2;subset=abc;sbset=10;poly=3;scaling=min-max'; nothing started");
  assert.equal(s.model, before.model);
  // The same call with good values starts.
  await app.page.evaluate(() => window.digitlab.train({ preset: 'minmax', subset: 500, max_iter: 3, scaling: 'standard' }));
  await nextFrames(app.page, 2);
  s = await state();
  assert.match(s.notice, /^train(ing|ed) StandardScaler on 500 digits/);  // 3 iterations may end within 2 frames
  await app.page.evaluate(() => window.digitlab.stop());
  // Its end (a notice of its own) comes before the next test's notice is read.
  await app.page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 60000 });
  await nextFrames(app.page, 3);
  assert.deepEqual(app.consoleErrors, []);
});

test('the address: decoded, applied where understood, the rest named', async () => {
  // "thr%65shold" is "threshold"; '+' is a space, so "di+git" is the unknown key "di git".
  await app.page.evaluate(() => window.digitlab.open('?thr%65shold=0.35&di+git=3&scale=abc&solver=sgd'));
  await nextFrames(app.page, 3);
  const s = await state();
  assert.ok(Math.abs(s.chapters.sigmoid.threshold - 0.35) < 1e-6, `threshold ${s.chapters.sigmoid.threshold}`);
  assert.equal(s.notice_is_error, true);
  assert.equal(s.notice, "not understood in the address: unknown key 'di git'; scale=abc: expected a number; " +
                         'solver=sgd: expected lbfgs, minibatch, newton-cg or sag');
  assert.deepEqual(app.consoleErrors, []);
});
