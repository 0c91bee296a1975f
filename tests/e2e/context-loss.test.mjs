// A lost WebGL context (tablets lose it under memory pressure; WEBGL_lose_context does it
// on purpose): the page says so, keeps the model, the drawing and a training run, and
// when the browser gives the context back it draws the same picture as before, textures
// and the colormap shader included. Screenshots: tests/e2e/artifacts/context-*.png.
//   node --test tests/e2e/context-loss.test.mjs        (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { decodePng, drawPolyline, launchBrowser, nextFrames, openApp, saveScreenshot, startSite } from './helpers.mjs';

let site;
let browser;
let app;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  app = await openApp(browser, site.url, { viewport: { width: 1100, height: 700 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
});

after(async () => {
  await app?.context.close();
  await browser?.close();
  await site?.close();
});

const state = () => app.page.evaluate(() => window.digitlab.state());

function lose() {
  return app.page.evaluate(() => {
    window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    window.loseContext.loseContext();
  });
}

async function restore() {
  const before = (await app.page.evaluate(() => window.digitlab.graphics())).restorations;
  await app.page.evaluate(() => window.loseContext.restoreContext());
  await app.page.waitForFunction((n) => window.digitlab.graphics().restorations === n + 1, before, { timeout: 30000 });
  await nextFrames(app.page, 4);
}

// Share of pixels that differ by more than 16 in some channel.
function differing(a, b) {
  assert.equal(a.width, b.width);
  let count = 0;
  for (let i = 0; i < a.pixels.length; i += a.channels) {
    for (let c = 0; c < 3; ++c) {
      if (Math.abs(a.pixels[i + c] - b.pixels[i + c]) > 16) { ++count; break; }
    }
  }
  return count / (a.width * a.height);
}

let drawnOne = null;  // the page with a 1 drawn, before any loss

test('lost and restored: the same picture, the drawing and its prediction kept', async () => {
  await drawPolyline(app.page, [[0.5, 0.15], [0.5, 0.85]]);
  const drawn = await state();
  assert.equal(drawn.prediction, 1);
  const before = decodePng(await saveScreenshot(app.page, 'context-before'));
  drawnOne = before;

  await lose();
  await app.page.waitForFunction(() => window.digitlab.graphics().lost, null, { timeout: 10000 });
  await nextFrames(app.page, 3);   // frames go on: the program runs, its drawing calls do nothing
  assert.equal(await app.page.isVisible('#overlay'), true, 'the page says so');
  assert.match(await app.page.textContent('#status'), /took the graphics \(WebGL\) away.*model, drawing and training are kept/);
  await saveScreenshot(app.page, 'context-lost');
  assert.equal((await state()).prediction, 1);

  await restore();
  assert.equal(await app.page.isVisible('#overlay'), false, 'the note goes when the graphics are back');
  const after = decodePng(await saveScreenshot(app.page, 'context-restored'));
  const share = differing(before, after);
  assert.ok(share < 0.002, `${(share * 100).toFixed(2)}% of pixels differ after the restore`);
  const s = await state();
  assert.equal(s.prediction, 1);
  assert.deepEqual(s.softmax, drawn.softmax);
});

// An image first uploaded while the context is lost may get no texture name: an engine may
// answer createTexture with null then (Chromium hands out an object the lost context
// cannot use), which Emscripten turns into name 0. Once the context is back the image
// must still be uploaded and shown. The test makes createTexture answer null while lost.
test('a digit drawn while the context is lost shows, with its 28x28 preview, once it is back', async () => {
  // A fresh page, whose preview image is first uploaded while the context is lost.
  const own = await openApp(browser, site.url, { viewport: { width: 1100, height: 700 } });
  try {
    const { page } = own;
    await page.evaluate(() => window.digitlab.filesLoaded);
    await page.evaluate(() => {
      window.loseContext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
      window.loseContext.loseContext();
    });
    await page.waitForFunction(() => window.digitlab.graphics().lost, null, { timeout: 10000 });
    await page.evaluate(() => {
      window.createTexture = GLctx.createTexture;
      GLctx.createTexture = () => null;
    });
    await drawPolyline(page, [[0.5, 0.15], [0.5, 0.85]]);
    assert.equal(await page.evaluate(() => window.digitlab.state().prediction), 1,
                 'the program reads the drawing while the graphics are away');
    await page.evaluate(() => { GLctx.createTexture = window.createTexture; });
    await page.evaluate(() => window.loseContext.restoreContext());
    await page.waitForFunction(() => window.digitlab.graphics().restorations === 1, null, { timeout: 30000 });
    await nextFrames(page, 4);
    const after = decodePng(await saveScreenshot(page, 'context-drawn-while-lost'));
    // The preview's 1 is about 10 x 100 px, 0.13% of the page: no pixel may differ.
    const share = differing(drawnOne, after);
    console.log(`drawn while lost, then restored: ${(share * 100).toFixed(3)}% of pixels differ from the 1 drawn before any loss`);
    assert.ok(share < 0.0002, `${(share * 100).toFixed(3)}% of pixels differ from the same 1 drawn before any loss`);
  } finally {
    await own.context.close();
  }
});

test('a colormapped chapter comes back the same (atlas textures and the colormap shader)', async () => {
  await app.page.evaluate(() => window.digitlab.open('panel=looking&embed=0&colormap=viridis'));
  await nextFrames(app.page, 6);
  const before = decodePng(await saveScreenshot(app.page, 'context-looking-before'));
  await lose();
  await app.page.waitForFunction(() => window.digitlab.graphics().lost, null, { timeout: 10000 });
  await nextFrames(app.page, 3);
  await restore();
  const after = decodePng(await saveScreenshot(app.page, 'context-looking-restored'));
  const share = differing(before, after);
  assert.ok(share < 0.002, `${(share * 100).toFixed(2)}% of pixels differ after the restore`);
});

test('a training run goes on through a lost context and keeps its model', async () => {
  await app.page.evaluate(() => window.digitlab.showPanel('train'));
  await app.page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 5000, max_iter: 1000 }));
  await app.page.waitForFunction(() => window.digitlab.state().training.iteration >= 5, null, { timeout: 60000 })
    .catch(async (error) => { throw new Error(`${error.message}: ${JSON.stringify((await state()).training)}`); });
  await lose();
  await app.page.waitForFunction(() => window.digitlab.graphics().lost, null, { timeout: 10000 });
  const during = (await state()).training.iteration;
  await app.page.waitForFunction((i) => window.digitlab.state().training.iteration >= i + 20, during, { timeout: 60000 })
    .catch(async (error) => { throw new Error(`${error.message}: ${during}, ${JSON.stringify((await state()).training)}`); });
  await restore();
  const t = (await state()).training;
  assert.equal(t.running, true, 'still training after the restore');
  await app.page.evaluate(() => window.digitlab.stop());
  await app.page.waitForFunction(() => !window.digitlab.state().training.running, null, { timeout: 60000 });
  await app.page.waitForFunction(() => /trained in this page/.test(window.digitlab.state().model), null, { timeout: 60000 })
    .catch(async (error) => { const s = await state(); throw new Error(`${error.message}: ${s.model} | ${s.notice} | ${JSON.stringify(s.training)}`); });
  assert.ok((await state()).training.iteration >= during + 20, 'iterations went on while the graphics were lost');
  await nextFrames(app.page, 3);
  await saveScreenshot(app.page, 'context-train-restored');
  assert.deepEqual(app.consoleErrors, []);
});
