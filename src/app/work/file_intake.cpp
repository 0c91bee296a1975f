// Files from the page: MNIST's IDX files and model files, checked before anything uses them.
#include "app/work/work.hpp"
#include "app/work/my_drawings.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/data/byte_source.hpp"
#include "app/chapters/chapter_precomputed.hpp"
#include "app/chapters/chapters.hpp"
#include "core/data/data_dir.hpp"
#include "app/work/file_status.hpp"
#include "core/data/idx_file.hpp"
#include "core/linear_model/model_file.hpp"
#include "core/data/row_source.hpp"
#include "core/data/split.hpp"
#include "core/linear_model/training_estimate.hpp"

namespace digitlab::app {

namespace {

void try_complete(AppState& app, const std::string& images, const std::string& labels, bool train) {
  auto& pending = app.data.pending;
  if (!pending.count(images) || !pending.count(labels)) return;
  auto d = std::make_shared<const Dataset>(make_dataset(parse_idx(pending[images], images),
                                                       parse_idx(pending[labels], labels), images, labels,
                                                       app.classes->title + (train ? " train" : " test")));
  pending.erase(images);
  pending.erase(labels);
  // Running jobs keep their share of the old set; what the chapters summarized of it is
  // gathered again from the new one when shown.
  if (train) {
    app.data.train = std::move(d);
    app.data.gallery_key.clear();
    forget_training_summaries(app);
  } else {
    app.data.test = std::move(d);
    start_evaluation(app);
  }
}

}  // namespace

namespace {

// Decodes a model file and makes it the page's model; throws DataError (and changes
// nothing) when the file is bad or does not fit the page. `shipped`: the page's own model
// (assets/model.dlm, fetched by the page), else a file the learner chose.
void install_model_file(AppState& app, const std::string& name, const std::vector<std::uint8_t>& bytes, bool shipped) {
  ModelFile m = decode_model(bytes, name);
  if (m.image_rows != 28 || m.image_cols != 28)
    throw DataError(name + ": the model was made for " + std::to_string(m.image_rows) + "x" +
                    std::to_string(m.image_cols) + " images, the page draws 28x28");
  if (m.pipeline.model().n_classes() != 10)
    throw DataError(name + ": the model has " + std::to_string(m.pipeline.model().n_classes()) +
                    " classes, the page shows the 10 digits");
  std::string source = name + " (" + describe(m.pipeline.settings()) + ", trained on " + m.dataset + ")";
  use_model(app, std::move(m.pipeline), std::move(source));
  // No held-out digits come with a file: what the Calibration section says instead.
  app.model.no_held_out =
      shipped ? "The model shipped with the page was trained when the page was built, on every training digit (" +
                    m.dataset + "). A temperature must be chosen on digits the model never saw, and none are left."
              : "This model came from a file, which does not say which training digits it saw. A temperature must "
                "be chosen on digits the model never saw, and the page cannot tell which those are.";
  app.model.dataset = m.dataset;
  // A file made on the other dataset still runs (same 28x28 pixels, ten classes) but
  // names its classes wrongly here: said, not refused.
  const ClassNames& made_for = class_names_for_dataset(m.dataset);
  if (&made_for != app.classes)
    set_notice(app, "loaded model " + name + ": it was trained on " + made_for.title + ", the page shows " +
                        app.classes->title + ", so its answers are " + made_for.items + " named as " + app.classes->items,
               true);
  else if (!shipped || !app.notice_is_error)  // the page's own model never hides an error (a bad address)
    set_notice(app, "loaded model " + name);
}

}  // namespace

void import_model(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  try {
    if (bytes.size() > kMaxImportModelBytes)
      throw DataError(name + ": larger than " + std::to_string(kMaxImportModelBytes >> 20) +
                      " MB, no model file for 28x28 digits is");
    install_model_file(app, name, bytes, false);
  } catch (const DataError& e) {
    set_notice(app, std::string(e.what()) + " (the current model stays)", true);
  }
}

std::vector<std::uint8_t> export_model(const AppState& app) {
  if (!app.model.pipeline) return {};
  return encode_model(ModelFile{*app.model.pipeline, app.model.dataset, 28, 28});
}

void receive_file(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  const std::string key = file_key(name);
  if (is_my_drawing_file(key)) {  // the learner's drawings: stored or imported, not downloaded
    if (is_gzip(bytes)) {
      try {
        bytes = maybe_gunzip(std::move(bytes), kMaxIdxFileBytes, name, idx_size_bound(name));
      } catch (const std::exception& e) {
        set_notice(app, std::string("your drawings were not loaded: ") + e.what(), true);
        return;
      }
    }
    receive_my_drawing_file(app, key, std::move(bytes));
    return;
  }
  try {
    if (key == kChapterResultsFile) {
      receive_chapter_results(app, name, bytes);
    } else if (looks_like_model(bytes) || (key.size() > 4 && key.compare(key.size() - 4, 4, ".dlm") == 0)) {
      install_model_file(app, name, bytes, true);
    } else {
      // IDX files arrive decompressed by the browser, or still gzipped where it has no
      // DecompressionStream (web/digitlab.js); they are named after the canonical files.
      if (is_gzip(bytes)) bytes = maybe_gunzip(std::move(bytes), kMaxIdxFileBytes, name, idx_size_bound(name));
      parse_idx(bytes, name);  // reject a bad file now, with its name
      app.data.pending[key] = std::move(bytes);
      try_complete(app, kTrainImages, kTrainLabels, true);
      try_complete(app, kTestImages, kTestLabels, false);
      if (app.data.train && app.data.test)
        app.data.status = app.classes->title + ": " + with_thousands(app.data.train->size()) + " training and " +
                          with_thousands(app.data.test->size()) + " test " + app.classes->items + ", 28x28";
    }
    file_arrived(app, name);
  } catch (const std::exception& e) {
    // A bad file (or one too big for memory) changes nothing that was loaded before it;
    // the panels that need it say so and offer Retry.
    file_failed(app, name, e.what());
  }
}

}  // namespace digitlab::app
