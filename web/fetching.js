// Fetching for the page (web/digitlab.js, loaded after this file): bytes with progress,
// .gz files un-gzipped by the browser, retries with pauses, and a failure in words for
// the learner. Nothing here knows the app; it sets window.digitlabFetching:
//   fetchBytes(url, onProgress)   Uint8Array; onProgress(received, total or 0)
//   fetchGz(url, onProgress)      the same, decompressed
//   withRetries(fetchOnce, onRetry)   fetchOnce() again after each of RETRY_PAUSES_MS
//   describeFailure(error)        'the server answered HTTP 404', 'the network failed (...)'
//   formatMB(bytes)               '9.9 MB'
'use strict';

(function () {
  // A file that fails is tried again after these pauses; the last failure is the caller's.
  const RETRY_PAUSES_MS = [500, 1500, 3000];

  function formatMB(bytes) {
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  // Bytes of `url`, reporting (receivedBytes, totalBytes or 0) as they arrive.
  async function fetchBytes(url, onProgress) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
    // With Content-Encoding (a precompressed .br or .gz copy, scripts/serve.js) the length
    // counts compressed bytes while the reader yields decoded ones: no total then.
    const encoded = Boolean(response.headers.get('Content-Encoding'));
    const total = encoded ? 0 : Number(response.headers.get('Content-Length')) || 0;
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
    // A body shorter than announced (a dropped connection the browser did not report).
    if (total && received < total) {
      throw new Error('cut short: ' + formatMB(received) + ' of ' + formatMB(total) + ' arrived');
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
  // number (1f 8b) tells the two cases apart. A browser without DecompressionStream
  // (Safari before 16.4) hands the gzip over as it is: the program's own zlib inflates it.
  async function fetchGz(url, onProgress) {
    const bytes = await fetchBytes(url, onProgress);
    const gzipped = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
    if (!gzipped || typeof DecompressionStream !== 'function') return bytes;
    try {
      return await gunzip(bytes);
    } catch (error) {   // the browser says only "Failed to fetch" for a truncated stream
      throw new Error('the download is not a complete gzip file (cut short on the way?)');
    }
  }

  // What went wrong, in words for the learner.
  function describeFailure(error) {
    const text = String((error && error.message) || error);
    if (/HTTP \d+/.test(text)) return 'the server answered ' + text.match(/HTTP \d+/)[0];
    if (/cut short/.test(text)) return text;
    if (error instanceof TypeError) return 'the network failed (' + text + ')';
    return text;
  }

  function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }

  // fetchOnce(), tried again after each of RETRY_PAUSES_MS (onRetry(error) is told first);
  // the last failure is thrown.
  async function withRetries(fetchOnce, onRetry) {
    for (let attempt = 1; ; ++attempt) {
      try {
        return await fetchOnce();
      } catch (error) {
        if (attempt > RETRY_PAUSES_MS.length) throw error;
        if (onRetry) onRetry(error);
        await sleep(RETRY_PAUSES_MS[attempt - 1]);
      }
    }
  }

  window.digitlabFetching = { fetchBytes, fetchGz, withRetries, describeFailure, formatMB, RETRY_PAUSES_MS };
})();
