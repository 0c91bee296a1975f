// The page's side of its training workers (issue 12; each worker runs web/fit-worker.js),
// split out of web/digitlab.js, which makes two sets of them at load:
//   const fitWorker = makeFitWorkers({ name: 'training', report: '_digitlab_fit_report',
//                                      failed: 'digitlab_fit_failed',
//                                      workersAsked: query.get('workers') });
//   fitWorker.start(run, table, count)      1: the request goes to the worker (below)
//   fitWorker.prepare()                     makes the workers ahead of the first run
//   fitWorker.send('stop' | 'model' | 'cancel', run)
//   fitWorker.problem()                     why there is no worker ('' while there is)
// It uses the program's Module (the global Emscripten reads) when a run starts, and
// window.digitlab.program to load the matching worker program.
'use strict';

// Made when the Train panel first opens (prepare()) or else just after the first run is
// handed over, with the program that matches the page's (relaxed SIMD, SIMD or neither),
// and kept for the next runs. The app hands them a run's request and gets its reports back
// (src/platform/worker_glue.cpp, web_main.cpp). Where there is no Worker, or the workers
// failed before, start() says no; where they fail with runs handed over (they cannot be
// made or loaded), those runs end as broken. Either way the app fits on the page's thread
// as before.
// 1, 2 or 4 workers, as the cores allow, share each fit's rows (workerCount()).
//   name: the set's name in the console ('training', 'chapters\'')
//   report, failed: the app's entry points for this set's reports and failures
//   workersAsked: ?workers=N from the page's address (1-8), or null
window.makeFitWorkers = function makeFitWorkers({ name, report, failed: failedEntry, workersAsked }) {
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
  // Requests being joined (start()), first come first joined and posted: each {run, rest,
  // pixels, pixelSize, pieces: [[pointer, length, offset]], next, messages}: the request's
  // other pieces (copied at start()), its pixels (null until the first task after the
  // press makes their buffer, of pixelSize bytes), the pixel pieces still to copy into
  // them and what the page sent for its run meanwhile. (The chapters' set can post a
  // second fit while the first is joined.)
  let joins = [];
  let shards = [];   // the other workers, each with a share of the rows (row sharding)
  // Every run that was handed over hears of it, the ones still being joined too (the
  // workers may be made only once a run has been handed over): the app fits them on the page.
  function breakDown(message) {
    broken = message;
    console.warn(`digitlab: the ${name} worker failed; its fits stay on the page:`, message);
    if (worker) worker.terminate();
    worker = null;
    dropShards();
    const runs = new Set([...joins.map((j) => j.run), lastRun]);
    joins = [];
    for (const run of runs) failed(run, message, true);
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
  // fit gives the same model on a phone, a laptop and the teacher's desktop where they
  // run the same program. (The no-SIMD one for old browsers rounds otherwise, and so does
  // the relaxed SIMD one, whose multiply-adds are fused where the processor can: nearly
  // everywhere, not on x86 processors without FMA.)
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
    for (let i = 1; i < workerCount(); ++i) {
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
  const tick = new MessageChannel();
  tick.port1.onmessage = joinSome;
  let ticking = false;   // a tick is on its way: one at a time
  function joinLater() {
    if (ticking || !joins.length) return;
    ticking = true;
    tick.port2.postMessage(0);
  }
  // Up to JOIN_BYTES of the pieces each task, then the page's other tasks (its frames, input)
  // get their turn. Into fresh memory a copy runs at about 1.5-2 GB/s here (the page
  // faults in as it is written): 47 MB held the page's thread 25-33 ms in one piece.
  const JOIN_BYTES = 4 << 20;
  function joinSome() {
    ticking = false;
    const j = joins[0];
    if (!j) return;
    // Workers not made yet (Train pressed before the panel was drawn, or a chapter's first
    // fit): made in a task of their own, not within the press (up to 12 ms measured).
    if (!worker) {
      try {
        worker = make();
      } catch (error) {   // (a sandboxed frame can refuse a Worker): this run and the next fit on the page
        breakDown('fit-worker.js: ' + error.message);
        return;
      }
      joinLater();
      return;
    }
    if (!j.pixels) {
      try {
        j.pixels = new Uint8Array(j.pixelSize);   // no page of it touched yet
      } catch (error) {   // as when start() could not make its buffers: the run fits on the page
        joins.shift();
        failed(j.run, `this page had no memory to hand the worker ${Math.round(j.pixelSize / 1e6)} MB of digits ` +
               `(${error.message})`, true);
        joinLater();
        return;
      }
      joinLater();
      return;
    }
    try {
      const heap = Module.HEAPU8;   // read again each time: the program's memory may have grown
      for (let done = 0; j.next < j.pieces.length && done < JOIN_BYTES;) {
        const piece = j.pieces[j.next];
        const take = Math.min(piece[1], JOIN_BYTES - done);
        j.pixels.set(heap.subarray(piece[0], piece[0] + take), piece[2]);
        done += take;
        if (take === piece[1]) ++j.next;
        else { piece[0] += take; piece[1] -= take; piece[2] += take; }
      }
      if (j.next === j.pieces.length) {
        joins.shift();
        if (!worker) return;   // it broke meanwhile: the app was told (breakDown)
        worker.postMessage({ type: 'start', run: j.run, request: j.rest.buffer, pixels: j.pixels.buffer },
                           [j.rest.buffer, j.pixels.buffer]);
        for (const type of j.messages) worker.postMessage({ type, run: j.run });
      }
    } catch (error) {   // the run ends with why, rather than waiting for ever
      joins = joins.filter((other) => other !== j);
      failed(j.run, 'the request could not be handed to the worker: ' + error.message, false);
    }
    joinLater();
  }
  return {
    // 1: the request goes to the worker. It is `count` pieces, each three 32-bit words at
    // `table` in the program's memory: pointer, length, later. The pieces not marked later
    // (the request's head and tail) are joined now; the later ones (the training digits'
    // pixels, about 2,000 runs of rows and up to 47 MB, which the app keeps in place until
    // the run is cancelled) into a buffer of their own, a few MB a task from here, and
    // both are handed over (not copied again) once whole: the worker writes the pixels
    // straight where its dataset keeps them (SplitFitRequest). Stop and the live model's
    // asks wait for it; cancel drops it.
    start(run, table, count) {
      if (broken) return 0;
      const words = Module.HEAPU32.subarray(table >>> 2, (table >>> 2) + 3 * count);   // (>>>: above 2 GB too)
      let restSize = 0, pixelSize = 0;
      for (let i = 0; i < count; ++i) {
        if (words[3 * i + 2]) pixelSize += words[3 * i + 1];
        else restSize += words[3 * i + 1];
      }
      let rest;
      try {
        rest = new Uint8Array(restSize);
      } catch (error) {
        return 0;   // no memory for this request: this run fits on the page
      }
      lastRun = run;
      const pieces = [];
      // (Read word by word: a slice and its destructuring per piece, about 2,000 of them,
      // took up to 19 ms of the press in a fresh page.)
      for (let i = 0, restAt = 0, pixelAt = 0; i < count; ++i) {
        const pointer = words[3 * i], length = words[3 * i + 1], later = words[3 * i + 2];
        if (later) {
          pieces.push([pointer, length, pixelAt]);
          pixelAt += length;
        } else {
          rest.set(Module.HEAPU8.subarray(pointer, pointer + length), restAt);
          restAt += length;
        }
      }
      // The pixels' buffer (up to 47 MB) is made in the first task after the press: made
      // within it, it sometimes set off a garbage collection there (presses of 26 ms).
      joins.push({ run, rest, pixels: null, pixelSize, pieces, next: 0, messages: [] });
      joinLater();
      return 1;
    },
    // Makes the workers ahead of the first run (the Train panel opened), so their programs
    // load while the learner reads the settings; where they cannot be made, start() says no.
    prepare() {
      if (broken || worker) return;
      try {
        worker = make();
      } catch (error) {
        broken = error.message;
      }
    },
    send(type, run) {
      const j = joins.find((waiting) => waiting.run === run);
      if (j) {
        if (type === 'cancel') joins = joins.filter((other) => other !== j);   // the worker never heard of it
        else j.messages.push(type);
        return;
      }
      if (worker) worker.postMessage({ type, run });
    },
    problem: () => broken,
  };
};
