#include "work.hpp"

#include <algorithm>

#include "data_dir.hpp"
#include "model_file.hpp"
#include "presets.hpp"
#include "row_source.hpp"
#include "split.hpp"

namespace digitlab::app {

void set_notice(AppState& app, std::string text, bool error) {
  app.notice = std::move(text);
  app.notice_is_error = error;
}

void use_model(AppState& app, Pipeline pipeline, std::string source) {
  app.model.pipeline = std::move(pipeline);
  app.model.source = std::move(source);
  app.draw.dirty = true;  // re-predict the drawing with the new model
  app.eval.ready = false;
  app.eval.job.reset();
  if (app.data.test) start_evaluation(app);
}

// [SECTION] Training

bool training_running(const AppState& app) { return app.train.job && !app.train.job->done(); }

void start_training(AppState& app) {
  if (training_running(app)) return;
  if (!app.data.train) {
    set_notice(app, "the training digits are still loading", true);
    return;
  }
  const PipelineSettings settings = to_settings(app.form);
  const std::string problem = check_settings(settings, app.data.train->pixel_count());
  if (!problem.empty()) {
    set_notice(app, "cannot train: " + problem, true);
    return;
  }
  TrainState& t = app.train;
  const int count = std::clamp(app.form.subset, 100, app.data.train->size());
  // All the digits: train on the loaded set itself, no 47 MB copy inside one frame.
  if (count == app.data.train->size()) {
    t.subset = Dataset{};
    t.digits = &*app.data.train;
  } else {
    t.subset = take(*app.data.train, stratified_subset(app.data.train->labels, count, 0));
    t.digits = &t.subset;
  }
  t.settings_text = describe(settings) + " on " + with_thousands(t.digits->size()) + " digits";
  t.loss_curve.clear();
  t.accuracy_curve.clear();
  t.curve_iteration = -1;
  t.curve_rows_ready = 0;
  t.longest_frame_ms = 0;
  t.longest_work_ms = 0;
  t.outcome.clear();
  try {
    t.job = std::make_unique<PipelineFitJob>(settings, rows_of(t.digits->pixels), t.digits->labels, 10);
    set_notice(app, "training " + t.settings_text);
  } catch (const DataError& e) {
    t.job.reset();
    set_notice(app, std::string("cannot train: ") + e.what(), true);
  }
}

void stop_training(AppState& app) {
  if (training_running(app)) app.train.job->stop();
}

namespace {

// Accuracy of the model so far on the first kCurveDigits test digits, every few
// iterations. Those digits go through the fitted preprocessing once per run, a block
// per frame, so no frame carries all of it.
void update_accuracy_curve(AppState& app) {
  TrainState& t = app.train;
  const FitProgress& p = t.job->progress();
  if (!app.data.test || p.stage != FitStage::Training) return;
  const int n = std::min(kCurveDigits, app.data.test->size());
  if (t.curve_rows_ready < n) {
    const Pipeline so_far = t.job->pipeline();
    if (t.curve_rows_ready == 0) {
      t.curve_features.resize(n, so_far.feature_count());
      t.curve_labels.assign(app.data.test->labels.begin(), app.data.test->labels.begin() + n);
    }
    const int count = std::min(250, n - t.curve_rows_ready);
    so_far.transform_rows(app.data.test->pixels.middleRows(t.curve_rows_ready, count).cast<float>(),
                          t.curve_features.middleRows(t.curve_rows_ready, count));
    t.curve_rows_ready += count;
    return;
  }
  if (p.training.iteration < t.curve_iteration + 5) return;
  const LogisticRegression model = t.job->pipeline().model();
  t.accuracy_curve.push_back(static_cast<float>(accuracy(t.curve_labels, model.predict(t.curve_features))));
  t.curve_iteration = p.training.iteration;
}

void finish_training(AppState& app) {
  TrainState& t = app.train;
  const TrainingProgress& r = t.job->progress().training;
  t.outcome = std::string(to_string(r.status)) + ": " + r.message;
  if (!t.job->has_model()) {
    set_notice(app, "training stopped before the model existed; the previous model stays", r.status == TrainingStatus::Failed);
    return;
  }
  // A diverged or failed run keeps its last good weights (the core restores them), but
  // those come from a run that went wrong: worse than the model the learner had, which
  // stays. The message says so; training again with a smaller learning rate is the fix.
  if (r.status == TrainingStatus::Diverged || r.status == TrainingStatus::Failed) {
    set_notice(app, "training " + std::string(to_string(r.status)) + ": " + r.message +
                        (app.model.pipeline ? ". Not used here: the page keeps its previous model (" +
                                                  app.model.source + ")"
                                            : ". Not used here."),
               true);
    return;
  }
  char text[160];
  std::snprintf(text, sizeof text, "trained %s in %.1f s (%d iterations, %s)", t.settings_text.c_str(),
                t.job->progress().elapsed_seconds, r.iteration, to_string(r.status));
  set_notice(app, text);
  use_model(app, t.job->pipeline(), "trained in this page: " + t.settings_text);
  app.model.dataset = "MNIST train, " + with_thousands(t.digits->size()) + " digits (Digit Lab page)";
}

}  // namespace

void start_evaluation(AppState& app) {
  if (!app.model.pipeline || !app.data.test) return;
  EvalState& e = app.eval;
  e.evaluated = *app.model.pipeline;
  e.job = std::make_unique<EvaluationJob>(e.evaluated, rows_of(app.data.test->pixels), app.data.test->labels);
  e.ready = false;
  e.selected_true = e.selected_pred = -1;
  e.cell_key.clear();
  e.wrong_key.clear();
}

void advance_work(AppState& app, double budget_seconds) {
  TrainState& t = app.train;
  if (t.job && !t.job->done()) {
    t.job->step(budget_seconds * 0.7);  // the rest for the accuracy curve
    const std::vector<double>& losses = t.job->loss_history();
    t.loss_curve.assign(losses.begin(), losses.end());
    update_accuracy_curve(app);
    if (t.job->done()) finish_training(app);
    return;  // one kind of work per frame keeps the frame short
  }
  EvalState& e = app.eval;
  if (e.job && !e.ready && e.job->step(budget_seconds)) {
    e.confusion = e.job->confusion();
    e.report = classification_report(e.confusion);
    e.misclassified = e.job->misclassified();
    e.ready = true;
  }
}

// [SECTION] Files from the page

namespace {

void try_complete(AppState& app, const std::string& images, const std::string& labels, bool train) {
  auto& pending = app.data.pending;
  if (!pending.count(images) || !pending.count(labels)) return;
  Dataset d = make_dataset(parse_idx(pending[images], images), parse_idx(pending[labels], labels), images, labels,
                           train ? "MNIST train" : "MNIST test");
  pending.erase(images);
  pending.erase(labels);
  (train ? app.data.train : app.data.test) = std::move(d);
}

}  // namespace

namespace {

// Decodes a model file and makes it the page's model; throws DataError (and changes
// nothing) when the file is bad or does not fit the page.
void install_model_file(AppState& app, const std::string& name, const std::vector<std::uint8_t>& bytes) {
  ModelFile m = decode_model(bytes, name);
  if (m.image_rows != 28 || m.image_cols != 28)
    throw DataError(name + ": the model was made for " + std::to_string(m.image_rows) + "x" +
                    std::to_string(m.image_cols) + " images, the page draws 28x28");
  if (m.pipeline.model().n_classes() != 10)
    throw DataError(name + ": the model has " + std::to_string(m.pipeline.model().n_classes()) +
                    " classes, the page shows the 10 digits");
  std::string source = name + " (" + describe(m.pipeline.settings()) + ", trained on " + m.dataset + ")";
  use_model(app, std::move(m.pipeline), std::move(source));
  app.model.dataset = m.dataset;
  set_notice(app, "loaded model " + name);
}

}  // namespace

void import_model(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  try {
    if (bytes.size() > kMaxImportModelBytes)
      throw DataError(name + ": larger than " + std::to_string(kMaxImportModelBytes >> 20) +
                      " MB, no model file for 28x28 digits is");
    install_model_file(app, name, bytes);
  } catch (const DataError& e) {
    set_notice(app, std::string(e.what()) + " (the current model stays)", true);
  }
}

std::vector<std::uint8_t> export_model(const AppState& app) {
  if (!app.model.pipeline) return {};
  return encode_model(ModelFile{*app.model.pipeline, app.model.dataset, 28, 28});
}

void receive_file(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes) {
  try {
    if (looks_like_model(bytes)) {
      install_model_file(app, name, bytes);
      return;
    }
    // IDX files arrive decompressed, named after the canonical files.
    std::string key = name.substr(name.find_last_of('/') + 1);
    if (key.size() > 3 && key.compare(key.size() - 3, 3, ".gz") == 0) key.resize(key.size() - 3);
    parse_idx(bytes, name);  // reject a bad file now, with its name
    app.data.pending[key] = std::move(bytes);
    try_complete(app, "train-images-idx3-ubyte", "train-labels-idx1-ubyte", true);
    const bool had_test = app.data.test.has_value();
    try_complete(app, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", false);
    if (!had_test && app.data.test) start_evaluation(app);
    if (app.data.train && app.data.test)
      app.data.status = "MNIST: " + with_thousands(app.data.train->size()) + " training and " +
                        with_thousands(app.data.test->size()) + " test digits, 28x28";
  } catch (const DataError& e) {
    // A bad file changes nothing that was loaded before it.
    set_notice(app, e.what(), true);
  }
}

}  // namespace digitlab::app
