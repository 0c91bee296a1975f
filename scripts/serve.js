#!/usr/bin/env node
// A small static file server for the built site (build/site), on 127.0.0.1 only.
// wasm must come over http with the type application/wasm; file:// does not work.
//   node scripts/serve.js [dir] [--port 8080] [--no-csp]     (--port 0: any free port)
// It also sends the Content-Security-Policy the page is written for, so a change that
// needs inline script or eval shows up as a console error here and in the browser tests.
// Used by build-wasm.sh --serve and, as a module, by tests/e2e/helpers.mjs.
// A file with a precompressed copy beside it (F.br, F.gz, written by build-wasm.sh) is sent
// as that copy with Content-Encoding when the request's Accept-Encoding allows it, as
// nginx's gzip_static and brotli_static do. Every answer carries an ETag, so a revalidation
// (the service worker's caching after a first visit, web/sw.js) costs a 304, not the file.
'use strict';

const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.gz': 'application/gzip',        // no Content-Encoding: the page un-gzips it itself
  '.dlm': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
};

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  // Same-origin pages may frame the page: one panel in an iframe (?panel=...,
  // web/embed-example.html). Another site embedding it needs its origin listed here.
  "frame-ancestors 'self'",
  "worker-src 'self'",   // the offline copy, web/sw.js
].join('; ');

// Precompressed copies, best first; `.gz` data files (MNIST) have none and are sent as
// they are: the page un-gzips them itself.
const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

// The encodings `header` (an Accept-Encoding value) accepts: "gzip, deflate, br;q=0.5".
function acceptedEncodings(header) {
  const accepted = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

// The file to send for `file` (which exists) and its Content-Encoding, if any: the first
// precompressed copy the request accepts.
function chooseVariant(file, acceptEncoding, callback) {
  const accepted = acceptedEncodings(acceptEncoding);
  const candidates = ENCODINGS.filter(([name]) => accepted.has(name));
  const next = (i) => {
    if (i >= candidates.length) return callback(file, null);
    const [name, suffix] = candidates[i];
    fs.stat(file + suffix, (error, stats) => (error || !stats.isFile() ? next(i + 1) : callback(file + suffix, name, stats)));
  };
  next(0);
}

// Resolves with { server, url } once listening.
function startServer({ root, port = 8080, host = '127.0.0.1', csp = true, log = false }) {
  const siteRoot = path.resolve(root);
  const server = http.createServer((request, response) => {
    const send = (status, headers, body) => {
      if (log) console.log(`${status} ${request.method} ${request.url}`);
      response.writeHead(status, headers);
      response.end(body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(405, { Allow: 'GET, HEAD' }, 'method not allowed');
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      send(400, {}, 'bad request');
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.join(siteRoot, pathname);
    if (file !== siteRoot && !file.startsWith(siteRoot + path.sep)) {
      send(403, {}, 'forbidden');
      return;
    }
    fs.stat(file, (error, stats) => {
      if (error || !stats.isFile()) {
        send(404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'not found');
        return;
      }
      chooseVariant(file, request.headers['accept-encoding'], (sent, encoding, sentStats = stats) => {
        const etag = `"${sentStats.size.toString(16)}-${Math.floor(sentStats.mtimeMs).toString(16)}${encoding ? '-' + encoding : ''}"`;
        const headers = {
          'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
          'Content-Length': sentStats.size,
          'Cache-Control': 'no-cache',       // a rebuilt site is seen on the next reload
          ETag: etag,
          Vary: 'Accept-Encoding',
          'X-Content-Type-Options': 'nosniff',
        };
        if (encoding) headers['Content-Encoding'] = encoding;
        if (csp) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
        if (request.headers['if-none-match'] === etag) {
          delete headers['Content-Length'];
          send(304, headers);
          return;
        }
        if (log) console.log(`200 ${request.method} ${request.url}${encoding ? ' (' + encoding + ')' : ''}`);
        response.writeHead(200, headers);
        if (request.method === 'HEAD') {
          response.end();
          return;
        }
        // A file gone since its stat (a test's copy of the site deleted under a late
        // request) ends this answer, not the server's process.
        fs.createReadStream(sent).on('error', () => response.destroy()).pipe(response);
      });
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve({ server, url: `http://${host}:${address.port}/` });
    });
  });
}

function parseArgs(argv) {
  const options = { root: path.join(__dirname, '..', 'build', 'site'), port: 8080, csp: true, log: true };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--no-csp') options.csp = false;
    else if (arg === '--quiet') options.log = false;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: node scripts/serve.js [dir] [--port 8080] [--no-csp] [--quiet]');
      process.exit(0);
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.root = arg;
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error('--port wants a number from 0 to 65535');
  }
  return options;
}

if (require.main === module) {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`serve: ${error.message}`);
    process.exit(2);
  }
  if (!fs.existsSync(path.join(options.root, 'index.html'))) {
    console.error(`serve: no index.html in ${options.root} (run ./build-wasm.sh first)`);
    process.exit(1);
  }
  startServer(options).then(
    ({ url }) => console.log(`serving ${path.resolve(options.root)} on ${url}  (Ctrl+C stops)`),
    (error) => {
      console.error(`serve: ${error.message}`);
      process.exit(1);
    });
}

module.exports = { startServer, acceptedEncodings, MIME_TYPES, CONTENT_SECURITY_POLICY };
