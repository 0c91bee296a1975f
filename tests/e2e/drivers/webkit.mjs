// WebKit (Safari's engine, and every iPad browser's) through WebKitGTK's WebDriver:
// Debian's webkit2gtk-driver starts MiniBrowser in automation mode on a virtual display,
// driven by selenium-webdriver over W3C WebDriver. Its driver sends a touch pointer's
// actions as mouse events (pointerType "mouse"), so a page here has no touch().
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Builder, Origin } from 'selenium-webdriver';
import { display } from './xvfb.mjs';

const DRIVER = '/usr/bin/WebKitWebDriver';
const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForServer(url, service) {
  for (let waited = 0; ; waited += 100) {
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch { /* not listening yet */ }
    if (service.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${service.exitCode}`);
    if (waited > 15000) throw new Error('WebKitWebDriver did not answer in 15 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function launch({ deviceScaleFactor = 1 } = {}) {
  for (const file of [DRIVER, MINIBROWSER]) {
    if (!existsSync(file)) throw new Error(`${file} missing: run scripts/setup.sh --browser`);
  }
  // GTK scales the whole window by an integer: the page sees devicePixelRatio 2.
  const env = { ...process.env, DISPLAY: await display(), GDK_SCALE: String(Math.round(deviceScaleFactor)) };
  const port = await freePort();
  const service = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: 'ignore' });
  const stopService = () => { try { service.kill(); } catch { /* gone */ } };
  process.once('exit', stopService);
  const server = `http://127.0.0.1:${port}`;
  await waitForServer(server, service);
  const capabilities = {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
  };
  let version = 'WebKitGTK';
  const sessions = [];
  return {
    get version() { return version; },
    async open(url, { width, height }) {
      const driver = await new Builder().usingServer(server).withCapabilities(capabilities).build();
      sessions.push(driver);
      const caps = await driver.getCapabilities();
      version = `WebKitGTK ${caps.get('browserVersion')}`;
      // The window's outer size is set; the page's viewport is what is left inside it.
      await driver.manage().window().setRect({ width, height });
      const inner = await driver.executeScript('return [window.innerWidth, window.innerHeight]');
      await driver.manage().window().setRect({ width: 2 * width - inner[0], height: 2 * height - inner[1] });
      await driver.get(url);
      const actions = () => driver.actions({ async: true });
      return {
        errors: [],   // WebKitGTK's driver does not pass console messages on
        goto: (address) => driver.get(address),
        // A W3C WebDriver script: a returned Promise is awaited.
        evaluate: (fn, arg) => driver.executeScript(`return (${fn})(arguments[0]);`, arg),
        move: (x, y) => actions().move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT }).perform(),
        down: () => actions().press().perform(),
        up: () => actions().release().perform(),
        screenshot: async () => Buffer.from(await driver.takeScreenshot(), 'base64'),
        close: async () => {
          sessions.splice(sessions.indexOf(driver), 1);
          await driver.quit();
        },
      };
    },
    async close() {
      for (const driver of sessions.splice(0)) await driver.quit().catch(() => {});
      stopService();
    },
  };
}
