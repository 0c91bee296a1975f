// The state of the tutorial's chapters and question experiments, the lesson mode and the
// embedded (one panel alone) mode: one member of AppState (app_state.hpp), so the
// chapter panels, like the others, are functions drawing from the app's one struct.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/data/augment.hpp"
#include "core/metrics/binary_metrics.hpp"
#include "lessons/chapter_results.hpp"
#include "lessons/chapter_runs.hpp"
#include "lessons/experiments.hpp"
#include "app/widgets/colormap.hpp"
#include "core/tutorial/digit_statistics.hpp"
#include "core/preprocessing/pca.hpp"
#include "lessons/questions.hpp"
#include "core/preprocessing/scalers.hpp"
#include "core/tutorial/sigmoid_simulation.hpp"
#include "app/widgets/texture.hpp"

namespace digitlab::app {

struct MnistChapter {
  bool wanted = false;                  // set when the panel is first shown
  std::optional<DigitStatistics> stats;  // training digits, gathered a block per frame
  std::shared_ptr<const Dataset> digits;  // the set being gathered (kept if the page loads another)
  int rows_done = 0;
  bool ready = false;
  Texture means;                        // the ten mean images side by side
  int histogram_digit = -1;             // -1: all digits
};

struct LookingChapter {
  int selected = 0;  // which of the gallery's ten digits is shown large
  DigitAtlas gallery;
  Texture ramp;      // 0..255 left to right, for the colour bar
  bool built = false;
};

struct SigmoidChapter {
  float threshold = 0.5f;
  float weight_scale = 1.0f;
  int seed = 42;
  int samples = 100, features = 3;  // the tutorial's simulation
  SigmoidSimulation simulation;
  bool dirty = true;
};

// The experiments' settings (and their defaults) are in src/lessons/experiments.hpp.
struct LogisticChapter : LogisticExperiment {
  bool autorun = false;
  RunQueue runs;
};

struct MetricsChapter {
  int tp = 50, fn = 10, fp = 5, tn = 35;  // the tutorial's medical example
  // A made-up spam filter on 100 emails: spam is the positive class.
  int spam_tp = 40, spam_fn = 8, spam_fp = 3, spam_tn = 49;
  int digit = 5;                          // the model's 10x10 matrix, one digit against the rest
};

struct ScalingChapter : ScalingExperiment {
  bool wanted = false;
  std::optional<StandardScaler> standard;
  std::optional<MinMaxScaler> minmax;
  std::shared_ptr<const Dataset> digits;  // the set being fitted (kept if the page loads another)
  int rows_done = 0;
  bool fitted = false;
  Texture images;   // 3 columns (original, standard, min-max) x kRows digits
  float standard_range[2] = {0, 0}, minmax_range[2] = {0, 0};
  bool autorun = false;
  RunQueue runs;
  static constexpr int kRows = 4;
  static constexpr int kFitDigits = 5000;
};

struct PcaChapter {
  bool wanted = false;
  int stage = 0;  // 0 waiting, 1 scaling, 2 covariance, 3 eigenvectors, 4 ready
  std::shared_ptr<const Dataset> digits;  // kFitDigits training digits
  MinMaxScaler scaler;
  std::optional<PCA> pca;
  int rows_done = 0;
  int steps = 0;
  int components = 30;
  int shown_components = -1;  // what `reconstructions` holds
  Texture reconstructions;    // originals over reconstructions, kShown digits
  Texture component_images;   // the first kComponentImages components
  double fit_seconds = 0;
  // 60: a Rayleigh-Ritz step of the eigensolver grows with the square of this, and
  // must fit in a frame (about 40 ms in wasm for 60; 100 took over 100 ms).
  static constexpr int kMaxComponents = 60;
  static constexpr int kFitDigits = 5000;
  static constexpr int kShown = 8;
  static constexpr int kComponentImages = 16;
};

struct PolyChapter : PolyExperiment {
  float x1 = 0.5f, x2 = -1.5f;  // the worked example's two features
  bool autorun = false;
  RunQueue runs;
};

struct WeightsChapter : WeightsExperiment {
  bool wanted = false;
  int source = 0;  // 0: the raw-pixel model trained here, 1: the page's current model
  bool autorun = false;
  RunQueue run;       // the raw-pixel model's run, or its precomputed result
  WeightPictures pictures;  // what `templates` shows, -1..1 (weight_templates.hpp)
  Texture templates;  // ten signed images, diverging colormap
  std::string shown;  // what `templates` holds: "run", "precomputed", "model:<source>"
  bool exact = true;
  std::string note;
  double max_abs = 0;
};

struct ThresholdQuestion {
  int guess = kNoGuess;
  int digit = 8;
  float threshold = 0.5f;
  const void* swept_for = nullptr;  // the evaluation the sweep was computed from
  int swept_digit = -1;
  std::vector<ThresholdPoint> sweep;
  ThresholdPoint current;
  BinaryScores argmax;  // the usual rule: the most probable digit
};

struct TestSizeQuestion : TestSizeExperiment {
  int guess = kNoGuess;  // an index into test_size_question_text().options (questions.hpp)
  TestSizeExperiment ran;  // the settings of the runs in `runs` (the defaults for a precomputed result)
  bool autorun = false;
  RunQueue runs;
};

struct ImbalanceQuestion : ImbalanceExperiment {
  int guess = kNoGuess;
  int ran_digit = ImbalanceExperiment{}.digit;  // the digit thinned in `runs` (the slider's may differ)
  int kept = 0, before = 0;  // of `digit` in the thinned training set
  bool autorun = false;
  RunQueue runs;
};

struct AugmentQuestion : AugmentExperiment {
  int guess = kNoGuess;
  bool autorun = false;
  // Before the runs: the training digits grown by copies, the test digits shaken, a
  // block of images per frame.
  std::shared_ptr<const Dataset> train, test;
  std::unique_ptr<AugmentJob> grow, shake;
  RunQueue runs;
  DigitAtlas samples;      // one digit and augmented copies of it
  std::string samples_key;
};

struct ConfusionsQuestion {
  int guess = kNoGuess;
  int selected = 0;  // index into the model's most confused pairs
  DigitAtlas examples;
  std::string key;
};

struct LessonState {
  bool active = false;
  int step = 0;
  float next_button[4] = {0, 0, 0, 0};  // x, y, w, h in CSS px, for tests and teachers
  float back_button[4] = {0, 0, 0, 0};
};

struct ChapterState {
  std::vector<int> stalled;  // Panels whose own chapter work threw; skipped until a reload
  Colormap colormap = Colormap::Gray;  // chosen in "Looking at digits", used by every chapter
  bool embedded = false;               // one panel alone (?panel=...)
  int requested_subtab = -1;           // a chapter asked for, selected in its tab bar
  std::string query;                   // the last settings applied from a URL or open()
  double longest_work_ms = 0;          // the longest slice of chapter work in one frame
  std::string longest_work;            // what it was doing
  int work_slices = 0, slow_slices = 0;  // frames with chapter work; of them over 50 ms
  MnistChapter mnist;
  LookingChapter looking;
  SigmoidChapter sigmoid;
  LogisticChapter logistic;
  MetricsChapter metrics;
  ScalingChapter scaling;
  PcaChapter pca;
  PolyChapter poly;
  WeightsChapter weights;
  ThresholdQuestion threshold;
  TestSizeQuestion test_size;
  ImbalanceQuestion imbalance;
  AugmentQuestion augment;
  ConfusionsQuestion confusions;
  LessonState lesson;
  ChapterResults precomputed;  // assets/chapter-results.txt, made when the page was built
};

}  // namespace digitlab::app
