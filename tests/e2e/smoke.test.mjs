// Smoke tests of the built page (build/site, from ./build-wasm.sh) in headless Chromium:
// it starts, renders sharp on a high-DPI screen, follows the window size, and takes
// strokes from a mouse and a finger. Screenshots land in tests/e2e/artifacts/.
//   node --test tests/e2e/
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  brightFraction, decodePng, drawPolyline, drawRect, launchBrowser, nextFrames, openApp,
  saveScreenshot, siteDir, startSite, toImageRect,
} from './helpers.mjs';

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

async function canvasSizes(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return {
      width: canvas.width, height: canvas.height,
      cssWidth: window.innerWidth, cssHeight: window.innerHeight,
      ratio: window.devicePixelRatio,
    };
  });
}

test('starts, renders at the device pixel ratio and takes a mouse stroke', async () => {
  const ratio = 2;
  const app = await openApp(browser, site.url, { deviceScaleFactor: ratio });
  const { page } = app;
  try {
    const state = await page.evaluate(() => window.digitlab.state());
    assert.equal(state.ready, true);
    for (const key of ['prediction', 'softmax', 'sigmoid', 'training', 'accuracy', 'confusion']) {
      assert.ok(key in state, `state() lacks ${key}`);
    }

    const sizes = await canvasSizes(page);
    assert.equal(sizes.ratio, ratio);
    assert.equal(sizes.width, sizes.cssWidth * ratio, 'backing store is CSS width * ratio');
    assert.equal(sizes.height, sizes.cssHeight * ratio, 'backing store is CSS height * ratio');

    const rect = await drawRect(page);
    assert.ok(rect.w > 100 && rect.h > 100, `drawing canvas ${JSON.stringify(rect)}`);
    assert.ok(rect.x >= 0 && rect.y >= 0 && rect.x + rect.w <= sizes.cssWidth, 'canvas on screen');
    const inside = toImageRect(rect, ratio, 3);

    const start = decodePng(await saveScreenshot(page, 'smoke-start'));
    assert.equal(start.width, sizes.width);
    assert.ok(brightFraction(start, { x: 0, y: 0, w: start.width, h: start.height }, 150) > 0.001,
              'the UI drew something light (text, tabs): not a black page');
    assert.equal(brightFraction(start, inside), 0, 'the drawing canvas starts empty');

    // A "7": across the top, then down to the lower left.
    await drawPolyline(page, [[0.25, 0.2], [0.75, 0.2], [0.4, 0.85]]);
    const drawn = decodePng(await saveScreenshot(page, 'smoke-drawn'));
    const inked = brightFraction(drawn, inside);
    assert.ok(inked > 0.05, `the stroke shows on the canvas (${(inked * 100).toFixed(1)}% white)`);

    await page.evaluate(() => window.digitlab.clear());
    await nextFrames(page, 2);
    const cleared = decodePng(await saveScreenshot(page, 'smoke-cleared'));
    assert.equal(brightFraction(cleared, inside), 0, 'clear() empties the canvas');

    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.context.close();
  }
});

test('follows the browser window size', async () => {
  const app = await openApp(browser, site.url, { viewport: { width: 800, height: 600 } });
  const { page } = app;
  try {
    await page.setViewportSize({ width: 1100, height: 750 });
    await nextFrames(page, 3);
    const sizes = await canvasSizes(page);
    assert.deepEqual([sizes.width, sizes.height], [1100, 750]);
    await saveScreenshot(page, 'resized');
    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.context.close();
  }
});

test('a finger draws too (touch events)', async () => {
  const app = await openApp(browser, site.url, { hasTouch: true });
  const { page } = app;
  try {
    const rect = await drawRect(page);
    await drawPolyline(page, [[0.5, 0.15], [0.5, 0.85]], { input: 'touch' });
    const drawn = decodePng(await saveScreenshot(page, 'touch-drawn'));
    const inked = brightFraction(drawn, toImageRect(rect, 1, 3));
    assert.ok(inked > 0.03, `the touch stroke shows on the canvas (${(inked * 100).toFixed(1)}% white)`);
    assert.deepEqual(app.consoleErrors, []);
  } finally {
    await app.context.close();
  }
});

test('delivers the files of assets/manifest.json, un-gzipping .gz', async () => {
  // A copy of the site with a manifest of its own: the model (state().ready waits for
  // it), one .gz file and one plain file.
  const root = mkdtempSync(join(tmpdir(), 'digitlab-site-'));
  const ownSite = { close: async () => {} };
  try {
    cpSync(siteDir, root, { recursive: true });
    const payload = Buffer.alloc(300000);
    for (let i = 0; i < payload.length; ++i) payload[i] = (i * 7919) % 251;
    writeFileSync(join(root, 'assets', 'payload.bin.gz'), gzipSync(payload));
    writeFileSync(join(root, 'assets', 'plain.bin'), Buffer.from([1, 2, 3]));
    writeFileSync(join(root, 'assets', 'manifest.json'), JSON.stringify([
      { name: 'model.dlm', url: 'assets/model.dlm' },
      { name: 'payload.bin', url: 'assets/payload.bin.gz' },
      { name: 'plain.bin', url: 'assets/plain.bin' },
    ]));
    Object.assign(ownSite, await startSite({ root }));
    const app = await openApp(browser, ownSite.url);
    const { page } = app;
    try {
      await page.evaluate(() => window.digitlab.filesLoaded);
      assert.equal(await page.locator('#overlay').isHidden(), true, 'the loading note goes away');
      const fetched = await page.evaluate(async () => Array.from(await window.digitlab.fetchGz('assets/payload.bin.gz')));
      assert.ok(Buffer.from(fetched).equals(payload), 'fetchGz gives back the original bytes');
      assert.deepEqual(app.consoleErrors, []);
    } finally {
      await app.context.close();
    }
  } finally {
    await ownSite.close();
    rmSync(root, { recursive: true, force: true });
  }
});
