// The drivers' common face over a Playwright or a Puppeteer page, whose APIs agree on
// what is used here (console and pageerror events, evaluate, mouse, goto, screenshot).
// The engine adds what differs: touch(points) and close().
export async function pageFace(page, url, { touch, close }) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  await page.goto(url);
  return {
    errors,
    goto: (address) => page.goto(address),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    move: (x, y) => page.mouse.move(x, y),
    down: () => page.mouse.down(),
    up: () => page.mouse.up(),
    touch,
    screenshot: async () => Buffer.from(await page.screenshot()),
    close,
  };
}

// Resolves after the page's next animation frame: a finger moves once a frame.
export const nextFrame = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
