// Everything the page knows, in one struct owned by the app (STYLE.md: panels are
// functions that draw from it; no function-local statics hold application state).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/chapters/chapter_state.hpp"
#include "app/logic/calibration_summary.hpp"
#include "app/logic/train_form.hpp"
#include "core/data/class_names.hpp"
#include "core/data/dataset.hpp"
#include "core/data/digit_drawing.hpp"
#include "core/tutorial/score_attribution.hpp"
#include "core/jobs/evaluation_job.hpp"
#include "app/widgets/glossary_ui.hpp"
#include "core/metrics/binary_metrics.hpp"
#include "core/metrics/metrics.hpp"
#include "core/metrics/model_comparison.hpp"
#include "core/linear_model/pipeline.hpp"
#include "core/jobs/fit_messages.hpp"
#include "core/jobs/validated_fit_job.hpp"
#include "app/widgets/texture.hpp"

namespace digitlab::app {

// The four main panels. The tutorial's chapters and questions follow them, numbered in
// the order of the chapter registry (chapter_registry.cpp): chapter i is Panel(kMainPanels + i).
enum class Panel { Draw, Data, Train, Evaluate };
constexpr int kMainPanels = 4;

struct DataState {
  // Shared with the jobs reading them: a new file replaces the pointer, never the data
  // under a running job (PipelineFitJob and EvaluationJob hold their own share).
  std::shared_ptr<const Dataset> train, test;
  std::map<std::string, std::vector<std::uint8_t>> pending;  // IDX files waiting for their pair
  std::string status = "loading MNIST...";
  int gallery_digit = -1;  // -1: all digits
  int gallery_page = 0;
  DigitAtlas gallery;
  std::string gallery_key;  // what the atlas shows now
};

// The Draw panel's "Why?" map: each pixel's share of z_predicted - z_against.
struct Explanation {
  bool shown = false;
  int against = -1;        // the class compared with; -1: the runner-up
  bool mean_baseline = false;  // baseline: the mean training digit, else the empty image
  bool dirty = true;
  int predicted = -1, other = -1;  // what the map below was computed for
  ScoreAttribution map;
  float largest_share = 0;
  Texture picture;         // shares as 0.5 + share / (2 largest), through Colormap::Diverging
  std::optional<Eigen::RowVectorXf> mean_digit;  // of the training digits, once loaded
};

struct DrawState {
  static constexpr int kSide = 280;  // canvas units (CSS pixels at 100% zoom)
  std::vector<Stroke> strokes;
  std::vector<Stroke> redo;
  bool stroke_active = false;
  bool dirty = true;
  std::optional<Eigen::RowVectorXf> digit;  // the 28x28 MNIST-style image
  DrawingNormalization normalization;        // what was done to the strokes to make it
  Explanation explanation;                   // the "Why?" map (panels/draw_explanation.cpp)
  Eigen::VectorXf softmax, sigmoid;
  int prediction = -1;
  // The model before the current one (ModelState::previous) on the same drawing.
  Eigen::VectorXf previous_softmax;
  int previous_prediction = -1;
  bool show_previous = false;  // its bars under the current model's
  Texture preview;
  float canvas_x = 0, canvas_y = 0, canvas_size = 0;  // last layout, CSS px
  // A test digit shown instead of the strokes ("Use a test digit": a way in for learners
  // who cannot draw with a pointer): its index in the test set, -1 for none.
  int test_digit = -1;
  unsigned test_digits_picked = 0;  // steps the sequence the random picks come from
};

// The Train panel's live view of a run (panels/train_live.cpp): the weight templates and
// the validation slice's confusion matrix as of one pass, refreshed every few passes.
struct LiveTrainingView {
  Texture templates;        // ten signed pictures, -1..1, diverging colormap
  int pass = -1;            // the pass they show; -1: nothing yet
  double next_refresh = 0;  // ImGui time
  double refresh_ms = 0;    // what the last refresh cost: the interval grows with it
  bool exact = true;        // false: only the degree-1 part carried back (weight_templates.hpp)
  ConfusionMatrix confusion;
  int refreshes = 0;        // in this run, for state() and tests
};

// How the page hands a run to a Web Worker (issue 12), filled in by the platform
// (src/platform/worker_glue.cpp, web/fit-worker.js). `start` posts a request (fit_messages.hpp)
// under a run number and returns false where there is no worker (none in this browser,
// ?workers=0, it failed before); the worker's reports come back through
// receive_fit_report (work.hpp). Empty: every run stays on the page's thread.
struct FitWorkerPort {
  std::function<bool(int run, const FitRequestPieces& request)> start;  // the pieces are read after it returns
  std::function<void(int run)> stop;           // the worker stops at its next slice and reports
  std::function<void(int run)> request_model;  // its next report carries the model so far
  std::function<void(int run)> cancel;         // ends the worker's run with no report
  std::function<std::string()> problem;        // why start says no ("" when it does not)
  // Makes the workers ahead of the first run, once: the Train panel calls it when it
  // opens, so their programs load while the learner reads the settings.
  std::function<void()> prepare;
  bool prepared = false;
};

struct TrainState {
  // The run: on the page's thread (job, stepped a slice per frame), or in a worker
  // (in_worker, its reports arriving between frames). Either way `report` is the run
  // as last seen, what the panels and state() show.
  std::unique_ptr<ValidatedFitJob> job;
  bool in_worker = false;
  int run = 0;                            // numbers the runs: a late report of an old one is ignored
  FitReport report;
  StopRule rule = StopRule::Settled;
  std::optional<Pipeline> worker_model;   // the model so far, from the last report that carried one
  int worker_model_pass = -1;             // the pass it is of
  bool worker_model_asked = false;
  FitWorkerPort worker;
  std::string worker_problem;             // why runs stay on the page's thread since a worker failed
  std::shared_ptr<const Dataset> digits;  // the loaded set the job reads its rows from
  int fit_digits = 0;                     // how many of them the model fits
  // The validation slice: training digits held out of the fit, for the live accuracy
  // curve (like scikit-learn's validation_fraction); the test digits wait for Evaluate.
  std::shared_ptr<const Dataset> validation;
  std::string settings_text;
  Solver solver = Solver::Lbfgs;      // the run's: its progress counts epochs or iterations, its own stop rule
  std::string estimate;               // what the run needs (training_estimate.hpp)
  double run_pass_flops = 0;          // the run's flops a pass, from its estimate
  // The pass speed (flops a second of wall time) of the last L-BFGS run that ended here:
  // the next estimates' "a pass" is at this device's speed, not a guess (0: none yet).
  double measured_flops_per_second = 0;
  std::vector<float> loss_curve;      // mean log-loss (L2 penalty included) after every pass, from the first
  std::vector<float> accuracy_curve;  // on the validation slice, after every pass (once its digits are ready)
  LiveTrainingView live;
  double longest_frame_ms = 0;        // while training: time between frames (app's clock)
  double longest_work_ms = 0;         // while training: the app's own work in one frame
  int work_frames = 0, slow_work_frames = 0;  // while training: frames, and those over 50 ms of work
  std::string longest_work_stage;     // the stage that frame began in
  bool details = false;               // the Train panel's "Details": gradient and frame times
  std::string outcome;
  int failed_at_iteration = 0;        // when the run ended in an exception (outcome says why)

  bool has_run() const { return job != nullptr || in_worker; }  // running or finished
  const FitProgress& progress() const { return report.progress; }
  const char* where() const { return in_worker ? "worker" : "main thread"; }
};

struct EvalState {
  std::unique_ptr<EvaluationJob> job;  // holds its own copy of the model and labels
  int number = 0;  // counts the evaluations started: which one a result was computed from
  std::shared_ptr<const Dataset> digits;  // the test digits it runs on
  bool on_mine = false;                   // the learner's drawings instead of MNIST's test set
  bool ready = false;
  ConfusionMatrix confusion;
  ClassReport report;
  std::vector<int> misclassified;
  int selected_true = -1, selected_pred = -1;
  int term_digit = 5;  // the digit the glossary's terms mark on the matrix (TP, FN, support...)
  DigitAtlas cell_digits, wrong_digits;
  std::string cell_key, wrong_key;
  // The compare view (panels/evaluate_compare.cpp): the previous model on the same digits.
  // Its job is the current model's finished job when a new model replaces it, so most
  // comparisons cost no second evaluation.
  std::unique_ptr<EvaluationJob> previous_job;
  std::shared_ptr<const Dataset> previous_digits;  // what previous_job ran on
  std::optional<ModelComparison> comparison;         // once both jobs are done
  bool compare_view = false;
  int compare_list = 0;  // the digits shown: 0 the new model fixed, 1 it broke
  DigitAtlas compare_digits;
  std::string compare_key;
  // Calibration (work/calibration.cpp, panels/evaluate_calibration.cpp): after the test
  // digits, the same model on its held-out training digits; then the summary.
  std::unique_ptr<EvaluationJob> held_out_job;
  std::optional<CalibrationSummary> calibration;
  float answer_threshold = 0.9f;  // "answer only when at least this sure"
  int reliability_view = 0;       // 0: overall (top class); 1 + k: digit k against the rest
  float answered_at = -1;         // the threshold the two counts below were taken at
  AnsweredDigits answered_before, answered_after;
  // One class's own threshold, the threshold question's digit and threshold: "is it a
  // d?" answered yes at p_d >= t with the model's probabilities and with the calibrated
  // ones (evaluate_class_threshold.cpp); digit -1 until computed.
  struct ClassThreshold {
    int digit = -1;
    float threshold = 0;
    int evaluation = -1;  // EvalState::number of the evaluation (and its calibration) it is of
    BinaryCounts before, after;
  } class_threshold;
};

// The learner's own test set (work/my_drawings.hpp).
struct MyDrawingsState {
  std::shared_ptr<const Dataset> set;  // null until the first drawing is saved or loaded
  int version = 0;                     // bumped on every change; the page stores the set then
  std::map<std::string, std::vector<std::uint8_t>> pending;  // one file of a pair
  DigitAtlas gallery;
  std::string gallery_key;
  int selected = -1;  // the gallery's tile picked for Delete
  bool export_requested = false, import_requested = false;
};

struct ModelState {
  std::optional<Pipeline> pipeline;
  std::string source = "no model yet";
  std::string dataset = "MNIST";  // what it was trained on, written into an exported file
  // The model before the last one trained or imported, for the compare view and the Draw
  // panel's second set of bars.
  std::optional<Pipeline> previous;
  std::string previous_source;
  // Training digits the model did not fit (a Train-panel run's validation slice), for
  // fitting a calibration; null for a shipped or imported model, whose fit is unknown.
  std::shared_ptr<const Dataset> held_out;
  std::string no_held_out;  // when held_out is null: why (said in the Calibration section)
  // Asked for by the status line's buttons, done by the platform (take_page_requests).
  bool import_requested = false;
  bool export_requested = false;
};

// One file the page downloads (file_status.hpp), by its name without .gz.
struct FileStatus {
  enum class State { Loaded, Failed } state = State::Loaded;
  std::string message;  // why it failed
};

struct FilesState {
  std::map<std::string, FileStatus> status;  // only files that arrived or failed
  bool retry_requested = false;              // a Retry button: the page fetches the failed ones again
};

struct AppState {
  Panel panel = Panel::Draw;
  int requested_panel = -1;  // a panel asked for from outside, selected on the next frame
  DataState data;
  DrawState draw;
  TrainForm form;
  TrainState train;
  EvalState eval;
  MyDrawingsState mine;
  ModelState model;
  FilesState files;
  ChapterState chapters;  // the tutorial chapters, lesson and embedded modes
  // The dataset the page shows (work/dataset_switch.hpp): its title, its ten class names
  // and what one image is called, for every label and sentence that names them.
  const ClassNames* classes = &mnist_class_names();
  std::vector<std::string> datasets = {"mnist"};  // the ones this site was built with
  std::string dataset_request;  // the Data panel's switch asked the page for this one
  // Which wasm program runs, as the platform built it: "relaxed-simd" in browsers with
  // relaxed SIMD's fused multiply-add, "simd", or "no-simd" in browsers without
  // WebAssembly SIMD (web/digitlab.js chooses).
  std::string program;
  GlossaryState glossary;  // which term is hovered, where terms are on screen
  // How the page looks (issue 13): theme=light in the URL or the title line's toggle, and
  // larger controls for a coarse pointer (a touch screen, as the page reports it).
  bool light_theme = false;
  bool coarse_pointer = false;
  std::string notice;  // the last message worth showing (errors included)
  bool notice_is_error = false;
  bool notice_for_embed = false;  // shown by an embedded panel too, which shows only errors else
  // "link" or "embed": a Copy button asked the page to copy that (share.hpp); handed out once.
  std::string share_request;
  // For tests (window.digitlab.injectFault): "train", "evaluate" or "chapter" makes the
  // next slice of that work throw, once, to show that only that work ends.
  std::string fault;
};

void set_notice(AppState& app, std::string text, bool error = false);

}  // namespace digitlab::app
