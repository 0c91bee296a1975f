// The page's side of its training workers (issue 12; each worker runs web/fit-worker.js),
// split out of web/digitlab.js, which makes two sets of them at load:
//   const fitWorker = makeFitWorkers({ report: '_digitlab_fit_report',
//                                      failed: 'digitlab_fit_failed', shareRows: true,
//                                      workersAsked: query.get('workers') });
//   fitWorker.start(run, pointer, length)   1: the request went to the worker
//   fitWorker.send('stop' | 'model' | 'cancel', run)
//   fitWorker.problem()                     why there is no worker ('' while there is)
// It uses the program's Module (the global Emscripten reads) when a run starts, and
// window.digitlab.program to load the matching worker program.
'use strict';

// Made at the first run, with the program that matches the page's (SIMD or not), and
// kept for the next runs. The app hands them a run's request and gets its reports back
// (src/platform/web_main.cpp); where there is no Worker, or it failed to load, start()
// says no and the app fits on the page's thread as before.
//   report, failed: the app's entry points for this set's reports and failures
//   shareRows: 1, 2 or 4 workers, as the cores allow, share each fit's rows (else one)
//   workersAsked: ?workers=N from the page's address (1-8), or null
window.makeFitWorkers = function makeFitWorkers({ report, failed: failedEntry, shareRows, workersAsked }) {
  let worker = null;
  let broken = typeof Worker === 'undefined' ? 'this browser has no Web Workers' : '';
  let lastRun = 0;
  function toApp(run, bytes) {
    const pointer = Module._malloc(bytes.length);
    Module.HEAPU8.set(bytes, pointer);
    Module[report](run, pointer, bytes.length);   // the app frees it
  }
  function failed(run, message, isBroken) {
    Module.ccall(failedEntry, null, ['number', 'string', 'number'], [run, message, isBroken ? 1 : 0]);
  }
  let shards = [];   // the other workers, each with a share of the rows (row sharding)
  function breakDown(message) {
    broken = message;
    console.warn(`digitlab: the ${shareRows ? 'training' : 'chapters\''} worker failed; its fits stay on the page:`, message);
    if (worker) worker.terminate();
    worker = null;
    dropShards();
    failed(lastRun, message, true);
  }
  function dropShards(message) {
    if (!shards.length) return;
    for (const s of shards) s.terminate();
    shards = [];
    if (worker && message) worker.postMessage({ type: 'shard-lost', message });
  }
  // How many workers share a fit: ?workers=N (1-8), else one per core up to 4 (a
  // fifth barely helps a pass, and each worker loads its own program), rounded down to
  // 1, 2 or 4: those counts add a pass's numbers in one order (row_shards.hpp), so a
  // fit gives the same model on a phone, a laptop and the teacher's desktop (where all
  // run the same program: the no-SIMD one for old browsers rounds otherwise).
  function workerCount() {
    const asked = Number(workersAsked);
    if (Number.isInteger(asked) && asked >= 1) return Math.min(asked, 8);
    const cores = Math.max(1, Math.min(navigator.hardwareConcurrency || 1, 4));
    return cores >= 4 ? 4 : cores >= 2 ? 2 : 1;
  }
  function makeShard(program) {
    const s = new Worker('fit-worker.js?role=shard&program=' + program);
    s.onmessage = (event) => { if (event.data.type === 'broken') dropShards(event.data.message); };
    s.onerror = (event) => { event.preventDefault(); dropShards('fit-worker.js: ' + (event.message || 'could not be loaded')); };
    return s;
  }
  function make() {
    const program = (window.digitlab.program || 'digitlab_web').replace('digitlab_web', 'digitlab_fit_worker');
    const w = new Worker('fit-worker.js?program=' + program);
    const ports = [];
    for (let i = 1; i < (shareRows ? workerCount() : 1); ++i) {
      const shard = makeShard(program), channel = new MessageChannel();
      shard.postMessage({ type: 'port', port: channel.port1 }, [channel.port1]);
      ports.push(channel.port2);
      shards.push(shard);
    }
    if (ports.length) w.postMessage({ type: 'shards', ports }, ports);
    w.onmessage = (event) => {
      const m = event.data;
      if (m.type === 'report') toApp(m.run, new Uint8Array(m.bytes));
      else if (m.type === 'shards-dropped') dropShards();   // it fits every row now
      else if (m.type === 'failed') failed(m.run, m.message, false);
      else if (m.type === 'broken') breakDown(m.message);
    };
    w.onerror = (event) => {
      event.preventDefault();
      breakDown('fit-worker.js: ' + (event.message || 'could not be loaded'));
    };
    return w;
  }
  return {
    // 1: the request (bytes at `pointer` in the program's memory) went to the worker.
    start(run, pointer, length) {
      if (broken) return 0;
      try {
        worker = worker || make();
      } catch (error) {
        broken = error.message;
        return 0;
      }
      lastRun = run;
      const request = Module.HEAPU8.slice(pointer, pointer + length);   // the one copy
      worker.postMessage({ type: 'start', run, request: request.buffer }, [request.buffer]);
      return 1;
    },
    send(type, run) { if (worker) worker.postMessage({ type, run }); },
    problem: () => broken,
  };
};
