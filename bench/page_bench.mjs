// bench/run.sh's page column (issue 12): fits driven through window.digitlab in headless
// Chromium at 1280x800, all 60,000 training digits asked (the page fits 58,000; 2,000 are
// the validation slice), then evaluated on the 10,000 test digits. For each preset
// (poly2: MinMax + PCA 30 + degree 2; best: PCA 50 + degree 2), each stopping rule
// (settled: the page's default; sklearn: max |gradient| <= tol) and 1 and 2 Web Workers
// sharing the rows (?workers=N). Each fit in a fresh browser context, so its workers are
// new. Per fit: passes, ms a pass (the training stage's wall time over its passes), the
// seconds from pressing Train to the evaluated model, how long the press itself held the
// page's thread, the accuracy, and the peak resident
// memory of all of Chromium's processes (sampled every 200 ms; the workers' heaps are
// not visible to the page). --no-frames: the page draws nothing while it trains (as a
// background tab), to see what the workers get without the page's own rendering.
//   ./build-wasm.sh && node bench/page_bench.mjs [--json] [--presets poly2,best] [--rules settled,sklearn]
//     [--workers 1,2] [--subset N] [--site DIR] [--width PX] [--height PX] [--poll-ms MS]
//     [--no-frames] [--no-background]      (--help says the same; --workers 0: the page's own thread)
import { readdirSync, readFileSync } from 'node:fs';
import { startSite, launchBrowser, openApp } from '../tests/e2e/helpers.mjs';

// Options, checked before anything starts: a misspelt one (or --help) ran the whole
// bench, about 10 minutes, before.
const usage = `usage: node bench/page_bench.mjs [--json] [--presets poly2,best] [--rules settled,sklearn]
         [--workers 1,2] [--subset N] [--site DIR] [--width PX] [--height PX] [--poll-ms MS]
         [--no-frames] [--no-background]
--workers 0 trains on the page's own thread; --poll-ms: how often a timer in the page looks at its state (50).`;
const valued = ['--presets', '--rules', '--workers', '--subset', '--site', '--width', '--height', '--poll-ms'];
const flags = ['--json', '--no-frames', '--no-background'];
const given = new Map();
for (let i = 2; i < process.argv.length; ++i) {
  const arg = process.argv[i];
  if (arg === '--help' || arg === '-h') { console.log(usage); process.exit(0); }
  if (flags.includes(arg)) { given.set(arg, true); continue; }
  if (!valued.includes(arg) || i + 1 >= process.argv.length || process.argv[i + 1].startsWith('--')) {
    console.error(`page_bench: ${valued.includes(arg) ? `${arg} needs a value` : `unknown option ${arg}`}\n${usage}`);
    process.exit(2);
  }
  given.set(arg, process.argv[++i]);
}
const option = (name, otherwise) => (given.has(name) ? given.get(name) : otherwise);
const listOf = (name, otherwise, allowed) => {
  const values = option(name, otherwise).split(',');
  const wrong = values.filter((v) => !allowed(v));
  if (wrong.length > 0) {
    console.error(`page_bench: ${name} ${wrong.join(',')} is not one of its values\n${usage}`);
    process.exit(2);
  }
  return values;
};
const json = given.has('--json');
const presets = listOf('--presets', 'poly2,best', (v) => ['poly2', 'best'].includes(v));
const rules = listOf('--rules', 'settled,sklearn', (v) => ['settled', 'sklearn'].includes(v));
const workerCounts = listOf('--workers', '1,2', (v) => /^\d+$/.test(v)).map(Number);
for (const name of ['--subset', '--width', '--height', '--poll-ms'])
  if (given.has(name) && !(Number.isInteger(Number(given.get(name))) && Number(given.get(name)) > 0)) {
    console.error(`page_bench: ${name} needs a positive whole number\n${usage}`);
    process.exit(2);
  }
const subset = Number(option('--subset', '60000'));
const log = (text) => process.stderr.write(text + '\n');

// Resident memory of every Chromium process, in MB.
function chromiumRssMb() {
  let kb = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!/chrom/i.test(cmd)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch { /* the process ended */ }
  }
  return kb / 1024;
}

// One fit in a fresh context, its figures pushed to results.
async function fit(preset, rule, workers, noFrames) {
  const app = await openApp(browser, `${site.url}?sw=0&workers=${workers}`, { viewport: { width: Number(option('--width', 1280)), height: Number(option('--height', 800)) } });
  const { page } = app;
  await page.waitForFunction(() => window.digitlab.state().data?.train === 60000, null, { timeout: 180000 });
  await page.evaluate(() => window.digitlab.showPanel('train'));
  // --no-frames: the page draws no frames while it trains (as in a background tab):
  // what its own rendering costs the workers on a machine with few cores.
  if (noFrames)
    await page.evaluate(() => {
      window.__raf = window.requestAnimationFrame;
      window.requestAnimationFrame = (f) => { window.__pendingFrame = f; return 0; };
    });
  let peak = chromiumRssMb();
  const sampler = setInterval(() => { peak = Math.max(peak, chromiumRssMb()); }, 200);
  // On the page's own clock: how long pressing Train holds the page's thread (the rows
  // are chosen and the request set up there; its 47 MB of pixels are copied after), when
  // the training stage starts and ends, and when the model is evaluated. A timer in the
  // page looks every --poll-ms (50 ms): the bench polling from outside every 500 ms
  // had added up to half a second to each fit's time. It reads the state without its
  // texts: the whole of it (37 KB, 1.2-1.6 ms a read during a fit) 20 times a second took the page's
  // thread 2.4-3.3% of a core, which with two workers on two cores is the workers'.
  const pollMs = Number(option('--poll-ms', 50));
  const times = await page.evaluate(({ preset, rule, subset, pollMs }) => new Promise((resolve, reject) => {
    const from = performance.now();
    window.digitlab.train({ preset, stop: rule, subset });
    const press = performance.now() - from;
    let training = null, trained = null;
    const timer = setInterval(() => {
      try {
        const s = window.digitlab.state({ texts: false }), t = s.training, at = performance.now() - from;
        // A fit that ends without an evaluated model (it failed, say) ends the bench with why.
        if (trained !== null && at - trained > 120000)
          throw new Error(`no evaluated model 120 s after the run ended (${t.status}: ${t.message})`);
        if (training === null && t.stage === 'training') training = at;
        if (trained === null && !t.running) {
          trained = at;
          // --no-frames: the page evaluates the model a slice per frame, so its frames come back.
          if (window.__raf) {
            window.requestAnimationFrame = window.__raf;
            if (window.__pendingFrame) window.requestAnimationFrame(window.__pendingFrame);
          }
        }
        if (trained !== null && /trained in this page/.test(s.model) && s.accuracy !== null) {
          clearInterval(timer);
          resolve({ press, training, trained, evaluated: at });
        }
      } catch (error) {
        clearInterval(timer);
        reject(error);
      }
    }, pollMs);
  }), { preset, rule, subset, pollMs });
  const pressMs = times.press;
  const seconds = times.evaluated / 1000;
  clearInterval(sampler);
  const s = await page.evaluate(() => window.digitlab.state());
  const t = s.training;
  const r = {
    // workers: how many shared the rows, which is fewer than asked where one failed to
    // load or was lost (the fit then goes on without it): report.mjs refuses such a row.
    preset, rule, workers: t.workers, workers_asked: workers, background: noFrames, where: t.where, status: t.status, passes: t.passes,
    // The worker's own clock over the training stage (state().training.training_seconds);
    // the bench's polling of the stage agrees to within its interval.
    pass_ms: 1000 * t.training_seconds / t.passes, polled_pass_ms: times.training === null ? null : (times.trained - times.training) / t.passes,
    // Scaling, PCA and features on the worker's clock, before the first pass.
    preprocess_seconds: t.preprocess_seconds,
    // From pressing Train to the training stage on the page's clock (the request's copy, the
    // workers' start, the preprocessing) and from its end to the evaluated model.
    to_training_seconds: times.training === null ? null : times.training / 1000, after_training_seconds: (times.evaluated - times.trained) / 1000,
    seconds, settled_seconds: rule === 'settled' ? seconds : null,
    accuracy: s.accuracy, settled_accuracy: rule === 'settled' ? s.accuracy : null,
    settled_window: t.settled_window ?? null, settled_tolerance_points: t.settled_tolerance_points ?? null,
    settled_average: t.settled_average ?? null,
    digits: t.digits, evaluated: s.evaluated, renderer: s.rendering?.renderer ?? null,
    training_frame_ms: s.rendering?.training_frame_ms ?? null, longest_work_ms: t.longest_work_ms, press_ms: pressMs, frames: t.frames, peak_mb: peak,
  };
  if (app.consoleErrors.length) r.console_errors = app.consoleErrors;
  if (r.workers !== workers) log(`page: WARNING: ${workers} worker(s) asked, the fit had ${r.workers} (${t.worker_problem || 'a worker was lost'})`);
  log(`page: ${preset}, ${rule} rule, ${workers} worker(s)${noFrames ? ', no frames' : ''}: ${r.passes} passes, ` +
      `${r.pass_ms?.toFixed(1)} ms a pass, ${r.preprocess_seconds?.toFixed(2)} s before the first, ${seconds.toFixed(1)} s, ` +
      `Train held the page ${pressMs.toFixed(1)} ms, ` +
      `${(100 * r.accuracy).toFixed(2)}%`);
  results.push(r);
  await app.context.close();
}

const site = await startSite(option('--site') ? { root: option('--site') } : {});
const browser = await launchBrowser();
const results = [];
try {
  // One load first, not measured: the browser compiles the programs' code in the background
  // after a first load (and keeps it), which took CPU from the first fit measured.
  {
    const app = await openApp(browser, `${site.url}?sw=0`, { viewport: { width: 1280, height: 800 } });
    await app.page.waitForFunction(() => window.digitlab.state().data?.train === 60000, null, { timeout: 180000 });
    await new Promise((r) => setTimeout(r, 5000));
    await app.context.close();
  }
  for (const preset of presets)
    for (const rule of rules)
      for (const workers of workerCounts) await fit(preset, rule, workers, given.has('--no-frames'));
  // What the two workers get when the page draws nothing (a background tab): the pass
  // ratio without this GPU-less machine's software rendering in the way.
  if (!given.has('--no-background') && presets.includes('poly2') && rules.includes('settled'))
    for (const workers of workerCounts) await fit('poly2', 'settled', workers, true);
} finally {
  await browser.close();
  await site.close();
}

if (json) {
  console.log(JSON.stringify(results));
} else {
  const fmt = (v, d) => (v === null || v === undefined ? '-' : Number(v).toFixed(d));
  if (results[0]?.renderer)
    console.log(`WebGL drawn by ${results[0].renderer}; while workers train, a frame every ${results[0].training_frame_ms} ms`);
  const rows = [['preset', 'rule', 'workers', 'passes', 'ms/pass', 'preprocess s', 'Train to model s', 'accuracy %', 'peak MB']];
  for (const r of results)
    rows.push([r.preset, r.rule, r.workers === r.workers_asked ? r.workers : `${r.workers} of ${r.workers_asked} asked`, r.passes, fmt(r.pass_ms, 1), fmt(r.preprocess_seconds, 2), fmt(r.seconds, 1),
               fmt(100 * r.accuracy, 2), fmt(r.peak_mb, 0)]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  for (const row of rows) console.log(row.map((cell, c) => String(cell).padStart(widths[c])).join('   '));
}
