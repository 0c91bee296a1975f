// Digit Lab page glue: loads the wasm program (digitlab_web.js + .wasm) with progress,
// gives the page and its tests window.digitlab, and delivers the data and model files
// listed in assets/manifest.json to the app. Everything is same-origin; there is no
// inline script and no eval, so the page runs under
//   Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'
//
// window.digitlab:
//   state()            the app's state (parsed JSON); ready: true once a model can predict
//                      (an embedded panel that needs no model: once it is drawn);
//                      rendering: {renderer, software, training_frame_ms}, how WebGL draws.
//                      state({texts: false}) leaves out chapters and glossary, about
//                      four fifths of it: for a caller that reads it many times a second
//   drawRect()         the drawing canvas {x, y, w, h} in CSS pixels
//   clear()            erases the drawing
//   fetchGz(url)       bytes of a .gz file, un-gzipped by the browser's DecompressionStream
//                      (where it has none, still gzipped: the program inflates them)
//   loadFile(name, url) fetches (un-gzipping .gz) and hands the bytes to the app
//   filesLoaded        a Promise, settled when each of the manifest's files has loaded or
//                      failed (after retries with backoff; one failure stops no other)
//   files()            each file's {name, state ('waiting', 'loading', 'retrying',
//                      'loaded', 'failed'), received, total, attempts, error}
//   retry()            fetches the failed files again (the panels' Retry buttons);
//                      resolves to {name: state}
//   graphics()         {lost, restorations}: the WebGL context's losses, given back
//   program            'digitlab_web_relaxed' (relaxed SIMD's fused multiply-add),
//                      'digitlab_web' (WebAssembly SIMD) or 'digitlab_web_nosimd' (the
//                      same program without SIMD, for browsers that lack it)
//   train(options)     sets the Train panel's form and starts training, e.g.
//                      {preset: 'poly2', subset: 1000, max_iter: 50}; an unknown key or a
//                      bad value starts nothing and state().notice names it
//                      (src/app/logic/train_form.hpp lists the keys)
//   stop()             stops training; the model so far is kept
//   fitWorker          the training workers' glue (the app calls it): training runs in
//                      Web Workers unless ?workers=0 or the browser has none, 1, 2 or
//                      4 sharing the rows as the cores allow (?workers=N asks for N);
//                      state().training.where says "worker" or "main thread", and
//                      state().training.workers how many shared the rows
//   injectFault(where) for tests: the next slice of 'train', 'evaluate' or 'chapter' work
//                      (a worker's run: its next report) throws a C++ exception once;
//                      only that work ends (state().notice)
//   importModel(src, name)  checks a model file (File, Blob, ArrayBuffer or typed array)
//                      and makes it the model; resolves to {ok, notice}. A bad file keeps
//                      the current model; the notice (state().notice) says why. Dropping a
//                      file on the page and the "Import model..." button come here too.
//   chooseModelFile()  opens the browser's file picker for a model file
//   exportModel()      the current model as .dlm bytes (Uint8Array), or null
//   downloadModel()    saves exportModel() as model.dlm ("Export model" button)
//   useDataset(name)   'mnist' or 'fashion' (where the site was built with it): the app forgets
//                      the other dataset's model, data and results and the page loads this
//                      one's files; resolves when they have loaded or failed. ?data=fashion
//                      opens on it; state().dataset, datasets and class_names tell
//   showPanel(name)    'draw', 'data', 'train', 'evaluate', a tutorial chapter ('mnist',
//                      'looking', 'sigmoid', 'logistic', 'metrics', 'scaling', 'pca', 'poly',
//                      'weights') or a question ('threshold', 'test_size', 'imbalance',
//                      'augment', 'confusions')
//   explain(options)   the Draw panel's "Why this digit?" map: {against: 0..9 (default the
//                      runner-up), baseline: 'empty' or 'mean'}; explain(false) hides it.
//                      state().explanation has its score difference and the map's sum
//   open(query)        settings as in the page's address, e.g. 'panel=sigmoid&threshold=0.7'
//                      (that panel alone, for an iframe) or 'lesson=1'; the page applies its
//                      own location.search this way when it starts
//   showComparison(on) Evaluate's compare view on (true) or off: the model before the last
//                      one trained or imported against the current one on the same digits;
//                      state().compare has its figures once both are evaluated
//   address()          the query that reopens what the page shows (panel or lesson step,
//                      their settings, train.* for the Train form, theme; only values that
//                      are not the defaults); web/address.js keeps the address bar on it
//                      with history.replaceState. state().address is the same
//   link(), embedCode()  this view's full address, and an <iframe> of its panel
//   copyLink(), copyEmbedCode()  to the clipboard (the "Copy link" and "Copy embed code"
//                      buttons); resolve to {copied, text}; where the browser refuses, the
//                      text is shown to select and copy, and state().notice says so
//   undo()             takes back the last stroke
//   useTestDigit(index) shows test digit `index` (omitted: one at random) in the Draw panel
//                      in place of a drawing and predicts it; the index shown, or -1 while
//                      the test digits have not loaded
//   lessonStep(delta)  the lesson's Next (+1) or Back (-1); starts the lesson
//   access()           what the screen-reader layer shows (web/access.js), parsed
//   loadFilesFor(panel) fetches the files `panel` needs that have not come yet (an embedded
//                      panel loads only its own: web/data-files.js)
//   offline            a Promise: {cache} once the service worker has cached the site for
//                      offline use (web/sw.js), or {cache: null, reason} when it will not
//   started            a Promise settled at the first frame
// Services: ?sw=0 in the address keeps the service worker out (registerServiceWorker).
'use strict';

(function () {
  // DejaVu Sans cut down to the characters ImGui loads (U+0020-00FF) by build-wasm.sh.
  const FONT_URL = 'assets/DejaVuSans-Latin1.ttf';
  const FONT_PATH = '/assets/DejaVuSans.ttf';   // where web_main.cpp looks for it

  const canvas = document.getElementById('canvas');
  const overlay = document.getElementById('overlay');
  const statusText = document.getElementById('status');
  const progressBar = document.getElementById('progress');

  // Fetching with progress, un-gzipping, retries, and failures in words (web/fetching.js,
  // loaded before this file; start() says so if it did not arrive).
  const fetching = window.digitlabFetching;
  const { fetchBytes, fetchGz, withRetries, describeFailure, formatMB, RETRY_PAUSES_MS } = fetching || {};

  let firstFrameShown = false;
  let failed = false;

  // [SECTION] Loading overlay

  function showStatus(text, fraction) {
    if (failed) return;
    overlay.hidden = false;
    statusText.textContent = text;
    if (fraction === undefined || fraction === null) {
      progressBar.removeAttribute('value');   // indeterminate
    } else {
      progressBar.value = Math.max(0, Math.min(1, fraction));
    }
  }

  // `reload`: the failure may pass (a network error), so offer to load the page again.
  function showError(text, reload = false) {
    failed = true;
    overlay.hidden = false;
    overlay.classList.remove('corner');
    overlay.classList.add('error');
    statusText.textContent = text;
    progressBar.hidden = true;
    if (reload && !document.getElementById('reload')) {
      const button = document.createElement('button');
      button.id = 'reload';
      button.textContent = 'Try again';
      button.addEventListener('click', () => location.reload());
      overlay.querySelector('.box').appendChild(button);
    }
  }

  // [SECTION] Calls into the wasm program (src/platform/web_main.cpp)

  function requireRuntime() {
    if (!Module.calledRun) throw new Error('digitlab: the wasm program is not running yet');
  }

  function state({ texts = true } = {}) {
    if (!firstFrameShown) return { ready: false };
    const s = JSON.parse(Module.UTF8ToString(Module._digitlab_state_json(texts ? 1 : 0)));
    // How the browser draws WebGL (src/platform/web_main.cpp): on the CPU, frames come
    // further apart while workers train.
    s.rendering = Module.rendering || null;
    // An embedded panel that needs no model (web/data-files.js) is ready once it is drawn.
    if (!s.ready && s.embedded && s.panel === embeddedPanel && !dataFiles.needsModel(embeddedPanel)) {
      s.ready = true;
    }
    return s;
  }

  function drawRect() {
    requireRuntime();
    return JSON.parse(Module.UTF8ToString(Module._digitlab_draw_rect_json()));
  }

  function clear() {
    requireRuntime();
    Module._digitlab_clear();
  }

  function train(options) {
    requireRuntime();
    const spec = Object.entries(options || {}).map(([key, value]) => key + '=' + value).join(';');
    Module.ccall('digitlab_train', null, ['string'], [spec]);
  }

  function stop() {
    requireRuntime();
    Module._digitlab_stop();
  }

  function injectFault(where) {
    requireRuntime();
    Module.ccall('digitlab_inject_fault', null, ['string'], [String(where)]);
  }

  function showPanel(name) {
    requireRuntime();
    Module.ccall('digitlab_show_panel', null, ['string'], [String(name)]);
  }

  // The Draw panel's "Why this digit?" map: explain() shows it against the runner-up from
  // the empty image; explain({against: 3, baseline: 'mean'}); explain(false) hides it.
  function explain(options = {}) {
    requireRuntime();
    const shown = options !== false;
    const o = shown && typeof options === 'object' ? options : {};
    const against = Number.isInteger(o.against) ? o.against : -1;
    Module.ccall('digitlab_explain', null, ['number', 'number', 'number'],
                 [shown ? 1 : 0, against, o.baseline === 'mean' ? 1 : 0]);
  }

  function showComparison(on = true) {
    requireRuntime();
    Module._digitlab_show_comparison(on ? 1 : 0);
  }

  // The Train panel's first field takes the keyboard (Shift+T, web/access.js).
  function focusFirstField() {
    requireRuntime();
    Module._digitlab_focus_first_field();
  }

  function open(query) {
    requireRuntime();
    Module.ccall('digitlab_open', null, ['string'], [String(query).replace(/^\?/, '')]);
  }

  function undo() {
    requireRuntime();
    Module._digitlab_undo();
  }

  function useTestDigit(index) {
    requireRuntime();
    const wanted = Number.isInteger(index) ? index : -1;
    return Module._digitlab_use_test_digit(wanted);
  }

  function lessonStep(delta) {
    requireRuntime();
    Module._digitlab_lesson_step(delta < 0 ? -1 : 1);
  }

  function access() {
    if (!firstFrameShown) return null;
    return JSON.parse(Module.UTF8ToString(Module._digitlab_access_json()));
  }

  function typing() {
    return firstFrameShown && Module._digitlab_text_input_active() === 1;
  }

  // Copies `bytes` into wasm memory; digitlab_file_loaded takes ownership and frees it.
  function deliver(name, bytes) {
    requireRuntime();
    const pointer = Module._malloc(Math.max(1, bytes.length));
    if (!pointer) throw new Error('digitlab: out of memory for ' + name);
    Module.HEAPU8.set(bytes, pointer);   // read HEAPU8 after malloc: memory may have grown
    Module.ccall('digitlab_file_loaded', null, ['string', 'number', 'number'],
                 [name, pointer, bytes.length]);
  }

  async function loadFile(name, url, onProgress) {
    const bytes = url.endsWith('.gz') ? await fetchGz(url, onProgress) : await fetchBytes(url, onProgress);
    deliver(name, bytes);
  }

  // [SECTION] The manifest's files (web/data-files.js, loaded before this file), and the
  // note over the page that follows them

  const query = new URLSearchParams(location.search);
  const embeddedPanel = query.has('panel') && !/^(0|false)$/.test(query.get('embed') || '') ? query.get('panel') : null;
  const graphics = { lost: false, slow: false, restorations: 0 };   // the WebGL context (below)
  let filesPanel = null;

  const dataFiles = window.makeDataFiles && fetching ? window.makeDataFiles({
    fetching,
    deliver,
    app: {
      verdict: (name) => (state().files || {})[name],
      failed: (name, why) => Module.ccall('digitlab_file_failed', null, ['string', 'string'], [name, why]),
      setDatasets: (available, asked) => Module.ccall('digitlab_set_datasets', null, ['string', 'string'], [available, asked]),
      switchTo: (dataset) => Boolean(Module.ccall('digitlab_use_dataset', 'number', ['string'], [dataset])),
    },
    embeddedPanel,
    askedDataset: query.get('data'),
    changed: renderFiles,
  }) : null;

  function renderFiles() {
    if (!dataFiles) return;
    if (!filesPanel) {
      filesPanel = document.createElement('ul');
      filesPanel.id = 'files';
      overlay.querySelector('.box').appendChild(filesPanel);
    }
    const { busy, total, files } = dataFiles.shown();
    statusText.textContent = busy ? 'Loading ' + busy + ' of ' + total + ' files' : '';
    if (graphics.lost) {
      statusText.textContent = graphics.slow
        ? 'The graphics are still lost. Reloading the page brings them back (export your model first: it would be lost).'
        : 'The browser took the graphics (WebGL) away; waiting for them to come back. Your model, drawing and training are kept.';
    }
    progressBar.hidden = true;
    filesPanel.replaceChildren(...files.map((f) => {
      const item = document.createElement('li');
      item.className = f.state;
      let text = f.name + ': ';
      if (f.state === 'loading') {
        text += f.received ? formatMB(f.received) + (f.total ? ' of ' + formatMB(f.total) : '') : 'waiting for the server';
      } else if (f.state === 'retrying') {
        text += 'trying again (' + f.error + ')';
      } else if (f.state === 'failed') {
        text += 'failed: ' + f.error;
      } else {
        text += f.state;
      }
      item.textContent = text;
      return item;
    }));
    if (failed) return;
    overlay.hidden = busy === 0 && !graphics.lost;
  }

  // [SECTION] The glossary for screen readers
  // The canvas is one picture to a screen reader, so the page's glossary (the same
  // one-line definitions its tooltips show, src/app/glossary.cpp) is also a visually
  // hidden definition list in the DOM, written once from state() after the first frame.

  function renderGlossary() {
    const entries = state().glossary;
    if (!Array.isArray(entries) || document.getElementById('glossary')) return;
    const section = document.createElement('section');
    section.className = 'visually-hidden';
    section.setAttribute('aria-labelledby', 'glossary-title');
    const title = document.createElement('h2');
    title.id = 'glossary-title';
    title.textContent = 'Glossary of Digit Lab';
    const list = document.createElement('dl');
    list.id = 'glossary';
    for (const { term, name, definition } of entries) {
      const dt = document.createElement('dt');
      dt.id = 'glossary-' + term;
      dt.textContent = name;
      const dd = document.createElement('dd');
      dd.textContent = definition;
      list.append(dt, dd);
    }
    section.append(title, list);
    document.body.appendChild(section);
  }

  // [SECTION] Start-up

  let resolveFirstFrame;
  const firstFrame = new Promise((resolve) => { resolveFirstFrame = resolve; });

  // Settles when every file of the manifest has loaded or failed (a failed one is in
  // files() and state().files, and its panels offer Retry); rejects only when the
  // manifest itself cannot be read.
  const filesLoaded = firstFrame.then(() => dataFiles.loadManifest()).then(renderFiles, (error) => {
    console.error('digitlab: loading data files failed:', error);
    showError('Loading data files failed: ' + error.message);
    throw error;
  });
  filesLoaded.catch(() => {});   // reported above; tests may still await it

  // [SECTION] Offline: the service worker (web/sw.js)
  // Registered after the page's files have loaded, so its caching never competes with the
  // first load. Not for an embedded panel: a course page showing the Sigmoid panel would
  // otherwise fetch the whole site (15 MB) to cache it. Not with ?sw=0: a page whose
  // requests a test routes or counts should keep every later load on the network too.
  // Where there are no service workers (a sandboxed iframe, http:// on another host, some
  // private modes) the page works as before, online only.
  async function registerServiceWorker() {
    if (query.get('sw') === '0') return { cache: null, reason: '?sw=0' };
    if (embeddedPanel !== null) return { cache: null, reason: 'an embedded panel' };
    if (!('serviceWorker' in navigator)) return { cache: null, reason: 'no service workers here' };
    try {
      const registered = await navigator.serviceWorker.register('sw.js');
      // A rebuilt site is a changed sw.js: ask at once (register() alone does not when a
      // worker is there already, and the browser's own check may come much later).
      if (registered.active) registered.update().catch(() => {});   // offline: nothing to ask
      const registration = await navigator.serviceWorker.ready;   // installed: the files are cached
      const channel = new MessageChannel();
      const answer = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
      registration.active.postMessage('cache-name', [channel.port2]);
      return await answer;
    } catch (error) {
      console.warn('digitlab: no offline copy:', error.message);
      return { cache: null, reason: error.message };
    }
  }
  const offline = filesLoaded.catch(() => {}).then(registerServiceWorker);

  // [SECTION] The training workers (issue 12; web/fit-workers.js, loaded before this file)
  // Two sets, each sharing a fit's rows across 1, 2 or 4 workers: the Train panel's
  // (fitWorker) and the chapters' experiments' (chapterWorker, made at their first fit), so
  // an experiment and a Train run go at once. Without fit-workers.js every fit stays on
  // this thread.
  const workersAsked = query.get('workers');   // as the page opened: its address changes since
  const makeWorkers = window.makeFitWorkers ||
    (() => ({ start: () => 0, send() {}, problem: () => 'fit-workers.js did not load' }));
  const fitWorker = makeWorkers({ name: 'training', report: '_digitlab_fit_report', failed: 'digitlab_fit_failed', workersAsked });
  const chapterWorker = makeWorkers({ name: 'chapters\'', report: '_digitlab_chapter_report', failed: 'digitlab_chapter_failed',
                                     workersAsked });

  const useDataset = (name) => dataFiles.useDataset(name);
  const loadFilesFor = (panel) => dataFiles.loadFilesFor(panel);
  window.digitlab = { state, drawRect, clear, train, stop, injectFault, showPanel, explain, showComparison, open, fetchGz, loadFile, useDataset,
                      filesLoaded, deliverFile: deliver, whenStarted, focusFirstField, undo, useTestDigit, lessonStep, access, typing,
                      loadFilesFor, started: firstFrame, offline, fitWorker, chapterWorker };

  // Model files in and out (web/model-files.js, loaded before this file).
  const modelFiles = window.makeModelFiles ? window.makeModelFiles({ requireRuntime, state, started: () => firstFrameShown }) : {};
  const { importModel, chooseModelFile, exportModel, downloadModel } = modelFiles;
  Object.assign(window.digitlab, { importModel, chooseModelFile, exportModel, downloadModel, retry: () => dataFiles.retry(),
                                   files: () => dataFiles.states(),
                                   graphics: () => ({ ...graphics }) });

  // Emscripten reads this global before it runs (MODULARIZE=0).
  window.Module = {
    canvas,
    print: (text) => console.log(text),
    printErr(text) {
      console.error(text);
      // Before the first frame nothing else would tell the user why the page is stuck.
      if (!firstFrameShown && text.startsWith('digitlab:')) showError(text.slice(10).trim());
    },
    onAbort: (what) => showError('Digit Lab stopped: ' + what),
    onFirstFrame() {   // called by web_main.cpp after the first frame is drawn
      firstFrameShown = true;
      overlay.classList.add('corner');
      showStatus('Loading data…', null);
      renderGlossary();
      resolveFirstFrame();
    },
  };

  canvas.addEventListener('contextmenu', (event) => event.preventDefault());
  // [SECTION] A lost WebGL context (a tablet short of memory, a GPU reset)
  // preventDefault asks the browser to give it back; meanwhile the program runs on (its
  // drawing calls do nothing), so the model, the drawing and a training run are kept, and
  // on 'webglcontextrestored' the program makes its GL objects again.
  let lostTimer = null;
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    graphics.lost = true;
    renderFiles();
    lostTimer = setTimeout(() => {
      graphics.slow = true;
      renderFiles();
    }, 5000);
  });
  canvas.addEventListener('webglcontextrestored', () => {
    clearTimeout(lostTimer);
    Object.assign(graphics, { lost: false, slow: false, restorations: graphics.restorations + 1 });
    if (Module.calledRun) Module._digitlab_gl_restored();
    renderFiles();
  });
  // SDL sets the canvas's size at every resize event, which may clear it even at the same
  // size (Chromium keeps a WebGL canvas's picture then), while SDL reports nothing; and a
  // tab shown again or a page back from the back-forward cache may have lost its picture:
  // the program presents its next frame, as it presents only frames that change
  // (src/app/logic/frame_pacing.hpp).
  const pictureMayBeLost = () => {
    if (Module.calledRun) Module._digitlab_canvas_cleared();
  };
  window.addEventListener('resize', pictureMayBeLost);
  window.addEventListener('pageshow', (event) => { if (event.persisted) pictureMayBeLost(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden) pictureMayBeLost(); });

  // [SECTION] What the browser must have

  // A function returning v128 (i32.const 0; i8x16.splat; i8x16.popcnt): valid only where
  // WebAssembly SIMD is. The page has three programs: digitlab_web (-msimd128), for
  // browsers without SIMD (Safari before 16.4, many school iPads) digitlab_web_nosimd, and
  // digitlab_web_relaxed (below).
  const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8,
                                     0, 65, 0, 253, 15, 253, 98, 11]);
  // A function returning f32x4.relaxed_madd of three splats (opcode 0xfd 0x105): valid
  // where relaxed SIMD is (Chrome and Edge 114 on). Those browsers get digitlab_web_relaxed,
  // whose training kernels fuse each multiply and add: about a fifth off a pass.
  const RELAXED_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 19, 1, 17,
                                        0, 65, 0, 253, 17, 65, 0, 253, 17, 65, 0, 253, 17, 253, 133, 2, 11]);
  // WebGL2 and WebAssembly: Safari 15 and later (iPadOS 15), Chrome 56, Firefox 51.
  const UPDATE = 'Open the page in a current Chrome, Edge, Firefox or Safari (15 or later; on an iPad, ' +
                 'iPadOS 15 or later).';

  // What this browser lacks of what the page needs, as sentences for the learner ([] if
  // nothing): checked before the 1.7 MB program is downloaded.
  function missingFeatures() {
    const missing = [];
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
      missing.push('WebAssembly, which runs its learning code');
    }
    let gl = null;
    try { gl = document.createElement('canvas').getContext('webgl2'); } catch (error) { gl = null; }
    if (!gl) {
      missing.push('WebGL2, which draws the page (it may be switched off in the browser\'s settings, or the ' +
                   'graphics driver may be blocked: try another browser, or turn hardware acceleration on)');
    } else {
      const lose = gl.getExtension('WEBGL_lose_context');
      if (lose) lose.loseContext();   // only a probe: give the context back
    }
    return missing;
  }

  // Functions other scripts (my-drawings.js) want run once the program has started.
  const startHooks = [];
  let started = false;
  function whenStarted(f) {
    if (started) f(); else startHooks.push(f);
  }

  async function start() {
    if (!fetching) throw new Error('fetching.js could not be loaded');
    if (!dataFiles) throw new Error('data-files.js could not be loaded');
    if (!window.makeModelFiles) throw new Error('model-files.js could not be loaded');
    const missing = missingFeatures();
    if (missing.length) {
      throw new Error('this browser lacks ' + missing.join('; and ') + '. ' + UPDATE);
    }
    // The font and the program download together; the font is optional (the app falls
    // back to ImGui's built-in font), so a missing font only logs.
    const font = withRetries(() => fetchBytes(FONT_URL)).catch((error) => {
      console.warn('digitlab: no font, using the built-in one:', error.message);
      return null;
    });
    // The fused program where the browser has relaxed SIMD, the SIMD one where it has
    // WebAssembly SIMD, the plain one elsewhere.
    const program = WebAssembly.validate(RELAXED_PROBE) ? 'digitlab_web_relaxed'
      : WebAssembly.validate(SIMD_PROBE) ? 'digitlab_web' : 'digitlab_web_nosimd';
    window.digitlab.program = program;
    const wasm = withRetries(() => fetchBytes(program + '.wasm', (received, total) => {
      showStatus('Loading program ' + formatMB(received) + (total ? ' of ' + formatMB(total) : ''),
                 total ? received / total : null);
    }), (error) => showStatus('Loading the program failed (' + describeFailure(error) + '); trying again…', null));
    let fontBytes, wasmBytes;
    try {
      [fontBytes, wasmBytes] = await Promise.all([font, wasm]);
    } catch (error) {
      throw new Error(program + '.wasm could not be loaded: ' + describeFailure(error) + ' (tried ' +
                      (RETRY_PAUSES_MS.length + 1) + ' times)', { cause: error });
    }
    showStatus('Starting…', null);

    Module.wasmBinary = wasmBytes;
    // ?panel=...&lesson=...: applied once main() has made the app, before the first frame.
    Module.postRun = [() => {
      if (location.search.length > 1) open(location.search);
      started = true;
      for (const f of startHooks) f();
    }];
    Module.preRun = [() => {
      if (!fontBytes) return;
      Module.FS.mkdirTree(FONT_PATH.slice(0, FONT_PATH.lastIndexOf('/')));
      Module.FS.writeFile(FONT_PATH, fontBytes);
    }];

    const script = document.createElement('script');
    script.src = program + '.js';
    script.onerror = () => showError('Digit Lab could not start: ' + program + '.js could not be loaded.', true);
    document.body.appendChild(script);
  }

  start().catch((error) => {
    console.error('digitlab:', error);
    // A download that failed may work later; a missing browser feature will not.
    showError('Digit Lab could not start: ' + error.message, /could not be loaded/.test(error.message));
  });
})();
