// First load: what the page downloads before a drawing can be predicted, and how long
// that takes on localhost. The model comes first in the manifest, so drawing works
// before the 11 MB of MNIST digits arrive.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { launchBrowser, startSite } from './helpers.mjs';

test('the first prediction is possible after a few MB, before MNIST has loaded', async () => {
  const site = await startSite();
  const browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const transferred = new Map();  // url -> bytes on the wire
    const urls = new Map();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => transferred.set(urls.get(e.requestId), e.encodedDataLength));

    const started = Date.now();
    await page.goto(site.url);
    await page.waitForFunction(() => window.digitlab && window.digitlab.state().ready === true, null,
                               { timeout: 60000 });
    const readyMs = Date.now() - started;
    const state = await page.evaluate(() => window.digitlab.state());
    const bytes = [...transferred.values()].reduce((a, b) => a + b, 0);
    const files = [...transferred.entries()].map(([url, n]) => `${url.replace(site.url, '')} ${(n / 1024).toFixed(0)} KB`);
    console.log(`first prediction possible after ${(bytes / 1048576).toFixed(2)} MB in ${readyMs} ms: ${files.join(', ')}`);
    assert.ok(bytes < 4 * 1048576, `${bytes} bytes before the first prediction`);
    assert.ok(!files.some((f) => f.includes('train-images')), 'the training digits are not needed to draw');
    assert.equal(state.ready, true);
  } finally {
    await context.close();
    await browser.close();
    await site.close();
  }
});
