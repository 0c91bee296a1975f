// A browser without what the page needs (WebAssembly, WebGL2) is told so by name, with
// what to try, before the program is downloaded; it never gets a blank or frozen page.
// One without WebAssembly SIMD gets the program built without it, and says so (one with
// SIMD but not relaxed SIMD: relaxed_simd.test.mjs); one
// without DecompressionStream hands the .gz files to the program's own zlib.
// Each lack is simulated in Chromium by an init script.
//   node --test tests/e2e/requirements.test.mjs        (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { drawPolyline, launchBrowser, nextFrames, saveScreenshot, startSite, waitForReady } from './helpers.mjs';

let site;
let browser;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

// Opens the page with `lack` run before any of its scripts; returns the overlay's text,
// whether the program was requested, and uncaught errors.
async function openWithout(lack, name) {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  const requested = [];
  const uncaught = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => uncaught.push(error.message));
  await page.addInitScript(lack);
  await page.goto(site.url);
  await page.waitForFunction(() => document.getElementById('overlay').classList.contains('error'), null,
                             { timeout: 30000 });
  const text = await page.textContent('#status');
  const visible = await page.isVisible('#overlay');
  await saveScreenshot(page, `requirements-${name}`);
  await context.close();
  return { text, visible, requested, uncaught };
}

const UPDATE = /current Chrome, Edge, Firefox or Safari \(15 or later/;

test('no WebAssembly SIMD: the program without it loads, says so, and predicts', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const requested = [];
  const uncaught = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => uncaught.push(error.message));
  // The page's SIMD probe is a WebAssembly.validate call: answer it as Safari 16.3 would.
  await page.addInitScript(() => {
    const validate = WebAssembly.validate;
    WebAssembly.validate = (bytes) => (new Uint8Array(bytes).includes(253) ? false : validate(bytes));
  });
  try {
    await page.goto(site.url);
    await waitForReady(page, 60000);
    assert.ok(requested.includes('/digitlab_web_nosimd.wasm'), requested.join(' '));
    assert.ok(!requested.some((path) => /digitlab_web(_relaxed)?\.wasm/.test(path)), 'no SIMD program is downloaded');
    assert.equal(await page.evaluate(() => window.digitlab.program), 'digitlab_web_nosimd');
    assert.equal((await page.evaluate(() => window.digitlab.state())).program, 'no-simd');
    await page.evaluate(() => window.digitlab.filesLoaded);
    await drawPolyline(page, [[0.5, 0.15], [0.5, 0.85]]);
    assert.equal((await page.evaluate(() => window.digitlab.state())).prediction, 1);
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 1000, max_iter: 20 }));
    await page.waitForFunction(() => window.digitlab.state().training.status === 'max_iter', null, { timeout: 120000 });
    await nextFrames(page, 3);
    await saveScreenshot(page, 'requirements-no-simd-train');
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('no WebGL2: named, with what to try', async () => {
  const r = await openWithout(() => {
    const original = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return kind === 'webgl2' ? null : original.call(this, kind, ...rest);
    };
  }, 'no-webgl2');
  assert.match(r.text, /lacks WebGL2, which draws the page/);
  assert.match(r.text, /hardware acceleration/);
  assert.doesNotMatch(r.text, /DecompressionStream/, 'only what is missing is named');
  assert.ok(!r.requested.some((path) => /digitlab_web(_relaxed|_nosimd)?\.wasm$/.test(path)), 'no program downloaded');
  assert.deepEqual(r.uncaught, []);
});

test('no WebAssembly and no WebGL2: both named', async () => {
  const r = await openWithout(() => {
    delete window.WebAssembly;
    HTMLCanvasElement.prototype.getContext = () => null;
  }, 'no-wasm-no-webgl2');
  assert.match(r.text, /lacks WebAssembly, which runs its learning code; and WebGL2, which draws the page/);
  assert.match(r.text, UPDATE);
  assert.deepEqual(r.uncaught, []);
});

test('no DecompressionStream (Safari before 16.4): the program inflates the MNIST files itself', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  await page.addInitScript(() => { delete window.DecompressionStream; });
  try {
    await page.goto(site.url);
    await waitForReady(page, 60000);
    await page.evaluate(() => window.digitlab.filesLoaded);
    const s = await page.evaluate(() => window.digitlab.state());
    assert.deepEqual(s.data, { train: 60000, test: 10000 });
    for (const f of await page.evaluate(() => window.digitlab.files())) assert.equal(f.state, 'loaded', f.name);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});
