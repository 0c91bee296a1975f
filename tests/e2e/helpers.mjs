// Helpers for the browser tests: serve build/site, drive Debian's Chromium through
// playwright-core (it never downloads a browser), draw on the app's canvas with the
// mouse or a finger, and look at screenshot pixels.
//
// Usage:
//   const site = await startSite();              // build/site on a free port
//   const browser = await launchBrowser();
//   const app = await openApp(browser, site.url, { deviceScaleFactor: 2 });
//   await drawPolyline(app.page, [[0.3, 0.2], [0.6, 0.8]]);   // fractions of drawRect()
//   const png = decodePng(await saveScreenshot(app.page, 'name'));
//   assert.deepEqual(app.consoleErrors, []);
//   await app.context.close(); await browser.close(); await site.close();
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const siteDir = join(repoRoot, 'build', 'site');
export const artifactsDir = join(repoRoot, 'tests', 'e2e', 'artifacts');
const { startServer } = require(join(repoRoot, 'scripts', 'serve.js'));

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// WebGL in headless Chromium on a machine without a GPU: ANGLE on SwiftShader
// (../shared/TOOLCHAIN.md; plain --headless gives a black canvas).
const CHROMIUM_ARGS = [
  '--no-sandbox', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run',
];

// [SECTION] Server and browser

// Serves build/site (with the page's Content-Security-Policy) on 127.0.0.1, any free port.
export async function startSite({ root = siteDir } = {}) {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html missing: run ./build-wasm.sh first`);
  }
  const { server, url } = await startServer({ root, port: 0 });
  return {
    url,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(resolve);
    }),
  };
}

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} missing: run scripts/setup.sh --browser`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

// Opens the page in a fresh context and waits until the app has drawn its first frame.
// consoleErrors collects console errors, uncaught exceptions and failed requests.
export async function openApp(browser, url, {
  viewport = { width: 1000, height: 700 }, deviceScaleFactor = 1, hasTouch = false,
  timeout = 30000,
} = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, hasTouch });
  const page = await context.newPage();
  const consoleErrors = [];
  const consoleLog = [];
  page.on('console', (message) => {
    consoleLog.push(`${message.type()}: ${message.text()}`);
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => consoleErrors.push(`request failed: ${request.url()}`));
  await page.goto(url);
  await waitForReady(page, timeout);
  return { context, page, consoleErrors, consoleLog };
}

export async function waitForReady(page, timeout = 30000) {
  await page.waitForFunction(() => window.digitlab && window.digitlab.state().ready === true,
                             null, { timeout });
  await nextFrames(page, 2);
}

// Resolves after `count` animation frames, so the app has seen earlier input. They are
// the browser's frames, not the program's: an idle page draws one every 250 ms
// (web_main.cpp), but input and the window.digitlab calls that change the app wake it.
export async function nextFrames(page, count = 1) {
  await page.evaluate((n) => new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  }), count);
}

// [SECTION] Drawing

export async function drawRect(page) {
  return page.evaluate(() => window.digitlab.drawRect());
}

// Draws one stroke through `points`, given as [fx, fy] fractions of the drawing canvas
// (0..1). input: 'mouse' (page.mouse) or 'touch' (CDP touch events, as a phone sends).
// The app samples the pointer once per frame, so each step waits for a frame.
export async function drawPolyline(page, points, { input = 'mouse', stepsPerSegment = 8 } = {}) {
  const rect = await drawRect(page);
  if (!(rect.w > 0 && rect.h > 0)) throw new Error(`no drawing canvas: ${JSON.stringify(rect)}`);
  const toPage = ([fx, fy]) => ({ x: rect.x + fx * rect.w, y: rect.y + fy * rect.h });
  const path = [toPage(points[0])];
  for (let i = 1; i < points.length; ++i) {
    const a = toPage(points[i - 1]);
    const b = toPage(points[i]);
    for (let s = 1; s <= stepsPerSegment; ++s) {
      const t = s / stepsPerSegment;
      path.push({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });
    }
  }

  if (input === 'mouse') {
    await page.mouse.move(path[0].x, path[0].y);
    await nextFrames(page, 2);
    await page.mouse.down();
    await nextFrames(page, 2);
    for (const p of path.slice(1)) {
      await page.mouse.move(p.x, p.y);
      await nextFrames(page);
    }
    await nextFrames(page);
    await page.mouse.up();
  } else if (input === 'touch') {
    const cdp = await page.context().newCDPSession(page);
    const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', {
      type, touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [],
    });
    await touch('touchStart', path[0]);
    await nextFrames(page, 2);
    for (const p of path.slice(1)) {
      await touch('touchMove', p);
      await nextFrames(page);
    }
    await nextFrames(page);
    await touch('touchEnd', null);
    await cdp.detach();
  } else {
    throw new Error(`unknown input ${input}`);
  }
  await nextFrames(page, 2);
}

// [SECTION] Screenshots and pixels

// Saves a PNG of the page to tests/e2e/artifacts/<name>.png and returns its bytes.
export async function saveScreenshot(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(join(artifactsDir, `${name}.png`), png);
  return png;
}

// Decodes the 8-bit, non-interlaced RGB/RGBA/grey PNGs that Chromium writes.
export function decodePng(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.subarray(0, 8).toString('hex') !== signature) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const data = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === 'IDAT') {
      idat.push(data);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  if (bitDepth !== 8 || !channels || interlace !== 0) {
    throw new Error(`unsupported PNG: depth ${bitDepth}, color type ${colorType}, interlace ${interlace}`);
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; ++y) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; ++i) {
      const left = i >= channels ? out[i - channels] : 0;
      const up = prev[i];
      const upLeft = i >= channels ? prev[i - channels] : 0;
      let predictor;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default: throw new Error(`bad PNG filter ${filter}`);
      }
      out[i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

// Share of pixels inside `rect` (image pixels) whose red, green and blue are all >= min.
export function brightFraction(image, rect, min = 200) {
  const x0 = Math.max(0, Math.round(rect.x)), y0 = Math.max(0, Math.round(rect.y));
  const x1 = Math.min(image.width, Math.round(rect.x + rect.w));
  const y1 = Math.min(image.height, Math.round(rect.y + rect.h));
  let bright = 0, total = 0;
  for (let y = y0; y < y1; ++y) {
    for (let x = x0; x < x1; ++x) {
      const i = (y * image.width + x) * image.channels;
      const grey = image.channels < 3;
      const r = image.pixels[i], g = grey ? r : image.pixels[i + 1], b = grey ? r : image.pixels[i + 2];
      if (r >= min && g >= min && b >= min) ++bright;
      ++total;
    }
  }
  return total ? bright / total : 0;
}

// Scales a rect in CSS pixels to screenshot pixels, shrunk by `inset` CSS px per side
// (to stay off the canvas border).
export function toImageRect(rect, deviceScaleFactor, inset = 0) {
  return {
    x: (rect.x + inset) * deviceScaleFactor, y: (rect.y + inset) * deviceScaleFactor,
    w: (rect.w - 2 * inset) * deviceScaleFactor, h: (rect.h - 2 * inset) * deviceScaleFactor,
  };
}
