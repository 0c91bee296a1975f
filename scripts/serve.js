#!/usr/bin/env node
// A small static file server for the built site (build/site), on 127.0.0.1 only.
// wasm must come over http with the type application/wasm; file:// does not work.
//   node scripts/serve.js [dir] [--port 8080] [--no-csp]     (--port 0: any free port)
// It also sends the Content-Security-Policy the page is written for, so a change that
// needs inline script or eval shows up as a console error here and in the browser tests.
// Used by build-wasm.sh --serve and, as a module, by tests/e2e/helpers.mjs.
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
].join('; ');

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
      const headers = {
        'Content-Type': MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': stats.size,
        'Cache-Control': 'no-cache',       // a rebuilt site is seen on the next reload
        'X-Content-Type-Options': 'nosniff',
      };
      if (csp) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
      if (log) console.log(`200 ${request.method} ${request.url}`);
      response.writeHead(200, headers);
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      fs.createReadStream(file).pipe(response);
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

module.exports = { startServer, MIME_TYPES, CONTENT_SECURITY_POLICY };
