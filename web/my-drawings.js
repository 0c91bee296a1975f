// The learner's own test set in the browser (src/app/work/my_drawings.hpp): the drawings
// saved with their labels are kept in IndexedDB as MNIST's IDX pair, given back to the
// program on the next visit, downloaded as my-digits-*-ubyte.gz (which `digitlab
// evaluate --images ... --labels ...` reads) and imported from such a pair.
//
// window.digitlab gains (for tests and teachers' scripts):
//   saveDrawing(label)       the current drawing as an example of `label`; false when
//                            nothing is drawn
//   drawings()               [{index, label}] of the saved drawings
//   deleteDrawing(index)
//   exportDrawings()         {images, labels}: the pair as IDX bytes (Uint8Array)
//   importDrawings(images, labels)  an IDX pair (plain or gzipped bytes); replaces the set
//                            once both check out, else keeps it (state().notice says why)
//   evaluateOn(which)        'mine' or 'mnist': what Evaluate scores the model on
//   downloadDrawings(), chooseDrawingFiles()   the gallery's Export and Import buttons
'use strict';

(function () {
  const IMAGES = 'my-digits-images-idx3-ubyte';
  const LABELS = 'my-digits-labels-idx1-ubyte';
  const dl = window.digitlab;

  // [SECTION] IndexedDB: one store, the two files under their names

  function openDatabase() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open('digitlab', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('files');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function storeFiles(entries) {
    const db = await openDatabase();
    await new Promise((resolve, reject) => {
      const t = db.transaction('files', 'readwrite');
      for (const [name, bytes] of Object.entries(entries)) t.objectStore('files').put(bytes, name);
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    });
    db.close();
  }

  async function readFiles(names) {
    const db = await openDatabase();
    const out = {};
    await new Promise((resolve, reject) => {
      const t = db.transaction('files', 'readonly');
      for (const name of names) {
        const request = t.objectStore('files').get(name);
        request.onsuccess = () => { if (request.result) out[name] = new Uint8Array(request.result); };
      }
      t.oncomplete = resolve;
      t.onerror = () => reject(t.error);
    });
    db.close();
    return out;
  }

  // [SECTION] The set through the program

  function exportedBytes(images) {
    const pointer = Module._digitlab_export_drawings(images ? 1 : 0) >>> 0;
    const size = Module._digitlab_export_model_size();
    return pointer && size > 0 ? Module.HEAPU8.slice(pointer, pointer + size) : new Uint8Array(0);
  }

  function exportDrawings() { return { images: exportedBytes(true), labels: exportedBytes(false) }; }
  function saveDrawing(label) { return Module._digitlab_save_drawing(Number(label)) === 1; }
  function deleteDrawing(index) { Module._digitlab_delete_drawing(Number(index)); }
  function drawings() { return dl.state().my_drawings.labels.map((label, index) => ({ index, label })); }
  function evaluateOn(which) {
    if (which !== 'mine' && which !== 'mnist') throw new TypeError("evaluateOn wants 'mine' or 'mnist'");
    Module._digitlab_evaluate_on(which === 'mine' ? 1 : 0);
  }

  function importDrawings(images, labels) {
    dl.deliverFile(IMAGES, new Uint8Array(images));
    dl.deliverFile(LABELS, new Uint8Array(labels));
  }

  // Every change is stored: the program counts changes, this looks twice a second.
  let storedVersion = -1;
  let storing = false;
  async function storeWhenChanged() {
    const version = Module._digitlab_drawings_version();
    if (version === storedVersion || storing) return;
    storing = true;
    try {
      const { images, labels } = exportDrawings();
      await storeFiles({ [IMAGES]: images, [LABELS]: labels });
      storedVersion = version;
    } catch (error) {
      console.warn('digitlab: your drawings could not be stored in this browser:', error);
    } finally {
      storing = false;
    }
  }

  async function restore() {
    try {
      const files = await readFiles([IMAGES, LABELS]);
      if (files[IMAGES] && files[LABELS]) importDrawings(files[IMAGES], files[LABELS]);
    } catch (error) {
      console.warn('digitlab: no stored drawings (IndexedDB unavailable):', error);
    }
    storedVersion = Module._digitlab_drawings_version();  // what was just restored is stored
    setInterval(storeWhenChanged, 500);
  }

  // [SECTION] Export and import as files

  async function gzip(bytes) {
    if (typeof CompressionStream === 'undefined') return null;
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  function download(bytes, name) {
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // Gzipped as MNIST's own files where the browser can; plain IDX (the same reader takes
  // both) where it cannot.
  async function downloadDrawings() {
    const { images, labels } = exportDrawings();
    for (const [bytes, name] of [[images, IMAGES], [labels, LABELS]]) {
      const packed = await gzip(bytes);
      download(packed || bytes, packed ? name + '.gz' : name);
    }
  }

  let input = null;
  function chooseDrawingFiles() {
    if (!input) {
      input = document.createElement('input');
      input.type = 'file';
      input.multiple = true;
      input.id = 'drawing-files';
      input.hidden = true;
      input.addEventListener('change', async () => {
        const chosen = Array.from(input.files || []);
        input.value = '';
        // The pair is told apart by MNIST's naming: idx3 holds images, idx1 labels.
        const images = chosen.find((f) => /idx3|images/.test(f.name));
        const labels = chosen.find((f) => /idx1|labels/.test(f.name));
        if (!images || !labels) {
          console.warn('digitlab: choose both files of the pair (…images-idx3-ubyte and …labels-idx1-ubyte)');
          return;
        }
        importDrawings(await images.arrayBuffer(), await labels.arrayBuffer());
      });
      document.body.appendChild(input);
    }
    input.click();
  }

  Object.assign(dl, { saveDrawing, drawings, deleteDrawing, exportDrawings, importDrawings, evaluateOn,
                      downloadDrawings, chooseDrawingFiles });
  dl.whenStarted(restore);
})();
