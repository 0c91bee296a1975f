// web/fit-workers.js's joining of a request (pressing Train, a chapter's fit): pieces not
// marked later (the request's head and tail) are joined within start(); the later ones
// (the digits' own pixels) into a buffer of their own, a few MB a task after it returns;
// both go to the worker in the order the requests came, with Stop and the live model's
// asks after them, and none for a cancelled one. Run here in
// node against stand-ins for the program's memory and for Worker, so the order of the
// messages and their bytes can be read directly (the page itself: workers.test.mjs).
//   cd tests/e2e && node --test fit_workers_join.test.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import vm from 'node:vm';
import { repoRoot } from './helpers.mjs';

const source = readFileSync(join(repoRoot, 'web', 'fit-workers.js'), 'utf8');
const MB = 1 << 20;

// A fresh copy of fit-workers.js with a 12 MB heap, a Worker that records what it is
// sent, and the app's failure entry recording its calls.
// maxBuffer: typed arrays larger than this cannot be made (a page short of memory).
function load({ throwOnStart = false, throwOnMake = false, maxBuffer = Infinity } = {}) {
  const memory = new ArrayBuffer(12 * MB);
  const workers = [];
  const failures = [];
  class Worker {
    constructor(url) {
      if (throwOnMake) throw new Error('The operation is insecure.');   // as a sandboxed frame's Worker
      this.url = url; this.posted = []; workers.push(this);
    }
    postMessage(m) {
      if (throwOnStart && m.type === 'start') throw new Error('no memory to send it');
      this.posted.push(m);
    }
    terminate() {}
  }
  // A channel whose message runs as a task of its own, as in the page (node's own
  // MessagePort, once listened to, would keep the test's process running).
  class TaskChannel {
    constructor() {
      const port1 = { onmessage: null };
      this.port1 = port1;
      this.port2 = { postMessage: (data) => setImmediate(() => port1.onmessage && port1.onmessage({ data })) };
    }
  }
  const Module = {
    HEAPU8: new Uint8Array(memory),
    HEAPU32: new Uint32Array(memory),
    ccall: (name, type, types, [run, message, broken]) => failures.push({ name, run, message, broken }),
  };
  const window = { digitlab: { program: 'digitlab_web' } };
  class LimitedUint8Array extends Uint8Array {
    constructor(size, ...rest) {
      if (typeof size === 'number' && size > maxBuffer) throw new RangeError('Array buffer allocation failed');
      super(size, ...rest);
    }
  }
  const context = vm.createContext({ window, Module, Worker, MessageChannel: TaskChannel, console, Uint8Array: LimitedUint8Array,
                                     navigator: { hardwareConcurrency: 1 } });
  vm.runInContext(source, context);
  const set = window.makeFitWorkers({ name: 'test', report: '_report', failed: 'failed_entry', workersAsked: null });
  return { set, heap: Module.HEAPU8, words: Module.HEAPU32, workers, failures };
}

// Writes `pieces` ([{at, bytes, later}]) into the heap and their table at `table`.
function request(env, table, pieces) {
  pieces.forEach(({ at, bytes, later }, i) => {
    env.heap.set(bytes, at);
    env.words.set([at, bytes.length, later ? 1 : 0], table / 4 + 3 * i);
  });
  return pieces.length;
}

const filled = (n, seed) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + seed) & 255);
const joined = (...parts) => Buffer.concat(parts.map((p) => Buffer.from(p)));
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

test('two requests in a row reach the worker whole and in order, each with its own Stop or ask after it', async () => {
  const env = load();
  const head1 = filled(10, 1), pixels1 = filled(9 * MB, 2), more1 = filled(300, 7), tail1 = filled(20, 3);   // 9 MB: three tasks
  const head2 = filled(5, 4), pixels2 = filled(1000, 5), tail2 = filled(7, 6);
  const n1 = request(env, 0, [{ at: 1024, bytes: head1 }, { at: 2048, bytes: pixels1, later: true },
                              { at: 1200, bytes: more1, later: true }, { at: 1100, bytes: tail1 }]);
  assert.equal(env.set.start(1, 0, n1), 1);
  // The pieces not marked later were copied: overwriting them now changes nothing sent.
  env.heap.fill(0, 1024, 1024 + 10);
  const n2 = request(env, 512, [{ at: 10 * MB, bytes: head2 }, { at: 10 * MB + 100, bytes: pixels2, later: true },
                                { at: 10 * MB + 2000, bytes: tail2 }]);
  assert.equal(env.set.start(2, 512, n2), 1);
  env.set.send('stop', 1);
  env.set.send('model', 2);
  // Nothing goes within the calls: the pixels are still to be copied, and the worker is
  // made in a task of its own, after the press.
  assert.equal(env.workers.length, 0);
  // The later pieces are read after start() returned, where they lie.
  pixels2[0] = 99;
  env.heap[10 * MB + 100] = 99;
  await settle();
  const posted = env.workers[0].posted;
  assert.deepEqual(posted.map((m) => `${m.type} ${m.run}`), ['start 1', 'stop 1', 'start 2', 'model 2']);
  // Head and tail in one buffer, the pixel pieces in their order in the other.
  assert.ok(Buffer.from(posted[0].request).equals(joined(head1, tail1)), 'the first request\'s head and tail, byte for byte');
  assert.ok(Buffer.from(posted[0].pixels).equals(joined(pixels1, more1)), 'the first request\'s pixels, byte for byte');
  assert.ok(Buffer.from(posted[2].request).equals(joined(head2, tail2)), 'the second request\'s head and tail');
  assert.ok(Buffer.from(posted[2].pixels).equals(joined(pixels2)), 'the second request\'s pixels');
  assert.deepEqual(env.failures, []);
});

test('a request cancelled while it is joined never reaches the worker; the next one does', async () => {
  const env = load();
  const n = request(env, 0, [{ at: 1024, bytes: filled(8, 1) }, { at: 2048, bytes: filled(6 * MB, 2), later: true }]);
  assert.equal(env.set.start(3, 0, n), 1);
  env.set.send('stop', 3);
  env.set.send('cancel', 3);
  assert.equal(env.set.start(4, 0, n), 1);
  await settle();
  assert.deepEqual(env.workers[0].posted.map((m) => `${m.type} ${m.run}`), ['start 4']);
  // A message for a run the worker already has goes at once.
  env.set.send('stop', 4);
  assert.deepEqual(env.workers[0].posted.map((m) => `${m.type} ${m.run}`), ['start 4', 'stop 4']);
});

test('a request that cannot be handed over ends its run with why, instead of leaving it waiting', async () => {
  const env = load({ throwOnStart: true });
  const n = request(env, 0, [{ at: 1024, bytes: filled(8, 1) }, { at: 2048, bytes: filled(1000, 2), later: true }]);
  assert.equal(env.set.start(5, 0, n), 1);
  await settle();
  assert.equal(env.failures.length, 1);
  assert.equal(env.failures[0].run, 5);
  assert.equal(env.failures[0].broken, 0, 'this run fails; the worker is not given up');
  assert.match(env.failures[0].message, /could not be handed to the worker: no memory to send it/);
});

// A frame that may not make Workers (a sandboxed iframe): the Worker is made after the
// press, so its refusal reaches the runs handed over as the worker's failure (broken: the
// app fits them on the page), both of two queued, and later runs are refused at once.
test('a Worker the page may not make ends every run handed over as broken; the next runs stay on the page', async () => {
  const env = load({ throwOnMake: true });
  const n = request(env, 0, [{ at: 1024, bytes: filled(8, 1) }, { at: 2048, bytes: filled(1000, 2), later: true }]);
  assert.equal(env.set.start(6, 0, n), 1);
  assert.equal(env.set.start(7, 0, n), 1);
  await settle();
  assert.deepEqual(env.failures.map((f) => [f.run, f.broken]).sort(), [[6, 1], [7, 1]]);
  assert.match(env.failures[0].message, /insecure/);
  assert.equal(env.set.start(8, 0, n), 0);
  assert.match(env.set.problem(), /insecure/);
});

// The pixels' buffer is made after the press; where the page cannot have it, that run
// ends as broken (the app fits it on the page, as when start() could not make its
// buffers), and the next request still reaches the worker.
test('a request whose pixels the page cannot hold ends that run as broken; the next one goes', async () => {
  const env = load({ maxBuffer: 2 * MB });
  const big = request(env, 0, [{ at: 1024, bytes: filled(8, 1) }, { at: 4 * MB, bytes: filled(3 * MB, 2), later: true }]);
  assert.equal(env.set.start(8, 0, big), 1);
  await settle();
  assert.equal(env.failures.length, 1);
  assert.equal(env.failures[0].run, 8);
  assert.equal(env.failures[0].broken, 1);
  assert.match(env.failures[0].message, /no memory to hand the worker 3 MB of digits \(Array buffer allocation failed\)/);
  const n = request(env, 512, [{ at: 1024, bytes: filled(8, 1) }, { at: 2048, bytes: filled(1000, 2), later: true }]);
  assert.equal(env.set.start(9, 512, n), 1);
  await settle();
  assert.deepEqual(env.workers[0].posted.map((m) => `${m.type} ${m.run}`), ['start 9']);
  assert.equal(env.failures.length, 1);
});
