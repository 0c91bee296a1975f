// The Train panel's run: checks before it starts, a slice of the fit per frame with the
// validation curve beside it, and its end (finished, stopped or failed).
#include "app/work/work.hpp"

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

bool training_running(const AppState& app) { return app.train.job && !app.train.job->done(); }

void start_training(AppState& app) {
  if (training_running(app)) return;
  if (!app.data.train) {
    set_notice(app, "the training digits are still loading", true);
    return;
  }
  // Before anything is allocated or cleared: a request the page cannot hold is refused
  // with what it would need, and the previous run and model stay as they were.
  const TrainingRequest request =
      check_training_request(app.form, app.data.train->size(), app.data.train->pixel_count(), page_training_limits());
  if (!request.refusal.empty()) {
    set_notice(app, "cannot train: " + request.refusal, true);
    return;
  }
  const PipelineSettings& settings = request.settings;
  const TrainingEstimate& estimate = request.estimate;
  const int count = request.fit_digits;
  TrainState& t = app.train;
  t.job.reset();
  t.loss_curve.clear();
  t.accuracy_curve.clear();
  t.curve_rows_ready = 0;
  t.curve_labels.clear();
  t.watch = ValidationWatch(app.form.stop_rule == 0 ? StopRule::Settled : StopRule::Sklearn);
  t.validation.reset();
  t.live.pass = -1;
  t.live.refreshes = 0;
  t.live.next_refresh = 0;
  t.longest_frame_ms = 0;
  t.longest_work_ms = 0;
  t.work_frames = t.slow_work_frames = 0;
  t.outcome.clear();
  t.estimate = estimate.summary();
  try {
    // The validation slice first, held out of everything the model fits; then `count`
    // of the other training digits, each digit's share kept. The job reads those rows
    // of the loaded set itself: no copy of up to 47 MB inside one frame.
    const Dataset& all = *app.data.train;
    const int n_validation = validation_digits(all.size());
    const std::vector<int> held_out = stratified_subset(all.labels, n_validation, 0);  // exactly n_validation
    std::vector<char> is_held_out(static_cast<std::size_t>(all.size()), 0);
    for (int i : held_out) is_held_out[static_cast<std::size_t>(i)] = 1;
    std::vector<int> fit;
    fit.reserve(static_cast<std::size_t>(all.size() - n_validation));
    for (int i = 0; i < all.size(); ++i)
      if (!is_held_out[static_cast<std::size_t>(i)]) fit.push_back(i);
    if (count < static_cast<int>(fit.size())) {
      Labels rest(fit.size());
      for (std::size_t i = 0; i < fit.size(); ++i) rest[i] = all.labels[static_cast<std::size_t>(fit[i])];
      std::vector<int> chosen = stratified_subset(rest, count, 0);
      for (int& i : chosen) i = fit[static_cast<std::size_t>(i)];
      fit = std::move(chosen);
    }
    Labels fit_labels(fit.size());
    for (std::size_t i = 0; i < fit.size(); ++i) fit_labels[i] = all.labels[static_cast<std::size_t>(fit[i])];
    t.validation = std::make_shared<const Dataset>(take(all, held_out));
    t.digits = app.data.train;
    t.fit_digits = static_cast<int>(fit.size());
    t.settings_text = describe(settings) + " on " + with_thousands(t.fit_digits) + " digits";
    t.job = std::make_unique<PipelineFitJob>(settings, rows_of(t.digits, std::move(fit)), std::move(fit_labels), 10);
    // After every pass, the accuracy on the validation slice (once its features are
    // ready, a block per frame): the curve, and the settled rule's stop.
    t.job->set_pass_callback([&t](const LogisticRegressionTrainer& trainer) {
      const bool ready = !t.curve_labels.empty() && t.curve_rows_ready == static_cast<int>(t.curve_labels.size());
      return ready ? t.watch.after_pass(trainer, t.curve_features, t.curve_labels) : std::string();
    });
    set_notice(app, "training " + t.settings_text +
                        (estimate.warning.empty() ? "" : ". " + estimate.warning + " Stop keeps the model so far."));
  } catch (const std::exception& e) {  // bad settings (DataError) or no memory for the subset
    t.job.reset();
    t.digits.reset();
    t.validation.reset();
    t.fit_digits = 0;
    set_notice(app, "cannot train: " + failure_text(e), true);
  }
}


namespace {

// The features of the run's validation slice (training digits it does not fit; never
// the test digits), for the accuracy the watch records after every pass. Those digits
// go through the fitted preprocessing once per run, a block per frame, so no frame
// carries all of it.
void prepare_accuracy_curve(AppState& app) {
  TrainState& t = app.train;
  const FitProgress& p = t.job->progress();
  if (p.stage != FitStage::Training) return;
  if (!t.validation) return;
  const Dataset& slice = *t.validation;
  // The curve's digits are held as model features: with hundreds of thousands of them
  // (degree 2 without PCA) fewer digits, so they stay within kCurveBytes and a curve
  // point stays a few tens of milliseconds.
  const double feature_bytes = 4.0 * std::max<double>(1, static_cast<double>(t.job->training_features().feature_count));
  const int n = std::min({kCurveDigits, slice.size(), std::max(50, static_cast<int>(kCurveBytes / feature_bytes))});
  if (t.curve_rows_ready < n) {
    const Pipeline so_far = t.job->pipeline();
    if (t.curve_rows_ready == 0) {
      t.curve_features.resize(n, so_far.feature_count());
      t.curve_labels.assign(slice.labels.begin(), slice.labels.begin() + n);
    }
    const int per_frame = std::clamp(static_cast<int>(2e6 / (feature_bytes / 4)), 1, 250);
    const int count = std::min(per_frame, n - t.curve_rows_ready);
    so_far.transform_rows(slice.pixels.middleRows(t.curve_rows_ready, count).cast<float>(),
                          t.curve_features.middleRows(t.curve_rows_ready, count));
    t.curve_rows_ready += count;
  }
}

void finish_training(AppState& app) {
  TrainState& t = app.train;
  const TrainingProgress& r = t.job->progress().training;
  t.outcome = "Stopped by " + std::string(stopped_by_text(r.status, t.job->settings().model.solver)) + " after " + std::to_string(r.passes) +
              " passes (" + to_string(r.status) + "): " + r.message;
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
  char text[200];
  std::snprintf(text, sizeof text, "trained %s in %.1f s (%d iterations, %d passes, %s)", t.settings_text.c_str(),
                t.job->progress().elapsed_seconds, r.iteration, r.passes, to_string(r.status));
  // Not converged (max_iter, a failed line search): used, with scikit-learn's warning.
  const bool warning = r.status == TrainingStatus::MaxIter || r.status == TrainingStatus::LineSearchFailed;
  set_notice(app, warning ? std::string(text) + ". ConvergenceWarning: " + r.message : std::string(text));
  use_model(app, t.job->pipeline(), "trained in this page: " + t.settings_text, t.validation);
  app.model.dataset = app.classes->title + " train, " + with_thousands(t.fit_digits) + " " + app.classes->items + " (Digit Lab page)";
}

// An exception inside the run (out of memory, a bug): only this run ends. Its memory is
// released, the model in use stays, and the page goes on drawing.
void fail_training(AppState& app, const std::exception& error) {
  TrainState& t = app.train;
  const int iteration = t.job ? t.job->progress().training.iteration : 0;
  t.job.reset();
  t.curve_features = Matrix();
  t.outcome = "failed: " + failure_text(error);
  t.failed_at_iteration = iteration;
  set_notice(app, "training failed at iteration " + std::to_string(iteration) + ": " + failure_text(error) +
                      ". The run is ended; the model in use stays (" + app.model.source + ")",
             true);
}

}  // namespace

// Stop keeps the model so far: the job ends at once, and no later frame would finish it.
void stop_training(AppState& app) {
  if (!training_running(app)) return;
  app.train.job->stop();
  if (app.train.job->done()) finish_training(app);
}

void advance_training(AppState& app, double budget_seconds) {
  TrainState& t = app.train;
  try {
    if (take_fault(app, "train")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
    t.job->step(budget_seconds * 0.7);  // the rest for the accuracy curve
    const std::vector<double>& losses = t.job->loss_history();
    t.loss_curve.assign(losses.begin(), losses.end());
    t.accuracy_curve = t.watch.accuracy_by_pass();
    prepare_accuracy_curve(app);
    if (t.job->done()) finish_training(app);
  } catch (const std::exception& error) {
    fail_training(app, error);
  }
}

}  // namespace digitlab::app
