// Digit Lab's service worker: after a first visit the page opens and predicts offline.
// web/digitlab.js registers it once the page's own files have loaded (not for an embedded
// panel, not with ?sw=0).
//
// Network first, the cache only when the network fails. Online, the page sees exactly
// what the server sends: its downloads, retries and error messages (and the browser tests
// that count or fault them) behave as without a worker, and a rebuilt site is used at
// once. Offline, the cached copy answers. What this gives up: a repeat visit online
// downloads again instead of reading the cache; the server's validators (ETag, 304) keep
// that cheap. Cache first would save those bytes but would hide a broken network from the
// page's retry logic and serve an old build until the worker updates.
//
// build-wasm.sh writes BUILD_ID (a hash of the site's files) and FILES (every file of the
// site) below. A rebuilt site thus changes this file, so the browser installs the new
// worker on the next online visit: it caches the new build and deletes the old caches.
'use strict';

const BUILD_ID = 'dev';
const FILES = [/* FILES */];
const CACHE = 'digitlab-' + BUILD_ID;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // One by one, so that one missing file leaves the others cached.
    const results = await Promise.allSettled(FILES.map((url) => cache.add(url)));
    const failed = FILES.filter((url, i) => results[i].status === 'rejected');
    if (failed.length) console.warn('digitlab sw: not cached: ' + failed.join(', '));
    await self.skipWaiting();   // the next page load uses this build's cache
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith('digitlab-') && name !== CACHE)
                           .map((name) => caches.delete(name)));
    // No clients.claim(): a page already open keeps its own network requests (a test
    // that routes or counts them sees them all); the worker answers from the next load.
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // A second dataset's files (assets/fashion/, 31 MB) are not cached at install: most visits
  // never switch. Fetched once, they are kept, so a learner who switched can switch offline.
  if (new URL(request.url).pathname.includes('/assets/fashion/')) {
    event.respondWith(fetch(request).then(async (response) => {
      if (response.ok && response.status === 200) {
        const copy = response.clone();
        const saved = caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
        try {
          event.waitUntil(saved);   // keeps the worker alive for the write where the browser lets it
        } catch (error) { /* too late to extend: the write goes on while the worker lives */ }
      }
      return response;
    }, async (error) => {
      const cached = await caches.match(request, { cacheName: CACHE });
      if (cached) return cached;
      throw error;
    }));
    return;
  }
  event.respondWith(fetch(request).catch(async (error) => {
    // A page address with its settings (?panel=sigmoid) is the cached index.html.
    const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: request.mode === 'navigate' });
    if (cached) return cached;
    throw error;
  }));
});

// The page asks which cache holds the site (window.digitlab.offline).
self.addEventListener('message', (event) => {
  if (event.data === 'cache-name' && event.ports[0]) event.ports[0].postMessage({ cache: CACHE, files: FILES.length });
});
