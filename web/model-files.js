// Model files in and out of the page, split out of web/digitlab.js (loaded after this
// file), which makes them once at load and puts them on window.digitlab:
//   const modelFiles = makeModelFiles({ requireRuntime, state, started });
//   modelFiles.importModel(source, name)  checks a model file (File, Blob, ArrayBuffer or
//                                         typed array) and makes it the model: {ok, notice}
//   modelFiles.chooseModelFile()          the browser's file picker, then importModel
//   modelFiles.exportModel()              the current model as .dlm bytes, or null
//   modelFiles.downloadModel(fileName)    saves exportModel() as model.dlm
// A model file dropped anywhere on the page is imported too (once the app has started).
// A bad file keeps the current model; the app's notice says why.
'use strict';

//   requireRuntime(): throws while the wasm program is not running
//   state(): the app's state (window.digitlab.state)
//   started(): true once the app has drawn its first frame
window.makeModelFiles = function makeModelFiles({ requireRuntime, state, started }) {
  // The page reads at most this much of a model file (src/app/work/work.hpp,
  // kMaxImportModelBytes, is the real limit; one byte more tells the app it is exceeded).
  const MAX_MODEL_BYTES = 64 * 1048576;

  async function bytesOf(source, limit) {
    if (source instanceof Blob) return new Uint8Array(await source.slice(0, limit).arrayBuffer());
    if (source instanceof ArrayBuffer) return new Uint8Array(source.slice(0, limit));
    if (ArrayBuffer.isView(source)) {
      return new Uint8Array(source.buffer, source.byteOffset, Math.min(source.byteLength, limit));
    }
    throw new TypeError('importModel wants a File, Blob, ArrayBuffer or typed array');
  }

  async function importModel(source, name) {
    requireRuntime();
    const bytes = await bytesOf(source, MAX_MODEL_BYTES + 1);
    const fileName = String(name || (source && source.name) || 'model.dlm');
    const pointer = Module._malloc(Math.max(1, bytes.length)) >>> 0;
    if (!pointer) throw new Error('digitlab: out of memory for ' + fileName);
    Module.HEAPU8.set(bytes, pointer);   // HEAPU8 after malloc: memory may have grown
    // digitlab_import_model takes ownership of the bytes and frees them.
    Module.ccall('digitlab_import_model', null, ['string', 'number', 'number'], [fileName, pointer, bytes.length]);
    const after = state();
    return { ok: !after.notice_is_error, notice: after.notice };
  }

  function reportImportError(error) {
    console.error('digitlab: importing the model failed:', error);
  }

  let modelInput = null;   // the hidden <input type=file>, made on first use

  function chooseModelFile() {
    if (!modelInput) {
      modelInput = document.createElement('input');
      modelInput.type = 'file';
      modelInput.accept = '.dlm';
      modelInput.id = 'model-file';
      modelInput.hidden = true;
      modelInput.addEventListener('change', () => {
        const file = modelInput.files && modelInput.files[0];
        modelInput.value = '';   // so that choosing the same file again fires 'change' again
        if (file) importModel(file).catch(reportImportError);
      });
      document.body.appendChild(modelInput);
    }
    modelInput.click();
  }

  function exportModel() {
    requireRuntime();
    const pointer = Module._digitlab_export_model() >>> 0;
    const size = Module._digitlab_export_model_size();
    return pointer && size > 0 ? Module.HEAPU8.slice(pointer, pointer + size) : null;
  }

  function downloadModel(fileName) {
    const bytes = exportModel();
    if (!bytes) return false;
    const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName || 'model.dlm';
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return true;
  }

  // A model file dropped anywhere on the page is imported; the browser must not open it.
  const carriesFiles = (event) => event.dataTransfer && Array.from(event.dataTransfer.types).includes('Files');
  window.addEventListener('dragover', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    if (file && started()) importModel(file).catch(reportImportError);
  });

  return { importModel, chooseModelFile, exportModel, downloadModel };
};
