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

namespace {

// The speed a run's passes so far show: from L-BFGS runs only (a pass of the others is
// not one loss and gradient over every row) that ran long enough to time; 0 otherwise.
double timed_flops_per_second(const TrainState& t) {
  const TrainingProgress& r = t.progress().training;
  if (t.solver != Solver::Lbfgs || r.passes < 3 || r.wall_seconds < 0.2 || t.run_pass_flops <= 0 ||
      r.status == TrainingStatus::Diverged || r.status == TrainingStatus::Failed)
    return 0;
  return t.run_pass_flops * r.passes / r.wall_seconds;
}

}  // namespace

DeviceSpeed device_speed(const AppState& app) {
  // Mid-run, the run's own speed: the last run's (or the guess) could be far from what
  // the progress line beside it shows.
  if (training_running(app)) {
    const double live = timed_flops_per_second(app.train);
    if (live > 0) return {live, "this run", "at this run's speed so far"};
  }
  if (app.train.measured_flops_per_second > 0)
    return {app.train.measured_flops_per_second, "last run", "at the speed of your last run"};
  return {};
}

FormEstimate form_estimate(const AppState& app) {
  const TrainForm& f = app.form;
  const PipelineSettings s = to_settings(f);
  const int digits = std::min(f.subset, max_fit_digits(app.data.train ? app.data.train->size() : 60000));
  const DeviceSpeed speed = device_speed(app);
  FormEstimate e{estimate_training(s, digits, 784, 10, page_training_limits(speed.flops_per_second)), ""};
  e.line = describe(s) + ": " + e.estimate.summary() + " (" + speed.words + ")";
  return e;
}

std::vector<float> accuracy_percents(const TrainState& t) {
  std::vector<float> percents;
  for (float a : t.accuracy_curve) percents.push_back(100 * a);
  return percents;
}

std::vector<float> rule_average_percents(const TrainState& t) {
  std::vector<float> percents;
  for (float a : t.report.rule_average_by_pass) percents.push_back(100 * a);  // NaN stays NaN
  return percents;
}

SettledRuleView settled_rule_view(const AppState& app) {
  const TrainState& t = app.train;
  SettledRuleView v;
  if (!t.has_run() || t.rule != StopRule::Settled || t.accuracy_curve.empty()) return v;
  v.window = rule_window(rule_average_percents(t), t.report.rule_window_first, t.report.rule_window_last,
                         t.report.accuracy_first_pass);
  const FitProgress& p = t.progress();
  const RunEnd end = p.stage != FitStage::Done                         ? RunEnd::Running
                     : p.training.status == TrainingStatus::Settled ? RunEnd::Settled
                                                                    : RunEnd::Other;
  v.text = rule_window_text(v.window, v.settings.window, v.settings.tolerance * 100, end, p.training.problem_count > 1,
                            v.settings.average);
  return v;
}

bool training_running(const AppState& app) {
  const TrainState& t = app.train;
  return t.has_run() && t.progress().stage != FitStage::Done;
}

namespace {

// The local run's state as the panels read it (a worker's arrives as a report).
void refresh_report(TrainState& t) {
  t.report = report_of(*t.job, false);
  t.loss_curve = t.report.loss_by_pass;
  t.accuracy_curve = t.report.accuracy_by_pass;
}

}  // namespace

void start_training(AppState& app) {
  if (training_running(app)) return;
  if (!app.data.train) {
    set_notice(app, "the training digits are still loading", true);
    return;
  }
  // Before anything is allocated or cleared: a request the page cannot hold is refused
  // with what it would need, and the previous run and model stay as they were.
  const TrainingRequest request =
      check_training_request(app.form, app.data.train->size(), app.data.train->pixel_count(),
                             page_training_limits(app.train.measured_flops_per_second));
  if (!request.refusal.empty()) {
    set_notice(app, "cannot train: " + request.refusal, true);
    return;
  }
  const PipelineSettings& settings = request.settings;
  const TrainingEstimate& estimate = request.estimate;
  const int count = request.fit_digits;
  TrainState& t = app.train;
  t.job.reset();
  if (t.in_worker && t.worker.cancel) t.worker.cancel(t.run);
  t.in_worker = false;
  ++t.run;
  t.report = FitReport();
  t.worker_model.reset();
  t.worker_model_pass = -1;
  t.worker_model_asked = false;
  t.loss_curve.clear();
  t.accuracy_curve.clear();
  t.rule = app.form.stop_rule == 0 ? StopRule::Settled : StopRule::Sklearn;
  t.validation.reset();
  t.live.pass = -1;
  t.live.refreshes = 0;
  t.live.next_refresh = 0;
  t.longest_frame_ms = 0;
  t.longest_work_ms = 0;
  t.work_frames = t.slow_work_frames = 0;
  t.outcome.clear();
  t.estimate = estimate.summary();
  t.run_pass_flops = estimate.pass_flops;
  try {
    // The validation slice first, held out of everything the model fits; then `count`
    // of the other training digits, each digit's share kept. The job reads those rows
    // of the loaded set itself: no copy of up to 47 MB inside one frame.
    const Dataset& all = *app.data.train;
    const int n_validation = validation_digits(all.size());
    const std::vector<int> held_out = stratified_subset(all.labels, n_validation, 0);  // exactly n_validation
    // (No call that may throw inside these loops: in wasm, within this try block each
    // such call goes out to JavaScript and back (Emscripten's invoke_), and 58,000
    // push_backs held the press several milliseconds.)
    std::vector<char> is_held_out(static_cast<std::size_t>(all.size()), 0);
    for (int i : held_out) is_held_out[static_cast<std::size_t>(i)] = 1;
    std::vector<int> fit(static_cast<std::size_t>(all.size() - n_validation));
    for (int i = 0, k = 0; i < all.size(); ++i)
      if (!is_held_out[static_cast<std::size_t>(i)]) fit[static_cast<std::size_t>(k++)] = i;
    if (count < static_cast<int>(fit.size())) {
      Labels rest(fit.size());
      for (std::size_t i = 0; i < fit.size(); ++i) rest[i] = all.labels[static_cast<std::size_t>(fit[i])];
      std::vector<int> chosen = stratified_subset(rest, count, 0);
      for (int& i : chosen) i = fit[static_cast<std::size_t>(i)];
      fit = std::move(chosen);
    }
    t.validation = std::make_shared<const Dataset>(take(all, held_out));
    t.digits = app.data.train;
    t.fit_digits = static_cast<int>(fit.size());
    t.settings_text = describe(settings) + " on " + with_thousands(t.fit_digits) + " " + app.classes->items;
    t.solver = settings.model.solver;
    // In a worker where the page has one (issue 12): the frames only draw, and the run
    // goes on in a background tab. The request carries the rows themselves (8-bit pixels,
    // at most about 46 MB), which the platform copies from `all` after this returns, a
    // few MB at a time: t.digits keeps `all` alive, and a new run or a switch of the
    // dataset cancels this one (and that copy) before letting it go. The worker runs
    // this same ValidatedFitJob. Else here, a slice per frame.
    if (t.worker.start && t.worker_problem.empty()) {
      t.in_worker = t.worker.start(t.run, encode_fit_request_pieces(settings, t.rule, all, fit, *t.validation));
      // A platform that says no says why (no Web Workers, their script missing): this
      // run and the next ones fit here, and state().training.worker_problem tells.
      if (!t.in_worker && t.worker.problem) t.worker_problem = t.worker.problem();
    }
    if (!t.in_worker) {
      Labels fit_labels(fit.size());
      for (std::size_t i = 0; i < fit.size(); ++i) fit_labels[i] = all.labels[static_cast<std::size_t>(fit[i])];
      t.job = std::make_unique<ValidatedFitJob>(settings, rows_of(t.digits, std::move(fit)), std::move(fit_labels),
                                                t.validation, t.rule, CurvePace::BlockPerStep);
      refresh_report(t);
    }
    // The page's own thread stutters where a block is more than a frame; a worker does not.
    std::string slow = estimate.warning;
    if (!t.in_worker && !estimate.stutter.empty()) slow += (slow.empty() ? "" : " ") + estimate.stutter;
    set_notice(app, "training " + t.settings_text + (slow.empty() ? "" : ". " + slow + " Stop keeps the model so far."));
  } catch (const std::exception& e) {  // bad settings (DataError) or no memory for the subset
    if (t.in_worker && t.worker.cancel) t.worker.cancel(t.run);  // before t.digits goes: its copy stops
    t.job.reset();
    t.in_worker = false;
    t.report = FitReport();
    t.digits.reset();
    t.validation.reset();
    t.fit_digits = 0;
    set_notice(app, "cannot train: " + failure_text(e), true);
  }
}


namespace {

void finish_training(AppState& app) {
  TrainState& t = app.train;
  const TrainingProgress& r = t.progress().training;
  t.outcome = "Stopped by " + std::string(stopped_by_text(r.status, t.solver)) + " after " + std::to_string(r.passes) +
              " passes (" + status_words(r.status) + ")";
  // The message adds to the status only where it says more than the status's name.
  if (!r.message.empty() && r.message != to_string(r.status) && r.message != status_words(r.status))
    t.outcome += ": " + r.message;
  // Asked to stop once the accuracy settled, a run can meet scikit-learn's rule first.
  if (t.rule == StopRule::Settled && std::string(stopped_by(r.status)) == "sklearn")
    t.outcome += ". That rule also watches every run, and it was met before the accuracy settled";
  // This device's speed, for the next estimates.
  if (const double timed = timed_flops_per_second(t); timed > 0) t.measured_flops_per_second = timed;
  if (!t.report.has_model) {
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
  if (t.in_worker && !t.worker_model) {  // cannot happen: a worker's last report carries its model
    set_notice(app, "training ended without its model arriving from the worker; the previous model stays", true);
    return;
  }
  char text[200];
  std::snprintf(text, sizeof text, "trained %s in %.1f s (%d iterations, %d passes, %s)", t.settings_text.c_str(),
                t.progress().elapsed_seconds, r.iteration, r.passes, to_string(r.status));
  // Not converged (max_iter, a failed line search): used, with scikit-learn's warning.
  const bool warning = r.status == TrainingStatus::MaxIter || r.status == TrainingStatus::LineSearchFailed;
  set_notice(app, warning ? std::string(text) + ". ConvergenceWarning: " + r.message : std::string(text));
  use_model(app, t.in_worker ? *t.worker_model : t.job->pipeline(), "trained in this page: " + t.settings_text, t.validation);
  app.model.dataset = app.classes->title + " train, " + with_thousands(t.fit_digits) + " " + app.classes->items + " (Digit Lab page)";
}

// An exception inside the run (out of memory, a bug): only this run ends. Its memory is
// released, the model in use stays, and the page goes on drawing.
void fail_training(AppState& app, const std::exception& error) {
  TrainState& t = app.train;
  const int iteration = t.has_run() ? t.progress().training.iteration : 0;
  t.job.reset();
  if (t.in_worker && t.worker.cancel) t.worker.cancel(t.run);
  t.in_worker = false;
  t.worker_model.reset();
  t.outcome = "failed: " + failure_text(error);
  t.failed_at_iteration = iteration;
  set_notice(app, "training failed at iteration " + std::to_string(iteration) + ": " + failure_text(error) +
                      ". The run is ended; the model in use stays (" + app.model.source + ")",
             true);
}

}  // namespace

// Stop keeps the model so far: the job ends at once, and no later frame would finish it.
// A worker stops at the end of its slice and reports; that report finishes the run.
void stop_training(AppState& app) {
  if (!training_running(app)) return;
  TrainState& t = app.train;
  if (t.in_worker) {
    t.worker.stop(t.run);
    return;
  }
  t.job->stop();
  refresh_report(t);
  if (t.job->done()) finish_training(app);
}

bool advance_training(AppState& app, double budget_seconds) {
  TrainState& t = app.train;
  try {
    if (take_fault(app, "train")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
    if (t.in_worker) return false;  // its reports arrive between frames (receive_fit_report)
    t.job->step(budget_seconds);
    refresh_report(t);
    if (t.job->done()) finish_training(app);
  } catch (const std::exception& error) {
    fail_training(app, error);
  }
  return true;
}

void receive_fit_report(AppState& app, int run, const std::vector<std::uint8_t>& bytes) {
  TrainState& t = app.train;
  if (run != t.run || !t.in_worker || !training_running(app)) return;  // an ended run's late report
  try {
    // A fault for a worker's run lands on its next report (at most 50 ms on), not at the
    // next frame, which comes up to 250 ms later while workers train: a run of half a
    // second could end first and leave the fault to the next run.
    if (take_fault(app, "train")) throw std::runtime_error("a fault injected by window.digitlab.injectFault");
    FitReport report = decode_fit_report(bytes);
    // A diverged or failed run's weights are not used (finish_training), and may not even
    // be a valid model file (beyond float32): left as bytes.
    const TrainingStatus status = report.progress.training.status;
    const bool unusable = status == TrainingStatus::Diverged || status == TrainingStatus::Failed;
    const bool done = report.progress.stage == FitStage::Done;
    if (!report.model.empty() && !unusable) {
      try {
        t.worker_model = decode_model(report.model, "the fit worker's model").pipeline;
        t.worker_model_pass = report.progress.training.passes;
      } catch (const DataError&) {
        if (done) throw;  // the run's model: the run fails
        // The live view's model so far, on its way to diverging: the view keeps the last one.
      }
      t.worker_model_asked = false;
      report.model.clear();
    }
    t.report = std::move(report);
    t.loss_curve = t.report.loss_by_pass;
    t.accuracy_curve = t.report.accuracy_by_pass;
    if (done) finish_training(app);
  } catch (const std::exception& error) {
    fail_training(app, error);
  }
}

void fit_worker_failed(AppState& app, int run, const std::string& why, bool worker_broken) {
  TrainState& t = app.train;
  if (run != t.run || !t.in_worker || !training_running(app)) return;
  // A worker that never reported (its program did not load, no memory for it) leaves
  // this run and the next ones to the page's thread, which starts it again at once.
  const bool reported = t.progress().fraction > 0 || t.progress().stage != FitStage::Scaling;
  if (worker_broken && !reported) {
    t.worker_problem = why;
    t.in_worker = false;
    start_training(app);
    return;
  }
  if (worker_broken) t.worker_problem = why;
  fail_training(app, std::runtime_error(why));
}

}  // namespace digitlab::app
