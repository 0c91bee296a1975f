// An idle page draws few frames (src/app/logic/frame_pacing.hpp): every 250 ms instead of every
// animation frame while nothing happens, full rate again on input, on a call from the
// page's JavaScript, and while what it draws changes. Frames drawn are counted as the
// WebGL clears the program makes (one a drawn frame), the browser's animation frames as
// requestAnimationFrame callbacks.
//   node --test tests/e2e/idle.test.mjs          (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, openApp, startSite } from './helpers.mjs';

let site;
let browser;
let app;

before(async () => {
  site = await startSite();
  browser = await launchBrowser();
  app = await openApp(browser, `${site.url}?sw=0`, { viewport: { width: 390, height: 844 } });
  await app.page.evaluate(() => window.digitlab.filesLoaded);
  await countDrawnFrames(app.page);
});

// From now on window.__drawn counts the program's WebGL clears: one a drawn frame.
function countDrawnFrames(page) {
  return page.evaluate(() => {
    window.__drawn = 0;
    const clear = GLctx.clear.bind(GLctx);
    GLctx.clear = (mask) => { window.__drawn += 1; return clear(mask); };
  });
}

after(async () => {
  await app?.context.close();
  await browser?.close();
  await site?.close();
});

// Drawn frames and animation frames over `ms` from now, after `act` (if any).
async function framesOver(ms, act = null) {
  return app.page.evaluate(async (ms) => {
    const drawn = window.__drawn;
    let animation = 0;
    const started = performance.now();
    await new Promise((resolve) => {
      const step = () => { animation += 1; if (performance.now() - started < ms) requestAnimationFrame(step); else resolve(); };
      requestAnimationFrame(step);
      if (window.__act) window.__act();
    });
    window.__act = null;
    return { drawn: window.__drawn - drawn, animation };
  }, ms);
}

async function settle() {
  // Waits until a whole second passes with at most 5 frames drawn (the page went idle).
  for (let tries = 0; tries < 20; ++tries) {
    const { drawn } = await framesOver(1000);
    if (drawn <= 5) return;
  }
  assert.fail('the page never went idle');
}

test('a page doing nothing draws about four frames a second, not every animation frame', async () => {
  await settle();
  const idle = await framesOver(2000);
  console.log(`idle over 2 s: ${idle.drawn} drawn, ${idle.animation} animation frames`);
  assert.ok(idle.drawn >= 4 && idle.drawn <= 10, `${idle.drawn} frames drawn in 2 s (a frame every 250 ms: 8)`);
  assert.ok(idle.animation >= 3 * idle.drawn, `${idle.animation} animation frames`);
});

test('input brings every animation frame back', async () => {
  await settle();
  await app.page.mouse.move(195, 400);  // over the canvas, which fills the viewport
  await app.page.mouse.move(200, 420);
  const woken = await framesOver(500);
  console.log(`after a mouse move, 500 ms: ${woken.drawn} drawn, ${woken.animation} animation frames`);
  assert.ok(woken.drawn >= 0.8 * woken.animation && woken.drawn >= 10, `${woken.drawn} of ${woken.animation} drawn`);
});

test('a call from the page wakes it, and the change shows in the next frames', async () => {
  await settle();
  // The call comes just after an idle frame was drawn (in a microtask after that
  // animation frame), so an idle page would draw its next frame 250 ms later; woken, it
  // draws at the next animation frame.
  const delay = await app.page.evaluate(() => new Promise((resolve) => {
    const clear = GLctx.clear;
    let calledAt = null;
    GLctx.clear = (mask) => {
      if (calledAt === null) {
        queueMicrotask(() => { calledAt = performance.now(); window.digitlab.showPanel('train'); });
      } else {
        GLctx.clear = clear;
        resolve(performance.now() - calledAt);
      }
      return clear(mask);
    };
  }));
  console.log(`the first frame drawn after showPanel came ${delay.toFixed(0)} ms after the call`);
  assert.ok(delay < 100, `${delay.toFixed(0)} ms (an idle page's next frame: 250 ms)`);
  const woken = await framesOver(500);
  console.log(`then, over 500 ms: ${woken.drawn} drawn, ${woken.animation} animation frames`);
  assert.ok(woken.drawn >= 0.8 * woken.animation && woken.drawn >= 10, `${woken.drawn} of ${woken.animation} drawn`);
  assert.equal((await app.page.evaluate(() => window.digitlab.state())).panel, 'train');
});

test('while what the page draws changes, it draws every animation frame', async () => {
  // Training on the page's own thread (?workers=0): no input and no call after the start,
  // but the progress moves every frame, so the frames stay at full rate.
  const own = await openApp(browser, `${site.url}?sw=0&workers=0`, { viewport: { width: 390, height: 844 } });
  try {
    await own.page.evaluate(() => window.digitlab.filesLoaded);
    await countDrawnFrames(own.page);
    await own.page.evaluate(() => window.digitlab.train({ preset: 'raw', subset: 20000, max_iter: 300, stop: 'sklearn' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));  // past the call's second
    const training = await own.page.evaluate(async () => {
      const drawn = window.__drawn;
      let animation = 0;
      const started = performance.now();
      await new Promise((resolve) => {
        const step = () => { animation += 1; if (performance.now() - started < 500) requestAnimationFrame(step); else resolve(); };
        requestAnimationFrame(step);
      });
      const t = window.digitlab.state().training;
      return { drawn: window.__drawn - drawn, animation, running: t.running, where: t.where };
    });
    await own.page.evaluate(() => window.digitlab.stop());
    console.log(`training on the page's thread, 500 ms: ${training.drawn} drawn, ${training.animation} animation frames (${training.where})`);
    assert.ok(training.running, 'the fit was still running when the frames were counted');
    assert.ok(training.drawn >= 0.8 * training.animation && training.drawn >= 5, `${training.drawn} of ${training.animation} drawn`);
  } finally {
    await own.context.close();
  }
});
