// The data and model files of assets/manifest.json, each tracked on its own, split out of
// web/digitlab.js (loaded after this file), which makes one set at load:
//   const dataFiles = makeDataFiles({ fetching, deliver, app, embeddedPanel, askedDataset, changed });
//   dataFiles.loadManifest()        reads the manifest and loads what the page needs
//   dataFiles.loadFilesFor(panel)   the files `panel` needs that have not come yet
//   dataFiles.useDataset(name)      'mnist' or 'fashion': forget one, load the other's files
//   dataFiles.retry()               the failed files again; resolves to {name: state}
//   dataFiles.states()              each file's {name, state, received, total, attempts, error}
//   dataFiles.shown()               for the loading note: {busy, total, files still to show}
//   dataFiles.needsModel(panel)     false for an embedded panel that draws without the model
// A file that fails is tried again after fetching's pauses, then reported to the app,
// whose panels that need it say which file and why and offer Retry
// (src/app/work/file_status.hpp). The others go on loading: drawing needs only the model.
// Nothing here touches the page's DOM: `changed()` is called whenever a file's state moves.
'use strict';

// An embedded panel (?panel=...) loads only what it draws from, in this order, so a course
// page with the Sigmoid panel costs the program and nothing else; another panel shown later
// (showPanel) loads its own then. A panel not listed needs every file. The whole page loads
// every file, in the manifest's order (the model first).
const DATA_FILES_BY_PANEL = (() => {
  const testSet = ['t10k-labels-idx1-ubyte', 't10k-images-idx3-ubyte'];
  const trainSet = ['train-labels-idx1-ubyte', 'train-images-idx3-ubyte'];
  return {
    sigmoid: [],   // 100 simulated samples
    // Its example needs nothing; its second half is the shipped model's confusion matrix
    // on the test digits. The 9.9 MB of training digits it never uses.
    metrics: ['model.dlm', ...testSet],
    // The model first (the panel is ready with it), then the test digits behind it for
    // "Use a test digit" (a way in without a pointer).
    draw: ['model.dlm', ...testSet],
    data: [...testSet, ...trainSet],   // the small test set first
  };
})();

//   fetching: window.digitlabFetching (web/fetching.js)
//   deliver(name, bytes): hands a file's bytes to the app
//   app: {verdict(name) → the app's {state, message} for a delivered file, or undefined;
//         failed(name, why); setDatasets(available, asked); switchTo(dataset) → true if it did}
//   embeddedPanel: ?panel=... of an embedded page, or null for the whole page
//   askedDataset: ?data=... or null
window.makeDataFiles = function makeDataFiles({ fetching, deliver, app, embeddedPanel, askedDataset, changed }) {
  const MANIFEST_URL = 'assets/manifest.json';
  const { fetchBytes, fetchGz, withRetries, describeFailure } = fetching;

  // The current dataset's files: {name, url, dataset, state: 'waiting'|'loading'|'retrying'|
  // 'loaded'|'failed', received, total, attempts, error}. allFiles holds every dataset's.
  let files = [];
  let allFiles = [];
  let currentDataset = 'mnist';

  // The manifest's files `panel` needs, in the order they should come (null: every file).
  function filesFor(panel) {
    const wanted = panel === null ? null : DATA_FILES_BY_PANEL[panel];
    if (!wanted) return files.slice();
    return wanted.map((name) => files.find((f) => f.name === name)).filter(Boolean);
  }

  // Fetches one file (retrying), hands it to the app, and records what the app made of it.
  async function loadTracked(file) {
    file.attempts = 0;
    try {
      const progress = (received, total) => {
        Object.assign(file, { received, total });
        changed();
      };
      const bytes = await withRetries(() => {
        Object.assign(file, { state: 'loading', received: 0, total: 0, attempts: file.attempts + 1 });
        changed();
        return file.url.endsWith('.gz') ? fetchGz(file.url, progress) : fetchBytes(file.url, progress);
      }, (error) => {
        Object.assign(file, { state: 'retrying', error: describeFailure(error) });
        changed();
      });
      // The learner switched datasets while this file was on its way: it is not wanted now.
      if (file.dataset !== currentDataset) {
        Object.assign(file, { state: 'waiting', received: 0, total: 0 });
        return;
      }
      deliver(file.name, bytes);
      // The app checks the file itself (IDX header, model checksum...); a refused file
      // would be refused again, so it is not fetched again until Retry.
      const verdict = app.verdict(file.name.replace(/\.gz$/, ''));
      const refused = verdict && verdict.state === 'failed';
      Object.assign(file, { state: refused ? 'failed' : 'loaded', error: refused ? verdict.message : '' });
      changed();
    } catch (error) {
      Object.assign(file, { state: 'failed', error: describeFailure(error) });
      changed();
      console.warn('digitlab: ' + file.name + ' failed after ' + file.attempts + ' tries: ' + file.error);
      app.failed(file.name, file.error);
    }
  }

  // One load at a time, in order of asking: the files share one connection's bandwidth,
  // and the first asked for is the first needed.
  let loading = Promise.resolve();
  function loadFilesFor(panel) {
    loading = loading.then(async () => {
      // filesFor() at the time of loading: a dataset switch meanwhile replaces the list.
      for (const file of filesFor(panel)) if (file.state === 'waiting' && file.dataset === currentDataset) await loadTracked(file);
    });
    return loading;
  }

  // The manifest may list two datasets, and ?data=fashion picks which. A switch (the Data
  // panel, useDataset) makes the app forget the old dataset
  // (src/app/shell/dataset_switch.hpp), then loads the new one's files.
  function datasetsInManifest() {
    return [...new Set(allFiles.map((f) => f.dataset))];
  }
  function selectFiles(dataset) {
    currentDataset = dataset;
    files = allFiles.filter((f) => f.dataset === dataset);
    // Delivered before a switch away, they are gone from the app: fetched again.
    for (const f of files) if (f.state !== 'waiting') Object.assign(f, { state: 'waiting', received: 0, total: 0, attempts: 0, error: '' });
  }

  // Switches the page to `dataset` and loads its files; resolves when they have loaded or
  // failed. Rejects for a dataset this site was not built with.
  function useDataset(dataset) {
    if (!datasetsInManifest().includes(dataset)) return Promise.reject(new Error('this site has no dataset ' + dataset));
    if (dataset === currentDataset) return loading;
    if (!app.switchTo(dataset)) return Promise.reject(new Error('the app refused dataset ' + dataset));
    selectFiles(dataset);
    changed();
    return loadFilesFor(embeddedPanel);
  }

  // Reads the manifest ([{"name": ..., "url": ..., "dataset": ...}]) and loads the files
  // this page needs (all, or an embedded panel's own) of the dataset the address asks for;
  // a failed one does not stop the others. No manifest means no files.
  async function loadManifest() {
    let entries = [];
    const response = await fetch(MANIFEST_URL);
    if (response.ok) entries = await response.json();
    if (!Array.isArray(entries)) throw new Error(MANIFEST_URL + ' is not an array');
    allFiles = entries.map(({ name, url, dataset }) => ({ name, url, dataset: dataset || 'mnist', state: 'waiting',
                                                         received: 0, total: 0, attempts: 0, error: '' }));
    const available = datasetsInManifest();
    const asked = askedDataset || 'mnist';
    // The app learns which datasets exist (its switch shows with two) and says when the
    // address asked for one this site lacks.
    app.setDatasets(available.join(',') || 'mnist', asked);
    selectFiles(available.includes(asked) ? asked : 'mnist');
    changed();
    await loadFilesFor(embeddedPanel);
  }

  // Fetches the files that failed again (the panels' Retry buttons).
  let retrying = null;
  function retry() {
    if (!retrying) {
      retrying = (async () => {
        for (const file of files.filter((f) => f.state === 'failed')) await loadTracked(file);
      })().finally(() => { retrying = null; });
    }
    return retrying.then(() => Object.fromEntries(files.map((f) => [f.name, f.state])));
  }

  function states() {
    return files.map(({ name, state, received, total, attempts, error }) => ({ name, state, received, total, attempts, error }));
  }

  // What the loading note shows: how many files are on their way (an embedded panel leaves
  // those it does not need waiting: they are not "loading"), and only the files still on
  // their way or failed, so that on a phone the note stays small.
  function shown() {
    const needed = filesFor(embeddedPanel);
    const busy = files.filter((f) => f.state === 'loading' || f.state === 'retrying' ||
                                     (f.state === 'waiting' && needed.includes(f))).length;
    const listed = files.filter((f) => f.state !== 'loaded' && (f.state !== 'waiting' || needed.includes(f)));
    return { busy, total: files.length, files: listed.map((f) => ({ ...f })) };
  }

  function needsModel(panel) {
    return !(panel in DATA_FILES_BY_PANEL) || DATA_FILES_BY_PANEL[panel].includes('model.dlm');
  }

  return { loadManifest, loadFilesFor, useDataset, retry, states, shown, needsModel };
};
