// Relaxed SIMD (issue 12's speed): where the browser validates f32x4.relaxed_madd, the
// page loads digitlab_web_relaxed and its workers digitlab_fit_worker_relaxed, whose
// kernels fuse each multiply and add; elsewhere the plain SIMD programs. Both must fit
// the same data to the same place: the fused program only rounds differently (its
// kernels are checked against plain loops by ctest in build/wasm-relaxed; this checks the
// programs the browser gets, opcodes rewritten by scripts/relaxed-simd-opcodes.mjs).
//   node --test tests/e2e/relaxed_simd.test.mjs        (after ./build-wasm.sh)
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, nextFrames, saveScreenshot, startSite, waitForReady } from './helpers.mjs';

let site;
let browser;
before(async () => { site = await startSite(); browser = await launchBrowser(); });
after(async () => { await browser?.close(); await site?.close(); });

// Answers WebAssembly.validate as a browser with SIMD but without relaxed SIMD would
// (Safari, Firefox before it): a module holding the relaxed_madd opcode is not valid.
function hideRelaxedSimd() {
  const validate = WebAssembly.validate;
  WebAssembly.validate = (bytes) => {
    const b = new Uint8Array(bytes);
    for (let i = 0; i + 2 < b.length; ++i) if (b[i] === 253 && b[i + 1] === 133 && b[i + 2] === 2) return false;
    return validate(bytes);
  };
}

// Whether this browser's f32x4.relaxed_madd rounds once: (1 + 2^-23)^2 - (1 + 2^-22) is
// 2^-46 fused and 0 when the product is rounded first (V8 fuses where the processor has
// FMA). A hand-made module: three v128.const splats, relaxed_madd, f32x4.extract_lane 0.
function maddIsFused() {
  const a = [0x01, 0x00, 0x80, 0x3f], c = [0x02, 0x00, 0x80, 0xbf];   // 1 + 2^-23, -(1 + 2^-22)
  const splat = (v) => [0xfd, 0x0c, ...v, ...v, ...v, ...v];
  const body = [0x00, ...splat(a), ...splat(a), ...splat(c), 0xfd, 0x85, 0x02, 0xfd, 0x1f, 0x00, 0x0b];
  const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7d, 3, 2, 1, 0,
                                7, 5, 1, 1, 0x66, 0, 0, 10, body.length + 2, 1, body.length, ...body]);
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f() !== 0;
}

async function trainIn(withoutRelaxed) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const wasm = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => { if (/\.wasm$/.test(request.url())) wasm.push(new URL(request.url()).pathname); });
  if (withoutRelaxed) await page.addInitScript(hideRelaxedSimd);
  try {
    await page.goto(site.url + '?workers=1');
    await waitForReady(page, 60000);
    await page.waitForFunction(() => window.digitlab.state().data.train > 0, null, { timeout: 120000 });
    await page.evaluate(() => window.digitlab.showPanel('train'));
    // Degree-2 features: the quadratic kernels, where nearly all the fused multiply-adds are.
    // 60 iterations, well before either run could end otherwise (natively these 3,000 end
    // on a failed line search after 133): both runs then take the same iterations, so their
    // losses compare, and their model files (which hold how a run ended) the same length.
    await page.evaluate(() => window.digitlab.train({ preset: 'poly2', subset: 3000, stop: 'sklearn', max_iter: 60 }));
    await page.waitForFunction(() => window.digitlab.state().training.running === false &&
                                     /trained in this page/.test(window.digitlab.state().model), null, { timeout: 300000 });
    await page.waitForFunction(() => window.digitlab.state().accuracy !== null, null, { timeout: 120000 });
    await nextFrames(page, 2);
    const s = await page.evaluate(() => window.digitlab.state());
    const model = await page.evaluate(() => Array.from(window.digitlab.exportModel()));
    const workers = page.workers().map((w) => new URL(w.url()).searchParams.get('program'));
    const fused = withoutRelaxed ? null : await page.evaluate(maddIsFused);
    await saveScreenshot(page, `relaxed-simd-${withoutRelaxed ? 'without' : 'with'}`);
    return { program: await page.evaluate(() => window.digitlab.program), s, model, workers, wasm, errors, fused };
  } finally {
    await context.close();
  }
}

test('relaxed SIMD where the browser has it, plain SIMD where not: the same fit, rounded apart', async () => {
  const fused = await trainIn(false);
  const plain = await trainIn(true);
  for (const [name, r] of [['relaxed SIMD', fused], ['SIMD', plain]])
    console.log(`${name}: ${r.s.training.passes} passes, loss ${r.s.training.loss}, accuracy ${r.s.accuracy}, ` +
                `${r.s.training.status}, ${r.s.training.digits} digits`);

  assert.equal(fused.program, 'digitlab_web_relaxed');
  assert.equal(fused.s.program, 'relaxed-simd');
  assert.deepEqual(fused.wasm.filter((p) => /digitlab_web/.test(p)), ['/digitlab_web_relaxed.wasm']);
  assert.ok(fused.workers.length > 0 && fused.workers.every((p) => p === 'digitlab_fit_worker_relaxed'), fused.workers.join(' '));
  assert.equal(fused.s.training.where, 'worker');

  assert.equal(plain.program, 'digitlab_web');
  assert.equal(plain.s.program, 'simd');
  assert.deepEqual(plain.wasm.filter((p) => /digitlab_web/.test(p)), ['/digitlab_web.wasm']);
  assert.ok(plain.workers.length > 0 && plain.workers.every((p) => p === 'digitlab_fit_worker'), plain.workers.join(' '));

  for (const r of [fused, plain]) {
    assert.deepEqual(r.errors, []);
    assert.equal(r.s.training.digits, plain.s.training.digits);
    assert.equal(r.s.training.status, 'max_iter');
    // The native tool's 3,000 (`digitlab train --subset 3000 --preset poly2 --max-iter 60`,
    // 2026-12-06) score 94.77% on the test digits: a wrong rewrite (say, the operands read in the prototype's order, x + y * acc)
    // would land far off.
    assert.ok(r.s.accuracy > 0.93, `accuracy ${r.s.accuracy}`);
  }
  // Rounded apart, so the two paths drift, but to the same place: within a tenth of a
  // point of test accuracy and a thousandth of the loss after 60 iterations.
  assert.ok(Math.abs(fused.s.accuracy - plain.s.accuracy) <= 0.001, `${fused.s.accuracy} against ${plain.s.accuracy}`);
  assert.ok(Math.abs(fused.s.training.loss - plain.s.training.loss) <= 0.001 * plain.s.training.loss,
            `loss ${fused.s.training.loss} against ${plain.s.training.loss}`);
  // And the fused kernels did run: where the processor has FMA (this one, most x86-64 and
  // ARM64 ones) one rounding per multiply-add instead of two changes the model's bits;
  // where it has not, V8 multiplies and adds apart and the model is the plain one's.
  assert.equal(fused.model.length, plain.model.length);
  const differs = fused.model.some((b, i) => b !== plain.model[i]);
  console.log(`relaxed_madd fused here: ${fused.fused}; the models differ: ${differs}`);
  assert.equal(differs, fused.fused, fused.fused ? 'the fused program rounds differently' : 'unfused, the same model');
});
