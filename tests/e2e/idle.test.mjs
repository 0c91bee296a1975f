// An idle page draws few frames (src/app/logic/frame_pacing.hpp): every 250 ms instead of every
// animation frame while nothing happens, full rate again on input, on a call from the
// page's JavaScript, and while what it draws changes. And of the frames it draws it puts
// on the canvas (presents) only those whose picture changed, and one every 2 s as a net:
// the browser keeps showing the last one. Frames drawn and presented are the counts in
// window.digitlab.state().frames; presented ones are also counted as the WebGL clears the
// program makes (one a presented frame); the browser's animation frames as
// requestAnimationFrame callbacks.
//   node --test tests/e2e/idle.test.mjs          (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { brightFraction, decodePng, launchBrowser, openApp, startSite } from './helpers.mjs';

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

// From now on window.__cleared counts the program's WebGL clears of the whole canvas:
// one a presented frame (the plots' boxes clear with the scissor on; they are not counted).
function countDrawnFrames(page) {
  return page.evaluate(() => {
    window.__cleared = 0;
    const clear = GLctx.clear.bind(GLctx);
    GLctx.clear = (mask) => {
      if (!GLctx.isEnabled(GLctx.SCISSOR_TEST)) window.__cleared += 1;
      return clear(mask);
    };
  });
}

after(async () => {
  await app?.context.close();
  await browser?.close();
  await site?.close();
});

// Frames drawn, presented and cleared, and animation frames, over `ms` from now.
async function framesOver(ms, page = app.page) {
  return page.evaluate(async (ms) => {
    const before = window.digitlab.state().frames, cleared = window.__cleared;
    let animation = 0;
    const started = performance.now();
    await new Promise((resolve) => {
      const step = () => { animation += 1; if (performance.now() - started < ms) requestAnimationFrame(step); else resolve(); };
      requestAnimationFrame(step);
    });
    const now = window.digitlab.state().frames;
    return { drawn: now.drawn - before.drawn, presented: now.presented - before.presented,
             cleared: window.__cleared - cleared, animation };
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

test('a page doing nothing draws about four frames a second, not every animation frame, and presents almost none', async () => {
  await settle();
  const idle = await framesOver(4000);
  console.log(`idle over 4 s: ${idle.drawn} drawn, ${idle.presented} presented (${idle.cleared} canvas clears), ` +
              `${idle.animation} animation frames`);
  assert.ok(idle.drawn >= 8 && idle.drawn <= 20, `${idle.drawn} frames drawn in 4 s (a frame every 250 ms: 16)`);
  assert.ok(idle.animation >= 3 * idle.drawn, `${idle.animation} animation frames`);
  // The picture holds: only the net's frame every 2-2.27 s is presented (1 or 2 in 4 s).
  assert.ok(idle.presented >= 1 && idle.presented <= 3, `${idle.presented} of ${idle.drawn} drawn frames presented`);
  assert.equal(idle.cleared, idle.presented, 'a canvas clear for each frame presented, and none for the others');
});

// Two screenshots `ms` apart with no frame presented between them: taken just after the
// 2-s net's frame, as the next 2 s present none while the picture holds.
async function stillShots(page, ms) {
  for (let tries = 0; tries < 3; ++tries) {
    const net = await page.evaluate(() => window.digitlab.state().frames.presented);
    await page.waitForFunction((p) => window.digitlab.state().frames.presented > p, net, { timeout: 5000, polling: 10 });
    const before = await page.evaluate(() => window.digitlab.state().frames.presented);
    const first = await page.screenshot();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const second = await page.screenshot();
    const after = await page.evaluate(() => window.digitlab.state().frames.presented);
    if (after === before) return { first: decodePng(first), second: decodePng(second) };
  }
  assert.fail(`a frame presented between two screenshots ${ms} ms apart in each of three tries`);
}

test('a picture not presented again stays on the canvas, and so does one after a resize event', async () => {
  await settle();
  const { first, second } = await stillShots(app.page, 1000);
  // Text is drawn on the canvas (light on the dark theme): a blank canvas has none.
  const text = brightFraction(first, { x: 0, y: 0, w: first.width, h: first.height });
  console.log(`idle: ${(100 * text).toFixed(2)}% of the page light text, the same in a screenshot 1 s later`);
  assert.ok(text > 0.002, `${(100 * text).toFixed(3)}% of the page bright: is the canvas blank?`);
  assert.ok(second.pixels.equals(first.pixels), 'the canvas changed while no frame was presented');

  // At a resize event SDL sets the canvas's size again, which may clear it even at the
  // same size (Chromium keeps the picture; engines.test.mjs checks the others), and tells
  // the program nothing: the page presents its picture again.
  // It comes just after the 2-s net's frame, so the next presented frame is its doing.
  let presented = await app.page.evaluate(() => window.digitlab.state().frames.presented);
  await app.page.waitForFunction((p) => window.digitlab.state().frames.presented > p, presented, { timeout: 5000, polling: 10 });
  presented = await app.page.evaluate(() => {
    window.dispatchEvent(new Event('resize'));
    return window.digitlab.state().frames.presented;
  });
  await app.page.waitForFunction((p) => window.digitlab.state().frames.presented > p, presented, { timeout: 1000, polling: 10 });
  const resized = decodePng(await app.page.screenshot());
  assert.ok(resized.pixels.equals(first.pixels), 'after the resize event the page shows the picture it showed before');
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
  // The call comes at most an animation frame after an idle frame was drawn, so an idle
  // page would draw its next frame about 250 ms later; woken, it draws at the next
  // animation frame, and presents it (the Train panel: a new picture).
  const delay = await app.page.evaluate(() => new Promise((resolve) => {
    let calledAt = null;
    let drawn = window.digitlab.state().frames.drawn;
    const watch = () => {
      const now = window.digitlab.state().frames.drawn;
      if (now === drawn) { requestAnimationFrame(watch); return; }
      const clear = GLctx.clear;
      GLctx.clear = (mask) => {
        if (!GLctx.isEnabled(GLctx.SCISSOR_TEST)) {
          GLctx.clear = clear;
          resolve(performance.now() - calledAt);
        }
        return clear(mask);
      };
      calledAt = performance.now();
      window.digitlab.showPanel('train');
    };
    requestAnimationFrame(watch);
  }));
  console.log(`the first frame presented after showPanel came ${delay.toFixed(0)} ms after the call`);
  assert.ok(delay < 100, `${delay.toFixed(0)} ms (an idle page's next frame: 250 ms)`);
  const woken = await framesOver(500);
  console.log(`then, over 500 ms: ${woken.drawn} drawn, ${woken.animation} animation frames`);
  assert.ok(woken.drawn >= 0.8 * woken.animation && woken.drawn >= 10, `${woken.drawn} of ${woken.animation} drawn`);
  assert.equal((await app.page.evaluate(() => window.digitlab.state())).panel, 'train');
});

test('while a job is sliced on the page\'s thread, it draws every animation frame', async () => {
  // Training on the page's own thread (?workers=0): no input and no call after the start,
  // but each frame carries a slice of the fit, so the frames stay at full rate.
  const own = await openApp(browser, `${site.url}?sw=0&workers=0`, { viewport: { width: 390, height: 844 } });
  try {
    await own.page.evaluate(() => window.digitlab.filesLoaded);
    await countDrawnFrames(own.page);
    await own.page.evaluate(() => window.digitlab.train({ preset: 'raw', subset: 20000, max_iter: 300, stop: 'sklearn' }));
    await new Promise((resolve) => setTimeout(resolve, 1500));  // past the call's second
    const training = await framesOver(500, own.page);
    const t = await own.page.evaluate(() => window.digitlab.state().training);
    await own.page.evaluate(() => window.digitlab.stop());
    console.log(`training on the page's thread, 500 ms: ${training.drawn} drawn, ${training.presented} presented, ` +
                `${training.animation} animation frames (${t.where})`);
    assert.ok(t.running, 'the fit was still running when the frames were counted');
    assert.ok(training.drawn >= 0.8 * training.animation && training.drawn >= 5, `${training.drawn} of ${training.animation} drawn`);
    // Presented only where the picture moved: the Draw panel shows no progress.
    assert.ok(training.presented < training.drawn, `${training.presented} of ${training.drawn} presented`);
  } finally {
    await own.context.close();
  }
});
