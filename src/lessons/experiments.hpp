// The chapters' experiments, defined once: which digits, which settings, which seeds.
// The page (src/app/chapter_*.cpp, with the learner's settings) and `digitlab
// chapter-results` (src/cli, with the defaults below, at build time) both build their
// runs here, so a precomputed result and a run in the page are the same experiment.
// No ImGui, SDL or Emscripten: the command-line tool and the native tests link it.
//
//   LogisticExperiment settings;                       // the defaults
//   for (RunSpec& spec : logistic_runs(settings, train, test)) queue.add(std::move(spec));
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/data/augment.hpp"
#include "lessons/chapter_runs.hpp"
#include "core/data/dataset.hpp"
#include "core/linear_model/pipeline.hpp"

namespace digitlab::app {

// Every experiment scores on this many test digits (a stratified subset, seed 1).
constexpr int kExperimentTestDigits = 2000;

// A stratified subset of `all` (count clamped to 100..all.size()).
std::shared_ptr<const Dataset> experiment_subset(const Dataset& all, int count, std::uint32_t seed);
std::shared_ptr<const Dataset> experiment_test_digits(const Dataset& test);

// The tutorial's own digits: all of them pooled (MNIST's 60,000 + 10,000) and split as
// scikit-learn's train_test_split(test_size=0.2, random_state=42): 56,000 to train on and
// 14,000 to score, every experiment that asks for it the same ones.
struct ExperimentDigits {
  std::shared_ptr<const Dataset> train, test;
};
ExperimentDigits tutorial_split_digits(const Dataset& train, const Dataset& test);

// Scaling + optional PCA + polynomial degree + L-BFGS, as experiments use them.
PipelineSettings experiment_settings(Scaling scaling, int pca, int poly, int max_iter, bool balanced = false);

// [SECTION] The experiments' settings (their defaults are what the page ships results for)

struct LogisticExperiment {  // chapter 4: softmax and one-vs-rest
  int solver = 0;            // L-BFGS, mini-batch, Newton-CG
  int max_iter = 100;
  int subset = 2000;
  int scaling = 0;           // none, standard, min-max
  bool tutorial_split = false;  // the tutorial's 56,000 / 14,000 split in place of subset
};

struct ScalingExperiment {   // chapter 6: raw, standard, min-max pixels
  int subset = 3000, max_iter = 500;
  bool tutorial_split = false;  // the tutorial's 56,000 / 14,000 split in place of subset
};

struct PolyExperiment {      // chapter 8: PCA alone and with degree-2 features
  int components = 30;
  int subset = 3000, max_iter = 200;
};

struct TestSizeExperiment {  // question: test_size, each size split with several seeds
  int pool = 2000, max_iter = 150;
  std::vector<double> sizes = {0.1, 0.2, 0.3, 0.5, 0.7, 0.9};
  int seeds = 5;             // split seeds 42, 43, ...
};

struct ImbalanceExperiment {  // question: one digit made rare
  int digit = 5;
  float keep = 0.05f;
  int subset = 3000, max_iter = 150;
};

struct AugmentExperiment {   // question: augmented copies
  AugmentSettings settings{15.0, 2, 20.0, 1};
  int subset = 2000, max_iter = 150;
};

struct WeightsExperiment {   // chapter 9: a raw-pixel softmax whose weights are painted as pictures
  int subset = 5000, max_iter = 100;
  // Not the tutorial's C = 1: the stronger L2 penalty keeps every weight smaller and
  // lets this short run settle sooner.
  float C = 0.05f;
};

// The settings equal (a precomputed result, made with the defaults, stands for them).
bool same_settings(const LogisticExperiment& a, const LogisticExperiment& b);
bool same_settings(const ScalingExperiment& a, const ScalingExperiment& b);
bool same_settings(const PolyExperiment& a, const PolyExperiment& b);
bool same_settings(const TestSizeExperiment& a, const TestSizeExperiment& b);
bool same_settings(const ImbalanceExperiment& a, const ImbalanceExperiment& b);
bool same_settings(const AugmentExperiment& a, const AugmentExperiment& b);
bool same_settings(const WeightsExperiment& a, const WeightsExperiment& b);

// [SECTION] The runs of each experiment, from the loaded training and test digits

std::vector<RunSpec> logistic_runs(const LogisticExperiment& e, const Dataset& train, const Dataset& test);
// Chapter 4's race: softmax on the same min-max scaled digits with L-BFGS, Newton-CG and
// SAG, each to scikit-learn's stopping rule (tol 1e-4), with room to get there.
std::vector<RunSpec> solver_race_runs(const LogisticExperiment& e, const Dataset& train_all, const Dataset& test_all);
std::vector<RunSpec> scaling_runs(const ScalingExperiment& e, const Dataset& train, const Dataset& test);
std::vector<RunSpec> poly_runs(const PolyExperiment& e, const Dataset& train, const Dataset& test);
// Sizes in order, each with seeds 42, 43, ... (label "test_size 0.2 seed 42").
std::vector<RunSpec> test_size_runs(const TestSizeExperiment& e, const Dataset& train);

struct ImbalanceRuns {
  std::vector<RunSpec> runs;  // full pool, thinned, thinned + balanced
  int before = 0, kept = 0;   // images of the digit in the pool, and after thinning
};
ImbalanceRuns imbalance_runs(const ImbalanceExperiment& e, const Dataset& train, const Dataset& test);

// Augmentation in two steps: the digits to grow and shake (AugmentJob, a block per frame
// in the page), then the two runs on what the jobs made.
struct AugmentInputs {
  std::shared_ptr<const Dataset> train, test;
};
AugmentInputs augment_inputs(const AugmentExperiment& e, const Dataset& train, const Dataset& test);
constexpr std::uint32_t kAugmentTrainSeed = 11, kAugmentTestSeed = 12;
std::unique_ptr<AugmentJob> augment_train_job(const AugmentExperiment& e, const AugmentInputs& in);  // copies kept with originals
std::unique_ptr<AugmentJob> augment_test_job(const AugmentExperiment& e, const AugmentInputs& in);   // test digits shaken
std::vector<RunSpec> augment_runs(const AugmentExperiment& e, const AugmentInputs& in,
                                  std::shared_ptr<const Dataset> grown, std::shared_ptr<const Dataset> shaken);

// One run, "raw-pixel softmax": min-max pixels, no PCA, degree 1, C, on `subset`
// training digits (seed 3), scored on the experiments' test digits.
PipelineSettings weights_settings(const WeightsExperiment& e);
std::vector<RunSpec> weights_runs(const WeightsExperiment& e, const Dataset& train, const Dataset& test);

// [SECTION] test_size's spread over seeds

struct Spread {
  int n = 0;  // finished runs
  double mean = 0, sd = 0, min = 0, max = 0;  // sd: the sample standard deviation (n - 1)
};
Spread spread_of(const std::vector<double>& values);

struct TestSizePoint {
  double size = 0;
  Spread test, train;  // accuracy (0..1) on the held-out part and on the training part
};
// One point per size, from the runs of test_size_runs(e, ...) in their order.
std::vector<TestSizePoint> test_size_points(const TestSizeExperiment& e, const RunQueue& runs);

}  // namespace digitlab::app
