// Emscripten gives getenv() an empty environment of its own; command-line tools and
// tests under node should see the real one (MNIST_DIR, TMPDIR).
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process !== 'undefined' && process.env) {
    for (var name in process.env) ENV[name] = process.env[name];
  }
});
