// The page's training worker (issue 12): runs a Train-panel fit off the page's thread, so
// training never competes with drawing and goes on in a background tab (where frames
// stop). It loads the core-only program (src/platform/fit_worker/main.cpp), named by
// ?program= (digitlab_fit_worker, or digitlab_fit_worker_relaxed or _nosimd beside the
// relaxed SIMD or no-SIMD page).
//
// Row sharding (issue 12; core/linear_model/row_shards.hpp): with ?workers=N the page
// makes N of these. The first fits; the others (?role=shard) each hold a share of the
// rows and, every L-BFGS pass, return their share's loss and gradient at the point the
// first sends. They talk over MessagePorts the page hands out, with no SharedArrayBuffer
// (so no cross-origin isolation, and embedding keeps working). A shard that fails hands
// its rows back to the first.
//
// Messages from the page (web/digitlab.js):
//   {type: 'start', run, request, pixels}   request: an ArrayBuffer, the request's head and
//                                   tail, pixels: its fit rows' pixels (SplitFitRequest in
//                                   core/jobs/fit_messages.hpp),
//                                   handed over, not copied
//   {type: 'stop' | 'model' | 'cancel', run}
//   {type: 'shards', ports}         the ports to the shards' workers (once)
//   {type: 'shard-lost'}            a shard's worker failed: fit every row here
//   {type: 'port', port}            (to a shard) its port to the first worker
// Between workers, over a port: {run, bytes} (core/jobs/shard_messages.hpp) both ways,
// {type: 'broken', message} from a shard, and to a shard, where the run's PCA covariance
// rows are lent (pipeline_fit_job.hpp), first of all
//   {type: 'covariance', run, shard, rows, cols, pixels}   its share of the fit rows'
//                                   pixels (a copy, handed over); it returns their sums.
// To the page:
//   {type: 'report', run, bytes}    after every slice of about 50 ms (bytes handed over)
//   {type: 'failed', run, message}  the fit threw: the run is over
//   {type: 'broken', message}       the program did not load: nothing runs here
'use strict';

const SLICE_SECONDS = 0.05;
const SHARD_LOAD_MS = 5000;     // a run waits this long for the shards' programs to load
const SHARD_ANSWER_MS = 30000;  // a shard silent this long in a pass is taken for lost
const REPORT_SECONDS = 0.05;   // a report at most this often (a sharded slice can be one pass)
const address = new URL(self.location.href).searchParams;
const program = address.get('program') || 'digitlab_fit_worker';

let running = null;   // the run number being fitted, or null
let stopAsked = false;
let modelAsked = false;
let ready = false;
const queue = [];     // messages that came before the program was ready
let shardPorts = [];  // the first worker's ports to the shards: {port, ready}
let shardsSince = 0;  // when they were handed over
let portsInRun = [];  // the ports of shards 1, 2, ... of the run in progress
let waitTimer = 0;
let pendingRun = null; // a run whose start waits for the shards to load
let stopWhenStarted = null;  // ... and Stop was pressed meanwhile
let waiting = false;  // this worker's rows of a pass are done; a shard's part is missing
let lastReport = 0;
let shardPort = null; // a shard's port to the first worker

// Copies `bytes` into the program's memory (which the call frees), or null.
function toHeap(bytes) {
  const pointer = Module._malloc(bytes.length);
  if (pointer) Module.HEAPU8.set(bytes, pointer);
  return pointer;
}

var Module = {
  onRuntimeInitialized() {
    ready = true;
    for (const m of queue.splice(0)) handle(m);
  },
  onAbort(what) { broken(program + ' stopped: ' + what); },
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
  const withModel = modelAsked;
  const pointer = Module._fit_step(SLICE_SECONDS, withModel ? 1 : 0);
  modelAsked = false;
  if (!pointer) {
    self.postMessage({ type: 'failed', run: running, message: Module.UTF8ToString(Module._fit_error()) });
    running = null;
    return;
  }
  sendToShards();
  const over = !Module._fit_running();
  if (over || withModel || performance.now() - lastReport >= 1000 * REPORT_SECONDS) {
    lastReport = performance.now();
    const bytes = Module.HEAPU8.slice(pointer, pointer + Module._fit_reply_size());
    self.postMessage({ type: 'report', run: running, bytes }, [bytes.buffer]);
  }
  if (over) { running = null; return; }
  waiting = Module._fit_waiting() === 1;
  if (!waiting) { tick.port2.postMessage(0); return; }
  // Else a shard's part wakes it (fromShard), or, if none comes, the rows come back here.
  clearTimeout(waitTimer);
  waitTimer = setTimeout(() => { if (waiting) shardsLost('a shard did not answer within ' + SHARD_ANSWER_MS / 1000 + ' s'); },
                         SHARD_ANSWER_MS);
}

function sendToShards() {
  for (let pointer; (pointer = Module._fit_take_message());) {
    const port = portsInRun[Module._fit_message_shard() - 1];
    if (!port) { shardsLost('a shard has no port'); return; }   // its rows come back here
    const bytes = Module.HEAPU8.slice(pointer, pointer + Module._fit_message_size());
    port.postMessage({ run: running, bytes }, [bytes.buffer]);
  }
}

function fromShard(entry, m) {
  if (m.type === 'ready') { entry.ready = true; return; }
  if (m.type === 'broken') { shardsLost(m.message); return; }
  if (m.run !== running) return;   // a part of a run that is over
  const pointer = toHeap(new Uint8Array(m.bytes));
  // Refused covariance sums (or no room for a part) will not come again: take the rows back now.
  const taken = pointer ? Module._fit_shard_part(pointer, m.bytes.byteLength) : -1;
  if (taken < 0) {
    shardsLost(pointer ? Module.UTF8ToString(Module._fit_error()) : 'no memory for a shard\'s part');
    return;
  }
  if (waiting && !Module._fit_waiting()) { waiting = false; clearTimeout(waitTimer); tick.port2.postMessage(0); }
}

// Any shard lost: every row comes back here, for this run (whatever its stage) and the
// next ones, and the page is told to end the shards' workers.
function shardsLost(message) {
  if (shardPorts.length || portsInRun.length) {
    console.warn('digitlab: a training shard failed; this worker fits every row:', message);
    self.postMessage({ type: 'shards-dropped', message });
  }
  for (const entry of shardPorts) entry.port.close();
  shardPorts = [];
  portsInRun = [];
  Module._fit_shards_lost();
  if (waiting) { waiting = false; clearTimeout(waitTimer); tick.port2.postMessage(0); }
}

// A shard's worker: covariance rows (where lent), a load, then a request per pass, each
// answered at once.
function asShard(m) {
  const covariance = m.type === 'covariance';
  const pointer = toHeap(new Uint8Array(covariance ? m.pixels : m.bytes));
  const done = pointer && (covariance ? Module._shard_covariance(pointer, m.pixels.byteLength, m.rows, m.cols, m.shard)
                                      : Module._shard_handle(pointer, m.bytes.byteLength));
  if (!done) {
    const why = pointer ? Module.UTF8ToString(Module._fit_error()) : 'no memory for the rows';
    shardPort.postMessage({ type: 'broken', message: why });
    return;
  }
  const size = Module._fit_reply_size();
  if (!size) return;
  const bytes = Module.HEAPU8.slice(Module._fit_reply(), Module._fit_reply() + size);
  shardPort.postMessage({ run: m.run, bytes }, [bytes.buffer]);
}

function handle(m) {
  if (m.type === 'port') {   // (to a shard; handled once the program is ready)
    shardPort = m.port;
    shardPort.onmessage = (event) => asShard(event.data);
    shardPort.postMessage({ type: 'ready' });
  } else if (m.type === 'shards') {
    shardPorts = m.ports.map((port) => ({ port, ready: false }));
    shardsSince = performance.now();
    for (const entry of shardPorts) entry.port.onmessage = (event) => fromShard(entry, event.data);
  } else if (m.type === 'shard-lost') {
    shardsLost(m.message || 'its worker stopped');
  } else if (m.type === 'start') {
    // Shards still loading get a few seconds (they load as this worker does); the run then
    // goes on with those that are ready, and the others are let go.
    if (shardPorts.some((e) => !e.ready) && performance.now() - shardsSince < SHARD_LOAD_MS) {
      pendingRun = m.run;
      setTimeout(() => { if (pendingRun === m.run) handle(m); }, 50);
      return;
    }
    pendingRun = null;
    if (shardPorts.some((e) => !e.ready)) shardsLost('a shard was not ready ' + SHARD_LOAD_MS / 1000 + ' s on');
    portsInRun = shardPorts.map((e) => e.port);
    clearTimeout(waitTimer);
    // The request's head and tail into the program's memory, then the fit rows' pixels
    // straight into the dataset it makes room for (one copy of up to 47 MB, not two).
    const bytes = new Uint8Array(m.request), pixels = new Uint8Array(m.pixels);
    const pointer = toHeap(bytes);
    if (!pointer) {
      self.postMessage({ type: 'failed', run: m.run, message: 'the worker has no memory for ' + bytes.length + ' bytes' });
      return;
    }
    waiting = false;
    const refused = () => self.postMessage({ type: 'failed', run: m.run, message: Module.UTF8ToString(Module._fit_error()) });
    if (!Module._fit_begin(pointer, bytes.length, pixels.length)) { refused(); return; }   // it frees the bytes either way
    // The shards' shares of the PCA covariance's rows go first, so they sum theirs while
    // this worker copies every row in and scales them. (This worker keeps all the rows.)
    const shards = 1 + portsInRun.length, rowBytes = Module._fit_row_bytes();
    portsInRun.forEach((port, i) => {
      const first = Module._fit_lent_first(i + 1, shards), end = Module._fit_lent_end(i + 1, shards);
      if (first < 0 || end <= first) return;
      const lent = pixels.slice(first * rowBytes, end * rowBytes);
      port.postMessage({ type: 'covariance', run: m.run, shard: i + 1, rows: end - first, cols: rowBytes, pixels: lent.buffer },
                       [lent.buffer]);
    });
    if (pixels.length) Module.HEAPU8.set(pixels, Module._fit_pixels() >>> 0);   // HEAPU8 read after the call: it may have grown (>>>: above 2 GB too)
    if (!Module._fit_start(1 + portsInRun.length)) { refused(); return; }
    running = m.run;
    modelAsked = false;
    stopAsked = stopWhenStarted === m.run;   // Stop pressed while it waited for the shards
    stopWhenStarted = null;
    tick.port2.postMessage(0);
  } else if (m.run === pendingRun && m.type === 'cancel') {
    pendingRun = null;   // cancelled before it started
  } else if (m.run === pendingRun && m.type === 'stop') {
    stopWhenStarted = m.run;
  } else if (m.run === running) {
    if (m.type === 'stop') stopAsked = true;
    else if (m.type === 'model') modelAsked = true;
    else if (m.type === 'cancel') { Module._fit_cancel(); running = null; waiting = false; }
    // A run waiting on a shard still answers: one slice now.
    if (waiting && running !== null) { waiting = false; tick.port2.postMessage(0); }
  }
}

self.onmessage = (event) => {
  if (ready) handle(event.data); else queue.push(event.data);
};

// The program's .wasm is fetched here, not by its .js: a failed download then says so
// (Emscripten's own fetch leaves only an unhandled rejection, and the page would wait),
// and the no-SIMD program's .js, which names digitlab_fit_worker.wasm, gets its own.
function broken(message) {
  self.postMessage({ type: 'broken', message });
  if (shardPort) shardPort.postMessage({ type: 'broken', message });
}
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
