// A browser without what the page needs (WebAssembly SIMD, WebGL2, DecompressionStream)
// is told so by name, with what to try, before the program is downloaded; it never gets a
// blank or frozen page. Each lack is simulated in Chromium by an init script.
//   node --test tests/e2e/requirements.test.mjs        (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, saveScreenshot, startSite } from './helpers.mjs';

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

const UPDATE = /current Chrome, Edge, Firefox or Safari \(16\.4 or later/;

test('no WebAssembly SIMD: named, with the versions that have it', async () => {
  const r = await openWithout(() => { WebAssembly.validate = () => false; }, 'no-simd');
  assert.equal(r.visible, true);
  assert.match(r.text, /could not start: this browser lacks WebAssembly SIMD \(Safari 16\.4/);
  assert.match(r.text, UPDATE);
  assert.ok(!r.requested.includes('/digitlab_web.wasm'), 'the program is not downloaded for nothing');
  assert.deepEqual(r.uncaught, []);
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
  assert.doesNotMatch(r.text, /SIMD|DecompressionStream/, 'only what is missing is named');
  assert.ok(!r.requested.includes('/digitlab_web.wasm'));
  assert.deepEqual(r.uncaught, []);
});

test('no DecompressionStream and no WebGL2: both named', async () => {
  const r = await openWithout(() => {
    delete window.DecompressionStream;
    HTMLCanvasElement.prototype.getContext = () => null;
  }, 'no-decompression');
  assert.match(r.text, /lacks WebGL2.*; and DecompressionStream, which unpacks the MNIST files/);
  assert.match(r.text, UPDATE);
  assert.deepEqual(r.uncaught, []);
});
