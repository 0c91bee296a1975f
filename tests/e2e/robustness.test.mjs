// Bad input never crashes the page, never loses the learner's model: in headless Chromium,
// every request stays on the page's origin, the Content-Security-Policy is there (as a
// header from scripts/serve.js and as a <meta> for any other static server), bad model
// files (truncated, wrong magic, wrong version, corrupt, not a model at all) are refused
// with a notice while the current model keeps predicting, whether they come from a
// script, a drop on the page or the file picker; export then import gives the same model;
// a training run that diverges keeps the previous model.
//   node --test tests/e2e/          (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { drawPolyline, launchBrowser, nextFrames, repoRoot, saveScreenshot, siteDir, startSite, waitForReady }
  from './helpers.mjs';

const require = createRequire(import.meta.url);
const { startServer } = require(join(repoRoot, 'scripts', 'serve.js'));

let site;
let browser;
let app;

// Like helpers.openApp, but watching every request and CSP violation from the first one.
async function openWatched(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requests = [];
  const consoleErrors = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => { if (message.type() === 'error') consoleErrors.push(message.text()); });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
                              (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto(url);
  await waitForReady(page, 60000);
  return { context, page, requests, consoleErrors, response };
}

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  app = await openWatched(site.url);
  await app.page.evaluate(() => window.digitlab.filesLoaded);
});

after(async () => {
  await app?.context.close();
  await browser?.close();
  await site?.close();
});

const state = () => app.page.evaluate(() => window.digitlab.state());

// A "1": one vertical stroke; every model the page ships or trains reads it.
async function drawOne() {
  await app.page.evaluate(() => window.digitlab.clear());
  await drawPolyline(app.page, [[0.5, 0.15], [0.5, 0.85]]);
  await nextFrames(app.page, 2);
  return state();
}

// importModel(bytes, name) in the page; bytes as a plain array (they cross to the page as JSON).
function importBytes(bytes, name) {
  return app.page.evaluate(([b, n]) => window.digitlab.importModel(new Uint8Array(b), n), [Array.from(bytes), name]);
}

async function exportedModel() {
  return Uint8Array.from(await app.page.evaluate(() => Array.from(window.digitlab.exportModel())));
}

test('every request stays on the page\'s origin; the CSP comes as a header and as a <meta>', async () => {
  const origin = new URL(site.url).origin;
  assert.ok(app.requests.length >= 8, `page, script, wasm, font, manifest, model, MNIST: ${app.requests.length}`);
  const foreign = app.requests.filter((url) => new URL(url).origin !== origin);
  assert.deepEqual(foreign, [], 'requests to other origins');

  const header = app.response.headers()['content-security-policy'];
  assert.match(header, /script-src 'self' 'wasm-unsafe-eval'/);
  const meta = await app.page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(meta, /default-src 'self'/);
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(meta, /frame-ancestors/, 'a meta CSP cannot carry frame-ancestors; teachers embed the page');
  assert.deepEqual(await app.page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(app.consoleErrors, []);
});

test('served without the header, the page runs under its <meta> policy alone', async () => {
  const { server, url } = await startServer({ root: siteDir, port: 0, csp: false });
  const plain = await openWatched(url);
  try {
    assert.equal(plain.response.headers()['content-security-policy'], undefined);
    const s = await plain.page.evaluate(() => window.digitlab.state());
    assert.equal(s.ready, true, 'the wasm compiled and drew its first frame');
    assert.deepEqual(await plain.page.evaluate(() => window.cspViolations), []);
    assert.deepEqual(plain.consoleErrors, []);
  } finally {
    await plain.context.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('bad model files are refused with a notice; the current model stays and predicts', async () => {
  const before = await drawOne();
  assert.equal(before.prediction, 1);
  const good = await exportedModel();
  assert.equal(new TextDecoder().decode(good.slice(0, 8)), 'DIGITLAB');

  const versioned = good.slice();
  versioned[8] = 9;
  const flipped = good.slice();
  flipped[good.length - 100] ^= 0x40;
  const idx = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 3, 4]);
  const bad = {
    'truncated.dlm': [good.slice(0, Math.floor(good.length / 2)), /truncated/],
    'cut-short.dlm': [good.slice(0, 10), /truncated/],
    'empty.dlm': [new Uint8Array(0), /not a Digit Lab model/],
    'photo.jpg': [Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8]), /not a Digit Lab model/],
    'newer.dlm': [versioned, /version 9 is not supported/],
    'corrupt.dlm': [flipped, /checksum|NaN|float32/],
    'labels.idx': [idx, /not a Digit Lab model/],
  };
  for (const [name, [bytes, reason]] of Object.entries(bad)) {
    const result = await importBytes(bytes, name);
    assert.equal(result.ok, false, name);
    const s = await state();
    assert.equal(s.notice_is_error, true, name);
    assert.match(s.notice, new RegExp(name.replace('.', '\\.')), `the notice names the file: ${s.notice}`);
    assert.match(s.notice, reason, s.notice);
    assert.match(s.notice, /the current model stays/);
    assert.equal(s.model, before.model, `${name} left the model as it was`);
  }
  await nextFrames(app.page, 2);
  await saveScreenshot(app.page, 'robustness-bad-model');

  // Dropped on the page: the same check.
  await app.page.evaluate((b) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(b)], 'dropped.dlm'));
    document.getElementById('canvas').dispatchEvent(
      new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, Array.from(good.slice(0, 100)));
  await app.page.waitForFunction(() => /dropped\.dlm/.test(window.digitlab.state().notice));
  let s = await state();
  assert.equal(s.notice_is_error, true);
  assert.equal(s.model, before.model);

  // Chosen with the file picker (what "Import model..." opens).
  const [chooser] = await Promise.all([
    app.page.waitForEvent('filechooser'),
    app.page.evaluate(() => window.digitlab.chooseModelFile()),
  ]);
  await chooser.setFiles({ name: 'picked.dlm', mimeType: 'application/octet-stream', buffer: Buffer.from(flipped) });
  await app.page.waitForFunction(() => /picked\.dlm/.test(window.digitlab.state().notice));
  s = await state();
  assert.equal(s.notice_is_error, true);
  assert.equal(s.model, before.model);

  const after = await drawOne();
  assert.equal(after.prediction, 1, 'the kept model still reads the drawing');
  assert.deepEqual(after.softmax, before.softmax, 'and reads it exactly as before');
  assert.deepEqual(app.consoleErrors, []);
});

test('export then import gives the same model; the download is model.dlm', async () => {
  const before = await drawOne();
  const exported = await exportedModel();

  const [download] = await Promise.all([
    app.page.waitForEvent('download'),
    app.page.evaluate(() => window.digitlab.downloadModel()),
  ]);
  assert.equal(download.suggestedFilename(), 'model.dlm');
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  assert.deepEqual(new Uint8Array(Buffer.concat(chunks)), exported, 'the download holds the exported bytes');

  const result = await importBytes(exported, 'roundtrip.dlm');
  assert.equal(result.ok, true, result.notice);
  const s = await state();
  assert.equal(s.notice_is_error, false);
  assert.match(s.model, /^roundtrip\.dlm \(/);
  assert.deepEqual(await exportedModel(), exported, 'exported again, byte for byte');
  const after = await drawOne();
  assert.equal(after.prediction, before.prediction);
  assert.deepEqual(after.softmax, before.softmax);
  assert.deepEqual(app.consoleErrors, []);
});

test('a training run that diverges stops with a message and keeps the previous model', async () => {
  const before = await drawOne();
  await app.page.evaluate(() => window.digitlab.train(
    { preset: 'minmax', subset: 500, solver: 'minibatch', learning_rate: 1e30, max_iter: 5 }));
  await app.page.waitForFunction(() => {
    const t = window.digitlab.state().training;
    return !t.running && t.status !== 'running';
  }, null, { timeout: 60000 });
  const s = await state();
  assert.equal(s.training.status, 'diverged', JSON.stringify(s.training));
  assert.equal(s.notice_is_error, true);
  assert.match(s.notice, /diverged/);
  assert.match(s.notice, /the page keeps its previous model/);
  assert.equal(s.model, before.model);
  await nextFrames(app.page, 2);
  await saveScreenshot(app.page, 'robustness-diverged');
  const after = await drawOne();
  assert.equal(after.prediction, 1);
  assert.deepEqual(after.softmax, before.softmax);
  assert.deepEqual(app.consoleErrors, []);
});
