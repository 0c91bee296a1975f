// One face for the three browser engines learners use, so a journey is written once and
// runs in each: Chromium (playwright-core), Firefox (puppeteer-core over WebDriver BiDi)
// and WebKit (selenium-webdriver and WebKitGTK's WebDriver).
//
// Usage:
//   const engine = await launchEngine('firefox');        // engine.version: 'Firefox 153.8.0esr'
//   const page = await openPage(engine, site.url, { width: 1280, height: 800 });
//   await drawStroke(page, [[0.5, 0.15], [0.5, 0.85]]);   // fractions of the drawing canvas
//   const s = await state(page);                          // window.digitlab.state()
//   await savePng(page, 'engine-firefox-draw');
//   await page.close(); await engine.close();
//
// A page: goto(url) loads another address in it (WebKitGTK's driver runs one session at
// a time, so a journey reuses its page rather than opening a second); evaluate(fn, arg) runs fn(arg) in the page and resolves to its (awaited,
// JSON-able) result; move(x, y), down(), up() drive the mouse in CSS pixels of the
// viewport; touch(points) moves a finger along CSS-pixel points (Chromium and Firefox;
// WebKitGTK's driver sends touch as mouse); screenshot() gives PNG bytes; errors collects console errors where the
// engine reports them (WebKitGTK's driver does not).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactsDir } from '../helpers.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

// options: {deviceScaleFactor} (1 or 2; WebKitGTK scales by whole numbers only).
export async function launchEngine(name, options = {}) {
  if (!ENGINES.includes(name)) throw new Error(`unknown engine ${name} (${ENGINES.join(', ')})`);
  const { launch } = await import(`./${name}.mjs`);
  const engine = await launch(options);
  engine.name = name;
  return engine;
}

// Opens `url` and waits until the app has drawn its first frame.
export async function openPage(engine, url, viewport = { width: 1280, height: 800 }, timeout = 60000) {
  const page = await engine.open(url, viewport);
  page.engine = engine.name;
  await waitForReady(page, timeout);
  return page;
}

// Loads `url` in the same page and waits until the app has drawn its first frame.
export async function reopen(page, url, timeout = 60000) {
  await page.goto(url);
  await waitForReady(page, timeout);
}

async function waitForReady(page, timeout) {
  await waitFor(page, () => Boolean(window.digitlab && window.digitlab.state().ready), null, timeout,
                'the page to become ready');
  await nextFrames(page, 2);
}

export const state = (page) => page.evaluate(() => window.digitlab.state());

// One page.evaluate, or null if it has not answered within `ms`: under Firefox's WebDriver
// BiDi a call sent as the page navigates can go unanswered (the clean-clone CI once waited
// the protocol's 180 s for one after goto); the next poll goes to the new page.
function evaluateWithin(page, fn, arg, ms) {
  let timer;
  const call = page.evaluate(fn, arg);
  call.catch(() => {});  // an abandoned call's late failure is not the test's
  const late = new Promise((resolve) => { timer = setTimeout(() => resolve(null), ms); });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

// Polls fn(arg) in the page until it returns something truthy, and returns that.
export async function waitFor(page, fn, arg = null, timeout = 60000, what = String(fn)) {
  const started = Date.now();
  for (;;) {
    const value = await evaluateWithin(page, fn, arg, 10000).catch((error) => {
      // A page still navigating has no window.digitlab yet; anything else is real.
      if (/digitlab|navigat|context|undefined/i.test(String(error && error.message))) return null;
      throw error;
    });
    if (value) return value;
    if (Date.now() - started > timeout) throw new Error(`${page.engine}: timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// Resolves after `count` animation frames, so the app has seen earlier input.
export function nextFrames(page, count = 1) {
  return page.evaluate((n) => new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve(true) : requestAnimationFrame(step));
    step();
  }), count);
}

// One stroke through `points` ([fx, fy] fractions of the drawing canvas), a frame per
// step, as a hand would (the app samples the pointer once a frame); input 'mouse', or
// 'touch' (a finger) where the engine's driver can send touch events (page.touch).
export async function drawStroke(page, points, { input = 'mouse', stepsPerSegment = 6 } = {}) {
  const rect = await page.evaluate(() => window.digitlab.drawRect());
  if (!(rect.w > 0 && rect.h > 0)) throw new Error(`${page.engine}: no drawing canvas ${JSON.stringify(rect)}`);
  const at = ([fx, fy]) => [rect.x + fx * rect.w, rect.y + fy * rect.h];
  const path = [at(points[0])];
  for (let i = 1; i < points.length; ++i) {
    const [ax, ay] = at(points[i - 1]);
    const [bx, by] = at(points[i]);
    for (let s = 1; s <= stepsPerSegment; ++s) {
      const t = s / stepsPerSegment;
      path.push([ax + (bx - ax) * t, ay + (by - ay) * t]);
    }
  }
  if (input === 'touch') {
    if (!page.touch) throw new Error(`${page.engine}: its driver sends no touch events`);
    await page.touch(path);
    await nextFrames(page, 2);
    return;
  }
  await page.move(...path[0]);
  await nextFrames(page, 2);
  await page.down();
  await nextFrames(page, 2);
  for (const p of path.slice(1)) {
    await page.move(...p);
    await nextFrames(page);
  }
  await nextFrames(page);
  await page.up();
  await nextFrames(page, 2);
}

export async function click(page, rect) {
  await page.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await nextFrames(page);
  await page.down();
  await nextFrames(page);
  await page.up();
  await nextFrames(page, 3);
}

// Saves a PNG of the page to tests/e2e/artifacts/<name>.png and returns its bytes.
export async function savePng(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(join(artifactsDir, `${name}.png`), png);
  return png;
}
