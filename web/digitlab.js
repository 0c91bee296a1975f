// Digit Lab page glue: loads the wasm program (digitlab_web.js + .wasm) with progress,
// gives the page and its tests window.digitlab, and delivers the data and model files
// listed in assets/manifest.json to the app. Everything is same-origin; there is no
// inline script and no eval, so the page runs under
//   Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'
//
// window.digitlab:
//   state()            the app's state (parsed JSON); ready: true once a model can predict
//   drawRect()         the drawing canvas {x, y, w, h} in CSS pixels
//   clear()            erases the drawing
//   fetchGz(url)       bytes of a .gz file, un-gzipped by the browser's DecompressionStream
//   loadFile(name, url) fetches (un-gzipping .gz) and hands the bytes to the app
//   filesLoaded        a Promise, settled when the manifest's files have been delivered
//   train(options)     sets the Train panel's form and starts training, e.g.
//                      {preset: 'poly2', subset: 1000, max_iter: 50}
//   stop()             stops training; the model so far is kept
//   injectFault(where) for tests: the next slice of 'train', 'evaluate' or 'chapter' work
//                      throws a C++ exception once; only that work ends (state().notice)
//   importModel(src, name)  checks a model file (File, Blob, ArrayBuffer or typed array)
//                      and makes it the model; resolves to {ok, notice}. A bad file keeps
//                      the current model; the notice (state().notice) says why. Dropping a
//                      file on the page and the "Import model..." button come here too.
//   chooseModelFile()  opens the browser's file picker for a model file
//   exportModel()      the current model as .dlm bytes (Uint8Array), or null
//   downloadModel()    saves exportModel() as model.dlm ("Export model" button)
//   showPanel(name)    'draw', 'data', 'train', 'evaluate', a tutorial chapter ('mnist',
//                      'looking', 'sigmoid', 'logistic', 'metrics', 'scaling', 'pca', 'poly',
//                      'weights') or a question ('threshold', 'test_size', 'imbalance',
//                      'augment', 'confusions')
//   open(query)        settings as in the page's address, e.g. 'panel=sigmoid&threshold=0.7'
//                      (that panel alone, for an iframe) or 'lesson=1'; the page applies its
//                      own location.search this way when it starts
'use strict';

(function () {
  const FONT_URL = 'assets/DejaVuSans.ttf';
  const FONT_PATH = '/assets/DejaVuSans.ttf';   // where web_main.cpp looks for it
  const MANIFEST_URL = 'assets/manifest.json';

  const canvas = document.getElementById('canvas');
  const overlay = document.getElementById('overlay');
  const statusText = document.getElementById('status');
  const progressBar = document.getElementById('progress');

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

  function hideStatus() {
    if (!failed) overlay.hidden = true;
  }

  function showError(text) {
    failed = true;
    overlay.hidden = false;
    overlay.classList.remove('corner');
    overlay.classList.add('error');
    statusText.textContent = text;
    progressBar.hidden = true;
  }

  function formatMB(bytes) {
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  // [SECTION] Fetching

  // Bytes of `url`, reporting (receivedBytes, totalBytes or 0) as they arrive.
  async function fetchBytes(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body || !onProgress) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(received, total);
    }
    const bytes = new Uint8Array(received);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }

  async function gunzip(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // The bytes of a .gz file, decompressed. A server that sends the file with
  // Content-Encoding: gzip has the browser decompress it already; the gzip magic
  // number (1f 8b) tells the two cases apart.
  async function fetchGz(url, onProgress) {
    const bytes = await fetchBytes(url, onProgress);
    const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    return gzipped ? gunzip(bytes) : bytes;
  }

  // [SECTION] Calls into the wasm program (src/platform/web_main.cpp)

  function requireRuntime() {
    if (!Module.calledRun) throw new Error('digitlab: the wasm program is not running yet');
  }

  function state() {
    if (!firstFrameShown) return { ready: false };
    return JSON.parse(Module.UTF8ToString(Module._digitlab_state_json()));
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

  function open(query) {
    requireRuntime();
    Module.ccall('digitlab_open', null, ['string'], [String(query).replace(/^\?/, '')]);
  }

  // [SECTION] Model files: import (drop, file picker, script) and export

  // The page reads at most this much of a model file (src/app/work.hpp,
  // kMaxImportModelBytes, is the real limit; one byte more tells the app it is exceeded).
  const MAX_MODEL_BYTES = 64 * 1048576;

  async function bytesOf(source, limit) {
    if (source instanceof Blob) return new Uint8Array(await source.slice(0, limit).arrayBuffer());
    if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0, limit));
    if (ArrayBuffer.isView(source)) {
      return new Uint8Array(source.buffer, source.byteOffset, Math.min(source.byteLength, limit));
    }
    throw new TypeError('importModel wants a File, Blob, ArrayBuffer or typed array');
  }

  async function importModel(source, name) {
    requireRuntime();
    const bytes = await bytesOf(source, MAX_MODEL_BYTES + 1);
    const fileName = String(name || (source && source.name) || 'model.dlm');
    const pointer = Module._malloc(Math.max(1, bytes.length)) >>> 0;
    if (!pointer) throw new Error('digitlab: out of memory for ' + fileName);
    Module.HEAPU8.set(bytes, pointer);   // HEAPU8 after malloc: memory may have grown
    // digitlab_import_model takes ownership of the bytes and frees them.
    Module.ccall('digitlab_import_model', null, ['string', 'number', 'number'], [fileName, pointer, bytes.length]);
    const after = state();
    return { ok: !after.notice_is_error, notice: after.notice };
  }

  function reportImportError(error) {
    console.error('digitlab: importing the model failed:', error);
  }

  let modelInput = null;   // the hidden <input type=file>, made on first use

  function chooseModelFile() {
    if (!modelInput) {
      modelInput = document.createElement('input');
      modelInput.type = 'file';
      modelInput.accept = '.dlm';
      modelInput.id = 'model-file';
      modelInput.hidden = true;
      modelInput.addEventListener('change', () => {
        const file = modelInput.files && modelInput.files[0];
        modelInput.value = '';   // so that choosing the same file again fires 'change' again
        if (file) importModel(file).catch(reportImportError);
      });
      document.body.appendChild(modelInput);
    }
    modelInput.click();
  }

  function exportModel() {
    requireRuntime();
    const pointer = Module._digitlab_export_model() >>> 0;
    const size = Module._digitlab_export_model_size();
    return pointer && size > 0 ? Module.HEAPU8.slice(pointer, pointer + size) : null;
  }

  function downloadModel(fileName) {
    const bytes = exportModel();
    if (!bytes) return false;
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName || 'model.dlm';
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return true;
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

  // Delivers every file of assets/manifest.json ([{"name": ..., "url": ...}]) in order.
  // No manifest means no files.
  async function loadManifest() {
    let entries = [];
    const response = await fetch(MANIFEST_URL);
    if (response.ok) entries = await response.json();
    if (!Array.isArray(entries)) throw new Error(MANIFEST_URL + ' is not an array');
    for (let i = 0; i < entries.length; ++i) {
      const { name, url } = entries[i];
      const label = 'Loading ' + name + ' (' + (i + 1) + '/' + entries.length + ')';
      showStatus(label, null);
      await loadFile(name, url, (received, total) => {
        showStatus(label + ' ' + formatMB(received) + (total ? ' of ' + formatMB(total) : ''),
                   total ? received / total : null);
      });
    }
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

  const filesLoaded = firstFrame.then(loadManifest).then(hideStatus, (error) => {
    console.error('digitlab: loading data files failed:', error);
    showError('Loading data files failed: ' + error.message);
    throw error;
  });
  filesLoaded.catch(() => {});   // reported above; tests may still await it

  window.digitlab = { state, drawRect, clear, train, stop, injectFault, showPanel, open, fetchGz, loadFile, filesLoaded };

  Object.assign(window.digitlab, { importModel, chooseModelFile, exportModel, downloadModel });

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
  // A model file dropped anywhere on the page is imported; the browser must not open it.
  const carriesFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && firstFrameShown) importModel(file).catch(reportImportError);
  });
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    showError('The WebGL context was lost. Reload the page.');
  });

  async function start() {
    if (typeof WebAssembly !== 'object') throw new Error('this browser has no WebAssembly');
    // The font and the program download together; the font is optional (the app falls
    // back to ImGui's built-in font), so a missing font only logs.
    const font = fetchBytes(FONT_URL).catch((error) => {
      console.warn('digitlab: no font, using the built-in one:', error.message);
      return null;
    });
    const wasm = fetchBytes('digitlab_web.wasm', (received, total) => {
      showStatus('Loading program ' + formatMB(received) + (total ? ' of ' + formatMB(total) : ''),
                 total ? received / total : null);
    });
    const [fontBytes, wasmBytes] = await Promise.all([font, wasm]);
    showStatus('Starting…', null);

    Module.wasmBinary = wasmBytes;
    // ?panel=...&lesson=...: applied once main() has made the app, before the first frame.
    Module.postRun = [() => { if (location.search.length > 1) open(location.search); }];
    Module.preRun = [() => {
      if (!fontBytes) return;
      Module.FS.mkdirTree(FONT_PATH.slice(0, FONT_PATH.lastIndexOf('/')));
      Module.FS.writeFile(FONT_PATH, fontBytes);
    }];

    const script = document.createElement('script');
    script.src = 'digitlab_web.js';
    script.onerror = () => showError('Could not load digitlab_web.js');
    document.body.appendChild(script);
  }

  start().catch((error) => {
    console.error('digitlab:', error);
    showError('Digit Lab could not start: ' + error.message);
  });
})();
