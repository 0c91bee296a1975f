// The page's words, in headless Chromium: the glossary reaches the DOM as a definition
// list for screen readers; hovering a term on the Metrics and Evaluate matrices names it
// in state() and marks its cells; the Metrics note's numbers follow the cells given in the
// address; the Train panel's live curve is on a validation slice of the training digits
// and its diagnostics wait behind "Details"; the arrow keys reach terms as the pointer
// does. Screenshots: tests/e2e/artifacts/glossary-*.png.
//   cd tests/e2e && node --test glossary.test.mjs
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodePng, launchBrowser, nextFrames, openApp, saveScreenshot, startSite } from './helpers.mjs';

let site;
let browser;

before(async () => {
  site = await startSite(process.env.DIGITLAB_SITE ? { root: process.env.DIGITLAB_SITE } : {});
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const LONG = 240000;
const state = (app) => app.page.evaluate(() => window.digitlab.state());

// Pixels of the highlight colour (glossary_ui: IM_COL32(240, 60, 200)) in a screenshot.
function highlightPixels(png) {
  const image = decodePng(png);
  let n = 0;
  for (let i = 0; i < image.width * image.height; ++i) {
    const at = i * image.channels;
    const [r, g, b] = [image.pixels[at], image.pixels[at + 1], image.pixels[at + 2]];
    if (r > 200 && g < 100 && b > 160) ++n;
  }
  return n;
}

// Moves the mouse onto the glossary term `key` where the app last drew it.
async function hoverTerm(app, key) {
  const s = await state(app);
  const place = s.glossary_on_screen.find((p) => p.term === key);
  assert.ok(place, `${key} is on screen: ${JSON.stringify(s.glossary_on_screen.map((p) => p.term))}`);
  await app.page.mouse.move(place.x + place.w / 2, place.y + place.h / 2);
  await nextFrames(app.page, 4);
  return state(app);
}

test('the glossary is a definition list in the DOM, the same as state() gives', async () => {
  const app = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
  const s = await state(app);
  assert.ok(s.glossary.length >= 25, `${s.glossary.length} terms`);
  const terms = s.glossary.map((e) => e.term);
  for (const key of ['tp', 'fn', 'fp', 'tn', 'precision', 'recall', 'f1', 'support', 'macro_avg', 'weighted_avg',
                     'specificity', 'c', 'log_loss', 'epoch', 'lbfgs', 'minibatch', 'explained_variance',
                     'pca_component', 'softmax', 'sigmoid', 'threshold', 'validation_slice']) {
    assert.ok(terms.includes(key), key);
  }
  const list = app.page.locator('dl#glossary');
  assert.equal(await list.locator('dt').count(), s.glossary.length);
  assert.equal(await list.locator('dd').count(), s.glossary.length);
  const fn = s.glossary.find((e) => e.term === 'fn');
  assert.equal(await app.page.locator('#glossary-fn').textContent(), fn.name);
  assert.equal(await app.page.locator('#glossary-fn + dd').textContent(), fn.definition);
  // Hidden from the eye, not from assistive technology.
  const snapshot = await app.page.locator('body').ariaSnapshot();
  assert.match(snapshot, /FN \(false negative\)/);
  assert.match(snapshot, /validation slice/);
  assert.equal(s.glossary_hover, null, 'nothing hovered yet');
  assert.deepEqual(app.consoleErrors, []);
  await app.context.close();
});

test('the Metrics note follows the cells in the address; hovering FN names it and marks its row', async () => {
  const app = await openApp(browser, `${site.url}?panel=metrics&tp=40&fn=20&fp=7&tn=33`,
                            { viewport: { width: 1280, height: 800 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
  await app.page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: LONG });
  await nextFrames(app.page, 3);
  let e = (await state(app)).chapters.metrics.example;
  assert.deepEqual([e.tp, e.fn, e.fp, e.tn], [40, 20, 7, 33]);
  assert.match(e.note, /misses 20 of the 60 ill people/);
  assert.match(e.note, /7 of its 47 alarms are false/);
  assert.ok(Math.abs(e.recall - 40 / 60) < 1e-9);
  // Edited again (as a script or a learner would): the note follows.
  await app.page.evaluate(() => window.digitlab.open('panel=metrics&tp=50&fn=3&fp=12&tn=35'));
  await nextFrames(app.page, 3);
  e = (await state(app)).chapters.metrics.example;
  assert.match(e.note, /misses 3 of the 53 ill people/);
  assert.match(e.note, /12 of its 62 alarms are false/);

  await app.page.mouse.move(5, 5);
  await nextFrames(app.page, 3);
  const before = highlightPixels(await app.page.screenshot());
  const hovered = await hoverTerm(app, 'fn');
  assert.equal(hovered.glossary_hover, 'fn');
  const marked = highlightPixels(await saveScreenshot(app.page, 'glossary-metrics-fn'));
  // Nine cells of the digit's row get a 3 px outline: thousands of pixels.
  assert.ok(marked > before + 1000, `highlight pixels: ${before} -> ${marked}`);
  await app.page.mouse.move(5, 5);
  await nextFrames(app.page, 4);
  assert.equal((await state(app)).glossary_hover, null, 'moving away ends the hover');
  assert.deepEqual(app.consoleErrors, []);
  await app.context.close();
});

test('Evaluate: hovering support marks the digit\'s row; the report\'s averages carry their terms', async () => {
  const app = await openApp(browser, `${site.url}?panel=evaluate`, { viewport: { width: 1920, height: 1080 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
  await app.page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: LONG });
  await nextFrames(app.page, 3);
  const s = await state(app);
  const onScreen = s.glossary_on_screen.map((p) => p.term);
  for (const key of ['confusion_matrix', 'tp', 'fn', 'fp', 'tn', 'support', 'macro_avg', 'weighted_avg', 'mnist_split']) {
    assert.ok(onScreen.includes(key), `${key} on the Evaluate panel`);
  }
  const hovered = await hoverTerm(app, 'support');
  assert.equal(hovered.glossary_hover, 'support');
  assert.ok(highlightPixels(await saveScreenshot(app.page, 'glossary-evaluate-support')) > 1000);
  assert.equal((await hoverTerm(app, 'macro_avg')).glossary_hover, 'macro_avg');
  assert.deepEqual(app.consoleErrors, []);
  await app.context.close();
});

test('Train: the live curve is on a validation slice held out of the fit; diagnostics wait behind Details', async () => {
  const app = await openApp(browser, site.url, { viewport: { width: 1280, height: 800 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  await app.page.evaluate(() => window.digitlab.train({ preset: 'minmax', subset: 1000, max_iter: 100 }));
  const deadline = Date.now() + LONG;
  let s;
  for (;;) {
    s = await state(app);
    if (s.training.status !== 'running' && s.training.stage === 'done') break;
    assert.ok(Date.now() < deadline, JSON.stringify(s.training));
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await nextFrames(app.page, 3);
  s = await state(app);
  assert.equal(s.training.curve_source, 'validation');
  assert.equal(s.training.digits, 1000, 'the model fits the 1,000 digits asked for');
  assert.equal(s.training.validation_digits, 2000, 'and 2,000 other training digits are held out');
  assert.equal(s.training.curve_digits, 2000);
  assert.ok(s.training.curve_points >= 1, `curve points: ${s.training.curve_points}`);
  assert.ok(s.glossary_on_screen.some((p) => p.term === 'validation_slice'), 'the panel names the validation slice');
  assert.equal(s.training.details_shown, false, 'Details are off by default');
  await saveScreenshot(app.page, 'glossary-train-details-off');
  await app.page.evaluate(() => window.digitlab.open('details=1'));
  await nextFrames(app.page, 3);
  s = await state(app);
  assert.equal(s.training.details_shown, true);
  assert.ok(s.glossary_on_screen.some((p) => p.term === 'gradient'), 'Details name the gradient');
  await saveScreenshot(app.page, 'glossary-train-details-on');
  assert.deepEqual(app.consoleErrors, []);
  await app.context.close();
});

test('the arrow keys reach glossary terms, which then show as hovered', async () => {
  const app = await openApp(browser, `${site.url}?panel=metrics`, { viewport: { width: 1280, height: 800 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
  await app.page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: LONG });
  await app.page.mouse.click(1200, 700);  // an empty spot: focus the page, hover nothing
  await nextFrames(app.page, 3);
  assert.equal((await state(app)).glossary_hover, null);
  const reached = [];
  for (let i = 0; i < 12; ++i) {
    await app.page.keyboard.press('ArrowDown');
    await nextFrames(app.page, 3);
    const hover = (await state(app)).glossary_hover;
    if (hover) reached.push(hover);
  }
  assert.ok(reached.includes('precision') && reached.includes('recall'), `reached by keyboard: ${reached}`);
  assert.deepEqual(app.consoleErrors, []);
  await app.context.close();
});
