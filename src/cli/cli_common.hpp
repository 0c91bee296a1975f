// What the commands share: loading the data a command was asked for, reading the
// pipeline options, and timing. The commands stay thin clients of the core.
#pragma once

#include <chrono>
#include <string>

#include "args.hpp"
#include "core/data/data_dir.hpp"
#include "core/metrics/metrics.hpp"
#include "core/linear_model/pipeline.hpp"
#include "core/linear_model/settled_accuracy.hpp"

namespace digitlab {

// The switches every command accepts.
extern const std::set<std::string> kCommonSwitches;

struct DataOptions {
  std::string dir;           // --data DIR, default $MNIST_DIR
  double pool_split = 0.0;   // --pool-split F: pool train and test, F of them for test
  std::uint32_t seed = 42;   // --seed S
  bool stratify = false;     // --stratify
  int subset = 0;            // --subset N: a stratified N of the training part (0: all)
  bool quiet = false;
};
DataOptions data_options(const Args& args);

// Loads and splits as asked; prints which dataset and how many images to stderr.
TrainTest load_data(const DataOptions& options);

// --preset raw|standard|minmax|pca30|poly2|best, then --scaling --pca --poly --C
// --balanced --max-iter --tol --multi-class --solver --batch-size --learning-rate.
PipelineSettings pipeline_settings(const Args& args);
PipelineSettings preset(const std::string& name);

double seconds_since(std::chrono::steady_clock::time_point start);

// --stop settled|sklearn (default sklearn: scikit-learn's rule alone).
StopRule stop_rule(const Args& args);

// The validation slice `--stop settled` watches: 2,000 of the training digits (a fifth
// of fewer than 10,000), stratified, held out of the fit, as the page holds them out.
struct FitAndValidation {
  Dataset fit, validation;
};
FitAndValidation hold_out_validation(const Dataset& train);

// Fits on the dataset with a progress line on stderr every few seconds; prints a
// ConvergenceWarning like scikit-learn's when the model did not converge (the settled
// rule's stop is not one). With a validation slice, the model's accuracy on it is
// recorded after every pass, and StopRule::Settled stops the run once it settled.
struct FitResult {
  Pipeline pipeline;
  double fit_seconds = 0, preprocess_seconds = 0;
  int passes = 0;
  std::vector<float> validation_accuracy;  // one per pass, with a validation slice
};
FitResult fit_with_progress(const PipelineSettings& settings, const Dataset& train, bool quiet,
                            const Dataset* validation = nullptr, StopRule rule = StopRule::Sklearn);

// Predicts every test digit (in blocks) and returns the confusion matrix.
ConfusionMatrix evaluate(const Pipeline& pipeline, const Dataset& test);

}  // namespace digitlab
