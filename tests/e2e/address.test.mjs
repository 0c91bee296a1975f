// The page's address follows what it shows (issue 15; src/app/shell/address.cpp writes
// it, web/address.js puts it in the address bar): change the panel and its settings, read
// page.url(), open that address in a new page and find the same view; an embed link stays
// an embed link; a bad value is named once in the notice and the rest applies; the
// address is replaced, never pushed (history.length stays); "Copy link" and "Copy embed
// code" copy, or show the text where the clipboard is refused.
//   cd tests/e2e && node --test address.test.mjs      (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, nextFrames, openApp, saveScreenshot, startSite } from './helpers.mjs';

let site;
let browser;
const opened = [];

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  for (const app of opened) await app.context.close();
  await browser?.close();
  await site?.close();
});

async function open(url, options = {}) {
  const app = await openApp(browser, url, { viewport: { width: 1280, height: 800 }, ...options });
  opened.push(app);
  return app;
}

const state = (page) => page.evaluate(() => window.digitlab.state());
const search = (page) => new URL(page.url()).search;

// The address bar once web/address.js has caught up (it checks every 300 ms).
async function waitForSearch(page, wanted) {
  await page.waitForFunction((w) => location.search === w, wanted, { timeout: 5000 })
    .catch(() => {});
  return search(page);
}

// The shown chapter's settings in state().chapters (and what follows from them), by panel.
// Only the shown one's: the address carries what is on screen, and chapters share keys.
const CHAPTER_SETTINGS = {
  sigmoid: ['threshold', 'weight_scale', 'seed', 'predicted_positive', 'accuracy'],
  threshold: ['digit', 'threshold', 'guess'],
  pca: ['components'],
};

// What the learner sees, not how long it took: the panel, the mode, the settings.
function view(s) {
  const pick = (o, keys) => Object.fromEntries(keys.map((k) => [k, o?.[k]]));
  return {
    panel: s.panel, theme: s.theme, embedded: s.embedded, colormap: s.colormap,
    lesson: pick(s.lesson, ['active', 'step']), details: s.training.details_shown,
    train_form: s.train_form, stop_rule: s.training.stop_rule, address: s.address,
    chapter: pick(s.chapters[s.panel], CHAPTER_SETTINGS[s.panel] || []),
  };
}

// Opens `url` in a new page and waits until it shows `panel`.
async function reopen(url, panel) {
  const copy = await open(url);
  await copy.page.waitForFunction((p) => window.digitlab.state().panel === p, panel, { timeout: 10000 });
  await nextFrames(copy.page, 3);
  return copy;
}

test('a chapter with its settings, the colormap and the theme: the address reopens the same view', async () => {
  const app = await open(site.url);
  const { page } = app;
  const historyLength = await page.evaluate(() => history.length);
  assert.equal(search(page), '', 'the Draw panel at its defaults keeps a plain address');

  await page.evaluate(() => {
    window.digitlab.open('threshold=0.65&scale=2&colormap=viridis&theme=light');
    window.digitlab.showPanel('sigmoid');
  });
  const wanted = '?panel=sigmoid&embed=0&threshold=0.65&scale=2&colormap=viridis&theme=light';
  assert.equal(await waitForSearch(page, wanted), wanted);
  const s = await state(page);
  assert.equal(s.panel, 'sigmoid');
  assert.equal(s.address, wanted.slice(1));

  const copy = await reopen(page.url(), 'sigmoid');
  assert.deepEqual(view(await state(copy.page)), view(await state(page)));
  assert.equal(search(copy.page), wanted, 'the reopened page keeps the address');
  assert.equal(await page.evaluate(() => history.length), historyLength, 'replaced, not pushed');
  assert.deepEqual(app.consoleErrors, []);
  assert.deepEqual(copy.consoleErrors, []);
});

test('the Train form, a question\'s answer, a lesson step and a keyboard shortcut go into the address', async () => {
  const app = await open(site.url);
  const { page } = app;
  const historyLength = await page.evaluate(() => history.length);

  // The Train form, set as train() would but without starting a run: a preset, and what
  // presets keep (the number of digits, the stop rule).
  await page.evaluate(() => {
    window.digitlab.open('train.preset=raw&train.subset=1500&train.stop=sklearn&details=1');
    window.digitlab.showPanel('train');
  });
  const train = '?panel=train&embed=0&train.preset=raw&train.subset=1500&train.stop=sklearn&details=1';
  assert.equal(await waitForSearch(page, train), train);
  let s = await state(page);
  assert.equal(s.train_form, 'preset=raw&subset=1500&stop=sklearn');
  assert.equal(s.training.stop_rule, 'sklearn');
  let copy = await reopen(page.url(), 'train');
  assert.deepEqual(view(await state(copy.page)), view(s));

  // C edited by hand: no preset any more, every setting that differs from a new form's.
  await page.evaluate(() => window.digitlab.open('train.C=0.5'));
  await nextFrames(page, 2);
  s = await state(page);
  assert.ok(!s.train_form.includes('preset='), s.train_form);
  assert.match(s.train_form, /(^|&)subset=1500&.*C=0\.5&.*stop=sklearn/);
  const trainPart = s.address.split('&').filter((item) => /^(train\.|details=)/.test(item)).join('&');
  await waitForSearch(page, '?panel=train&embed=0&' + trainPart);
  copy = await reopen(page.url(), 'train');
  assert.deepEqual(view(await state(copy.page)), view(s));

  // A question with its digit, threshold and answer (threshold= is the sigmoid's too).
  await page.evaluate(() => window.digitlab.open('panel=threshold&embed=0&digit=3&threshold=0.3&guess=1'));
  const question = '?panel=threshold&embed=0&digit=3&threshold=0.3&guess=1&' + trainPart;
  assert.equal(await waitForSearch(page, question), question);
  copy = await reopen(page.url(), 'threshold');
  assert.deepEqual(view(await state(copy.page)), view(await state(page)));

  // The lesson's third step, the sigmoid, with its threshold from above.
  await page.evaluate(() => { window.digitlab.lessonStep(1); });
  await nextFrames(page, 2);
  await page.evaluate(() => { window.digitlab.lessonStep(1); window.digitlab.lessonStep(1); });
  s = await state(page);
  assert.equal(s.lesson.active, true);
  assert.equal(s.lesson.step, 3);
  const lesson = '?lesson=3&threshold=0.3&' + trainPart;
  assert.equal(await waitForSearch(page, lesson), lesson);
  copy = await reopen(page.url(), s.lesson.panel);
  assert.deepEqual(view(await state(copy.page)), view(await state(page)));

  // Shift+E, the keyboard's way to Evaluate, leaves the lesson.
  await page.keyboard.press('Shift+E');
  const evaluate = '?panel=evaluate&embed=0&' + trainPart;
  assert.equal(await waitForSearch(page, evaluate), evaluate);

  assert.equal(await page.evaluate(() => history.length), historyLength, 'seven views, no new history entries');
  assert.deepEqual(app.consoleErrors, []);
});

test('an embed link stays an embed link, and follows its settings', async () => {
  const app = await open(site.url + '?panel=sigmoid&threshold=0.7');
  const { page } = app;
  const historyLength = await page.evaluate(() => history.length);
  await page.waitForTimeout(700);   // two of address.js's checks
  assert.equal(search(page), '?panel=sigmoid&threshold=0.7');
  let s = await state(page);
  assert.equal(s.embedded, true);
  assert.equal(s.panel, 'sigmoid');
  assert.ok(Math.abs(s.chapters.sigmoid.threshold - 0.7) < 1e-6);

  await page.evaluate(() => window.digitlab.open('threshold=0.4&seed=7'));
  assert.equal(await waitForSearch(page, '?panel=sigmoid&threshold=0.4&seed=7'), '?panel=sigmoid&threshold=0.4&seed=7');
  s = await state(page);
  assert.equal(s.embedded, true);
  const copy = await reopen(page.url(), 'sigmoid');
  assert.deepEqual(view(await state(copy.page)), view(s));
  assert.equal(await page.evaluate(() => history.length), historyLength);
  assert.deepEqual(app.consoleErrors, []);
});

test('bad values: named once in the notice, the rest applied, left out of the address', async () => {
  // threshold= is also the threshold question's key, with the same range: said once.
  const app = await open(site.url + '?panel=sigmoid&threshold=7&scale=abc&bogus=1&seed=5');
  const { page } = app;
  const s = await state(page);
  assert.equal(s.panel, 'sigmoid');
  assert.equal(s.notice_is_error, true);
  assert.equal(s.notice, 'not understood in the address: threshold=7: between 0.01 and 0.99; used 0.99; ' +
                         "scale=abc: expected a number; unknown key 'bogus'");
  assert.equal(s.chapters.sigmoid.seed, 5, 'the good value applies');
  assert.ok(Math.abs(s.chapters.sigmoid.threshold - 0.99) < 1e-6, 'the nearest threshold it takes');
  // The address keeps what was applied; the notice is not said again.
  const wanted = '?panel=sigmoid&threshold=0.99&seed=5';
  assert.equal(await waitForSearch(page, wanted), wanted);
  await page.waitForTimeout(700);
  const later = await state(page);
  assert.equal(later.notice, s.notice);
  assert.equal(later.notice.split('threshold=7').length, 2, 'named once');
  // A lesson step beyond the last is the last, and said.
  await page.evaluate(() => window.digitlab.open('lesson=99'));
  await nextFrames(page, 2);
  assert.match((await state(page)).notice, /^not understood in the address: lesson=99: between 1 and \d+; used \d+$/);
  assert.deepEqual(app.consoleErrors, []);
});

test('Copy link copies this view\'s address; where the clipboard is refused, the text is shown to copy', async () => {
  const app = await open(site.url);
  const { page, context } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
  await page.evaluate(() => window.digitlab.open('panel=pca&embed=0&components=20'));
  await waitForSearch(page, '?panel=pca&embed=0&components=20');
  // Through the screen reader's button (web/access.js), as a keyboard user presses it.
  await page.focus('#access-copy-link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^Link copied/.test(window.digitlab.state().notice), null, { timeout: 5000 });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, new URL('?panel=pca&embed=0&components=20', site.url).href);
  assert.equal(await page.locator('#share-box').isVisible(), false);
  assert.equal(await page.locator('#access-copy-embed').isHidden(), true, 'embed code: an embedded panel\'s');

  // An embedded panel whose clipboard is refused (an iframe without allow="clipboard-write").
  const embedded = await openApp(browser, site.url + '?panel=sigmoid&threshold=0.7', { viewport: { width: 390, height: 844 } });
  opened.push(embedded);
  await embedded.page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  const result = await embedded.page.evaluate(() => window.digitlab.copyEmbedCode());
  assert.equal(result.copied, false);
  const src = new URL('?panel=sigmoid&threshold=0.7', site.url).href.replace(/&/g, '&amp;');
  assert.equal(result.text, `<iframe src="${src}" width="960" height="600" title="Digit Lab: Sigmoid"></iframe>`);
  assert.equal(await embedded.page.locator('#share-box').isVisible(), true);
  assert.equal(await embedded.page.locator('#share-text').inputValue(), result.text);
  await nextFrames(embedded.page, 2);
  const s = await state(embedded.page);
  assert.match(s.notice, /did not let the page copy .* embed code is shown at the top of the page/);
  assert.deepEqual(s.layout.cut, [], 'the buttons and the notice fit at 390 px');
  await saveScreenshot(embedded.page, 'address-embed-refused-390');
  assert.deepEqual(app.consoleErrors, []);
});
