// The page's training worker (issue 12): runs a Train-panel fit off the page's thread, so
// training never competes with drawing and goes on in a background tab (where frames
// stop). It loads the core-only program (src/platform/fit_worker/main.cpp), named by
// ?program= (digitlab_fit_worker, or digitlab_fit_worker_nosimd beside the no-SIMD page).
//
// Messages from the page (web/digitlab.js):
//   {type: 'start', run, request}   request: an ArrayBuffer (core/jobs/fit_messages.hpp),
//                                   handed over, not copied
//   {type: 'stop' | 'model' | 'cancel', run}
// To the page:
//   {type: 'report', run, bytes}    after every slice of about 50 ms (bytes handed over)
//   {type: 'failed', run, message}  the fit threw: the run is over
//   {type: 'broken', message}       the program did not load: nothing runs here
'use strict';

const SLICE_SECONDS = 0.05;
const program = new URL(self.location.href).searchParams.get('program') || 'digitlab_fit_worker';

let running = null;   // the run number being fitted, or null
let stopAsked = false;
let modelAsked = false;
let ready = false;
const queue = [];     // messages that came before the program was ready

var Module = {
  onRuntimeInitialized() {
    ready = true;
    for (const m of queue.splice(0)) handle(m);
  },
  onAbort(what) { self.postMessage({ type: 'broken', message: program + ' stopped: ' + what }); },
  print(text) { console.log(text); },
  printErr(text) { console.warn(text); },
};
self.Module = Module;

// Between slices the worker yields to its event loop (a message to itself: no 4 ms
// timer clamp), so 'stop' and 'model' are read within a slice.
const tick = new MessageChannel();
tick.port1.onmessage = slice;

function slice() {
  if (running === null) return;
  if (stopAsked) Module._fit_stop();
  stopAsked = false;
  const pointer = Module._fit_step(SLICE_SECONDS, modelAsked ? 1 : 0);
  modelAsked = false;
  if (!pointer) {
    self.postMessage({ type: 'failed', run: running, message: Module.UTF8ToString(Module._fit_error()) });
    running = null;
    return;
  }
  const bytes = Module.HEAPU8.slice(pointer, pointer + Module._fit_reply_size());
  self.postMessage({ type: 'report', run: running, bytes }, [bytes.buffer]);
  if (!Module._fit_running()) { running = null; return; }
  tick.port2.postMessage(0);
}

function handle(m) {
  if (m.type === 'start') {
    const bytes = new Uint8Array(m.request);
    const pointer = Module._malloc(bytes.length);
    if (!pointer) {
      self.postMessage({ type: 'failed', run: m.run, message: 'the worker has no memory for ' + bytes.length + ' bytes' });
      return;
    }
    Module.HEAPU8.set(bytes, pointer);
    if (!Module._fit_start(pointer, bytes.length)) {   // it frees the bytes either way
      self.postMessage({ type: 'failed', run: m.run, message: Module.UTF8ToString(Module._fit_error()) });
      return;
    }
    running = m.run;
    stopAsked = modelAsked = false;
    tick.port2.postMessage(0);
  } else if (m.run === running) {
    if (m.type === 'stop') stopAsked = true;
    else if (m.type === 'model') modelAsked = true;
    else if (m.type === 'cancel') { Module._fit_cancel(); running = null; }
  }
}

self.onmessage = (event) => {
  if (ready) handle(event.data); else queue.push(event.data);
};

// The program's .wasm is fetched here, not by its .js: a failed download then says so
// (Emscripten's own fetch leaves only an unhandled rejection, and the page would wait),
// and the no-SIMD program's .js, which names digitlab_fit_worker.wasm, gets its own.
function broken(message) { self.postMessage({ type: 'broken', message }); }
self.addEventListener('unhandledrejection', (event) => broken(program + ': ' + event.reason));
fetch(program + '.wasm')
  .then((response) => {
    if (!response.ok) throw new Error('HTTP ' + response.status);
    return response.arrayBuffer();
  })
  .then((bytes) => {
    Module.wasmBinary = bytes;
    importScripts(program + '.js');
  })
  .catch((error) => broken(program + ' could not be loaded: ' + error.message));
