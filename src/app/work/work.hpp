// The page's long work, advanced a slice per frame: training, evaluation, and the
// files JavaScript hands over. Nothing here waits; each call returns within its budget.
#pragma once

#include <string>
#include <vector>

#include "app/logic/training_curves.hpp"
#include "app/logic/training_request.hpp"
#include "app/shell/app_state.hpp"
#include "core/common/failure_text.hpp"

namespace digitlab::app {

void start_training(AppState& app);
void stop_training(AppState& app);
bool training_running(const AppState& app);
void start_evaluation(AppState& app);
// Advances training and evaluation by about budget_seconds in all (work.cpp), one of
// them per frame: training.cpp and evaluation.cpp each advance their own. Each returns
// whether it worked on this thread (a fit in a worker, or nothing to do: false).
bool advance_work(AppState& app, double budget_seconds);
bool advance_training(AppState& app, double budget_seconds);
// A report from the worker running run number `run` (app_state.hpp, FitWorkerPort);
// one of an ended run is ignored. The one that says done finishes the run as a local job's
// end does.
void receive_fit_report(AppState& app, int run, const std::vector<std::uint8_t>& bytes);
// The worker running `run` failed: its fit threw (the run ends, as a local run's exception
// ends it), or the worker itself is broken (worker_broken: later runs stay on the page's
// thread, and this one starts again there if the worker had not reported yet).
void fit_worker_failed(AppState& app, int run, const std::string& why, bool worker_broken);
bool advance_evaluation(AppState& app, double budget_seconds);
// For a run under the settled-accuracy rule, its window on the accuracy curve (percent)
// and the line that reads it (training_curves.hpp): what the Train panel shades and says,
// and what state() and the screen reader's summary give. Empty text for any other run.
struct SettledRuleView {
  SettledAccuracySettings settings;  // the runs' own: the page never changes it
  RuleWindow window;
  std::string text;
};
SettledRuleView settled_rule_view(const AppState& app);
// This device's pass speed for the Train panel's estimate (flops a second of wall time):
// the L-BFGS run in progress once it has timed a few passes, else the last one that
// ended (TrainState::measured_flops_per_second), else none (0: the estimate's guess).
struct DeviceSpeed {
  double flops_per_second = 0;
  const char* source = "guess";  // "this run", "last run" or "guess", as state() says it
  const char* words = "a guess until you train once";
};
DeviceSpeed device_speed(const AppState& app);
// What the form's settings would need, at that speed (its refusal and warnings too), and
// the Train panel's line for it, which state().training.form_estimate reports.
struct FormEstimate {
  TrainingEstimate estimate;
  std::string line;
};
FormEstimate form_estimate(const AppState& app);
// The validation accuracy after each pass, in percent (the curve starts at
// report.accuracy_first_pass).
std::vector<float> accuracy_percents(const TrainState& t);
// Beside it, under the settled rule, the average the rule compares after each pass, in
// percent (NaN before the first; empty under scikit-learn's rule).
std::vector<float> rule_average_percents(const TrainState& t);

// A file from the page: a model file, or one of MNIST's four IDX files (decompressed).
void receive_file(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes);

// The most bytes a model file handed to the page may have; the page reads no more of a
// larger file (a 784-pixel model is at most about 28 MB: PCA 784 + degree-2 features).
constexpr std::size_t kMaxImportModelBytes = std::size_t{64} << 20;
// A model file the user dropped on the page or picked: checked as every model file is,
// and as the page needs it (28x28 pixels, 10 classes). A bad one leaves the current model
// in place and says why in the notice.
void import_model(AppState& app, const std::string& name, std::vector<std::uint8_t> bytes);
// The current model as a model file (.dlm); empty when there is none.
std::vector<std::uint8_t> export_model(const AppState& app);
// True once when window.digitlab.injectFault(where) asked for a fault there (tests).
bool take_fault(AppState& app, const std::string& where);

// Makes `pipeline` the model the drawing panel uses. `held_out`: training digits it did
// not fit (its validation slice), when known.
void use_model(AppState& app, Pipeline pipeline, std::string source,
               std::shared_ptr<const Dataset> held_out = nullptr);

// Calibration (calibration.cpp): starts the model on its held-out digits once the test
// digits are evaluated, a block per frame, then summarizes; and the "answer only when
// sure" counts at the panel's threshold (again only when the threshold moved).
void start_calibration(AppState& app);
void advance_calibration(AppState& app, double budget_seconds);
void refresh_answered(EvalState& e);

}  // namespace digitlab::app
