// Faults at the edges of the network (Playwright's request routing): a data file whose
// download is aborted, one answered 500, one cut short mid-stream, a slow one, and a
// model file that fails. In each case the page keeps what does not need that file
// (drawing needs only the model), says which file failed and why, tries again by itself,
// and after the route is restored window.digitlab.retry() (the panels' Retry button) loads
// it and the work that needed it runs. And a device short of memory: the wasm heap cannot
// grow, and only the job that asked ends. Screenshots: tests/e2e/artifacts/fault-*.png.
//   node --test tests/e2e/faults.test.mjs        (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { drawPolyline, launchBrowser, nextFrames, saveScreenshot, siteDir, startSite, waitForReady } from './helpers.mjs';

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

const LONG = { timeout: 120000 };

// Opens the page with `fault` routed onto the URLs matching `pattern` (a RegExp).
async function openWithFault(pattern, fault) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  await page.route(pattern, fault);
  await page.goto(site.url);
  return { context, page, uncaught };
}

const state = (page) => page.evaluate(() => window.digitlab.state());
const fileState = (page, name) => page.evaluate((n) => window.digitlab.files().find((f) => f.name === n), name);

async function settled(page) {
  await page.evaluate(() => window.digitlab.filesLoaded);
  await nextFrames(page, 3);
}

async function drawsAOne(page) {
  await page.evaluate(() => window.digitlab.showPanel('draw'));
  await page.evaluate(() => window.digitlab.clear());
  await drawPolyline(page, [[0.5, 0.15], [0.5, 0.85]]);
  return (await state(page)).prediction;
}

async function trainsToTheEnd(page) {
  await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 1000, max_iter: 20 }));
  await page.waitForFunction(() => {
    const t = window.digitlab.state().training;
    return !t.running && t.iteration === 20;
  }, null, LONG);
  return (await state(page)).training;
}

test('an aborted training-images download: Draw predicts, the notice names the file, Retry loads it', async () => {
  const { context, page, uncaught } = await openWithFault(/train-images-idx3-ubyte\.gz$/, (route) => route.abort('connectionreset'));
  try {
    await waitForReady(page);
    await settled(page);
    const f = await fileState(page, 'train-images-idx3-ubyte');
    assert.equal(f.state, 'failed');
    assert.equal(f.attempts, 4, 'tried again three times before asking');
    assert.match(f.error, /the network failed/);
    const s = await state(page);
    assert.equal(s.files['train-images-idx3-ubyte'].state, 'failed');
    assert.match(s.notice, /train-images-idx3-ubyte could not be loaded: the network failed.*Train/);
    assert.equal(s.data.test, 10000, 'the test digits loaded all the same');
    assert.equal(await drawsAOne(page), 1, 'drawing needs only the model');
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await nextFrames(page, 3);
    await saveScreenshot(page, 'fault-aborted-train-panel');

    await page.unroute(/train-images-idx3-ubyte\.gz$/);
    const states = await page.evaluate(() => window.digitlab.retry());
    assert.equal(states['train-images-idx3-ubyte'], 'loaded');
    await nextFrames(page, 3);
    assert.equal((await state(page)).data.train, 60000);
    assert.equal((await state(page)).files['train-images-idx3-ubyte'].state, 'loaded');
    const t = await trainsToTheEnd(page);
    assert.equal(t.status, 'max_iter');
    await saveScreenshot(page, 'fault-aborted-after-retry');
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('test images answered 500: Evaluate names the file and offers Retry', async () => {
  let failing = true;
  const { context, page, uncaught } = await openWithFault(/t10k-images-idx3-ubyte\.gz$/, (route) => (
    failing ? route.fulfill({ status: 500, body: 'Internal Server Error' }) : route.continue()));
  try {
    await waitForReady(page);
    await settled(page);
    const f = await fileState(page, 't10k-images-idx3-ubyte');
    assert.equal(f.state, 'failed');
    assert.match(f.error, /the server answered HTTP 500/);
    assert.equal((await state(page)).data.train, 60000, 'the training digits loaded all the same');
    assert.equal(await drawsAOne(page), 1);
    await page.evaluate(() => window.digitlab.showPanel('evaluate'));
    await nextFrames(page, 3);
    assert.equal((await state(page)).accuracy, null);
    await saveScreenshot(page, 'fault-500-evaluate');

    failing = false;
    await page.evaluate(() => window.digitlab.retry());
    await page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, LONG);
    const s = await state(page);
    assert.equal(s.evaluated, 10000);
    assert.ok(s.accuracy > 0.97, `the shipped model on the test digits: ${s.accuracy}`);
    await nextFrames(page, 3);
    await saveScreenshot(page, 'fault-500-after-retry');
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('training images cut short mid-stream: named as an incomplete gzip; Retry loads the whole file', async () => {
  const whole = readFileSync(join(siteDir, 'assets', 'mnist', 'train-images-idx3-ubyte.gz'));
  const cut = whole.subarray(0, 3 * 1048576);   // the first 3 MB of 9.5
  let cutting = true;
  const { context, page, uncaught } = await openWithFault(/train-images-idx3-ubyte\.gz$/, (route) => (
    cutting ? route.fulfill({ status: 200, contentType: 'application/gzip', body: cut }) : route.continue()));
  try {
    await waitForReady(page);
    await settled(page);
    const f = await fileState(page, 'train-images-idx3-ubyte');
    assert.equal(f.state, 'failed');
    assert.match(f.error, /not a complete gzip file/);
    assert.equal(await drawsAOne(page), 1);
    await page.evaluate(() => window.digitlab.showPanel('pca'));
    await nextFrames(page, 3);
    await saveScreenshot(page, 'fault-truncated-chapter');

    cutting = false;
    await page.evaluate(() => window.digitlab.retry());
    await nextFrames(page, 3);
    assert.equal((await state(page)).data.train, 60000);
    assert.equal((await trainsToTheEnd(page)).status, 'max_iter');
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('a slow download shows its progress in a corner while drawing works', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    // 1 MB/s: the 9.5 MB of training images take about 10 s.
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false, latency: 20, downloadThroughput: 1048576, uploadThroughput: -1,
    });
    await page.goto(site.url);
    await waitForReady(page, 60000);
    await page.waitForFunction(() => window.digitlab.files().some((f) => f.name === 'train-images-idx3-ubyte' &&
                                                                      f.state === 'loading' && f.received > 1048576),
                               null, LONG);
    const corner = await page.textContent('#files');
    assert.match(corner, /train-images-idx3-ubyte: \d+\.\d MB of 9\.\d MB/);
    assert.doesNotMatch(corner, /model\.dlm/, 'files already in are not listed: the note stays small');
    assert.match(await page.textContent('#status'), /Loading 1 of 6 files/);
    assert.equal(await page.isVisible('#overlay'), true);
    const box = await page.locator('#overlay').boundingBox();
    assert.ok(box.x > 640 && box.y > 400, `the note sits in the lower right corner (${JSON.stringify(box)})`);
    await saveScreenshot(page, 'fault-slow-progress');
    assert.equal(await drawsAOne(page), 1, 'drawing works while the digits arrive');
    await page.evaluate(() => window.digitlab.filesLoaded);
    await nextFrames(page, 2);
    assert.equal(await page.isVisible('#overlay'), false, 'the note goes when every file is in');
  } finally {
    await context.close();
  }
});

test('a model file that fails: training-only use, said clearly; Retry brings drawing back', async () => {
  let failing = true;
  const { context, page, uncaught } = await openWithFault(/model\.dlm$/, (route) => (
    failing ? route.fulfill({ status: 404, body: 'Not Found' }) : route.continue()));
  try {
    await page.waitForFunction(() => window.digitlab && window.digitlab.files && window.digitlab.files().length > 0,
                               null, LONG);
    await settled(page);
    let s = await state(page);
    assert.equal(s.ready, false, 'no model, no predictions');
    assert.equal(s.files['model.dlm'].state, 'failed');
    assert.match(s.notice, /model\.dlm could not be loaded: the server answered HTTP 404\. Drawing and Evaluate need a model/);
    assert.equal(s.data.train, 60000);
    await saveScreenshot(page, 'fault-model-draw');

    failing = false;
    await page.evaluate(() => window.digitlab.retry());
    await waitForReady(page);
    s = await state(page);
    assert.match(s.model, /PCA30 \+ poly2/);
    assert.equal(await drawsAOne(page), 1);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('a heap that cannot grow (a tablet short of memory): the training that asked fails, the page goes on', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const uncaught = [];
  page.on('pageerror', (error) => uncaught.push(error.message));
  // window.memoryCapPages: the most 64 KB pages the wasm heap may grow to, as a browser
  // short of memory answers (RangeError from Memory.grow).
  await page.addInitScript(() => {
    const grow = WebAssembly.Memory.prototype.grow;
    WebAssembly.Memory.prototype.grow = function (pages) {
      if (this.buffer.byteLength / 65536 + pages > (window.memoryCapPages ?? Infinity)) {
        throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
      }
      return grow.call(this, pages);
    };
  });
  try {
    await page.goto(site.url);
    await waitForReady(page);
    await settled(page);
    // Room for 4 MB more than the heap holds now. Degree 2 without PCA makes 3.1 million
    // weights: the page's estimate lets it start (about 0.5 GB, under its 1 GB), and the
    // solver's history alone needs hundreds of MB more.
    await page.evaluate(() => {
      window.memoryCapPages = Module.HEAPU8.buffer.byteLength / 65536 + 64;
    });
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', pca: 0, subset: 1000, max_iter: 5 }));
    await page.waitForFunction(() => {
      const t = window.digitlab.state().training;
      return !t.running && (t.status === 'failed' || /cannot train/.test(window.digitlab.state().notice));
    }, null, LONG);
    let s = await state(page);
    assert.match(s.notice, /gave the page no more memory/);
    assert.match(s.model, /PCA30 \+ poly2, trained on MNIST train/, 'the shipped model stays');
    await page.evaluate(() => window.digitlab.showPanel('train'));
    await nextFrames(page, 3);
    await saveScreenshot(page, 'fault-no-memory');
    assert.equal(await drawsAOne(page), 1, 'drawing goes on');

    await page.evaluate(() => { window.memoryCapPages = Infinity; });
    assert.equal((await trainsToTheEnd(page)).status, 'max_iter', 'with memory again, training works');
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

test('the program download fails twice, then loads: the page starts by itself', async () => {
  let failures = 0;
  // The program this browser gets: digitlab_web_relaxed in Chromium, digitlab_web elsewhere.
  const { context, page, uncaught } = await openWithFault(/digitlab_web(_relaxed)?\.wasm$/, (route) => {
    if (failures < 2) {
      failures += 1;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  try {
    await waitForReady(page, 60000);
    assert.equal(failures, 2);
    assert.equal(await drawsAOne(page), 1);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
});

// `pattern`'s file answers 503 until Try again: the overlay names it (`said`) and offers
// Try again, which then loads the page.
async function neverLoadsThenRetried(pattern, said, screenshot) {
  let failing = true;
  const { context, page, uncaught } = await openWithFault(pattern, (route) => (
    failing ? route.fulfill({ status: 503, body: 'Service Unavailable' }) : route.continue()));
  try {
    await page.waitForSelector('#overlay.error #reload', { timeout: 60000 });
    assert.match(await page.textContent('#status'), said);
    if (screenshot) await saveScreenshot(page, screenshot);
    failing = false;
    await page.click('#reload');
    await waitForReady(page, 60000);
    assert.equal(await drawsAOne(page), 1);
    assert.deepEqual(uncaught, []);
  } finally {
    await context.close();
  }
}

// web/fetching.js (every download goes through it) did not arrive: said, not a loading
// note that never moves.
test('the page\'s fetching script missing: named, with Try again, which loads the page once it can', async () => {
  await neverLoadsThenRetried(/fetching\.js$/, /could not start: fetching\.js could not be loaded/);
});

// web/data-files.js and web/model-files.js likewise: the page's data and its model come
// through them.
for (const script of ['data-files', 'model-files']) {
  test(`the page's ${script} script missing: named, with Try again, which loads the page once it can`, async () => {
    await neverLoadsThenRetried(new RegExp(script + '\\.js$'), new RegExp('could not start: ' + script + '\\.js could not be loaded'));
  });
}

test('a program that never loads: named, with Try again, which loads the page once it can', async () => {
  await neverLoadsThenRetried(/digitlab_web(_relaxed)?\.wasm$/,
                              /could not start: digitlab_web(_relaxed)?\.wasm could not be loaded: the server answered HTTP 503 \(tried 4 times\)/,
                              'fault-program-503');
});
