// The accuracy of a training run's model so far on its validation slice, after every
// pass over the data, and the stopping rule it feeds: what the Train panel's accuracy
// curve draws and what `digitlab train --stop settled` stops by.
//
//   ValidationWatch watch(StopRule::Settled);
//   trainer.set_pass_callback([&](const LogisticRegressionTrainer& t) {
//     return watch.after_pass(t, validation_features, validation_labels);
//   });
//
// The accuracy is recomputed only when the model moved (a new iteration), which costs
// one product of the slice's features with the weights (2,000 digits: about 1/30 of a
// pass over 56,000). The slice's rows are loaded into scoring blocks once: in wasm a load
// transposes them, 0.7 ms of the 2.2 ms a point took for PCA 30 + degree 2 (measured in
// the page's worker). So X must stay alive and unchanged between calls (natively the blocks
// read it in place; in wasm they hold a transposed copy); a matrix at another address or
// of another shape is loaded anew. The curve gets a value every pass; the settled rule only
// the passes that moved the model: a line search's rejected trial or a Newton-CG Hessian
// pass leaves it as it was, and 50 of them (one long CG solve) would look settled
// without being so. For L-BFGS nearly every pass moves the model. With one-vs-rest, the
// rule is fed on the last class's problem only: the classes before it are trained one
// after another, and a stop in the middle would leave the later ones untrained.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "core/kernels/linear_block.hpp"
#include "core/linear_model/logistic_regression.hpp"
#include "core/linear_model/settled_accuracy.hpp"
#include "core/metrics/metrics.hpp"

namespace digitlab {

class ValidationWatch {
 public:
  explicit ValidationWatch(StopRule rule = StopRule::Sklearn, SettledAccuracySettings settings = {})
      : rule_(rule), settled_(settings) {}

  // Records the accuracy of the trainer's model on (X, y) after its latest pass; for
  // StopRule::Settled, returns why the run should stop once the accuracy settled.
  std::string after_pass(const LogisticRegressionTrainer& trainer, const Matrix& X, const Labels& y);

  StopRule rule() const { return rule_; }
  const std::vector<float>& accuracy_by_pass() const { return accuracy_; }
  const std::vector<int>& pass_numbers() const { return passes_; }  // the trainer's pass of each value
  const SettledAccuracyRule& settled_rule() const { return settled_; }
  // Under the settled rule, the average it compares (the last `average` values it was fed)
  // after every pass, beside accuracy_by_pass(): NaN before the rule has one, a copy of
  // the one before after a pass that did not move the model. Empty under scikit-learn's.
  const std::vector<float>& rule_average_by_pass() const { return average_; }
  // Beside them, 1 where the pass's value was fed to the rule (the passes that moved the
  // model; with one-vs-rest, its last class's only), else 0: the averages are those of
  // the last `average` values fed. Empty under scikit-learn's rule.
  const std::vector<std::uint8_t>& rule_fed_by_pass() const { return fed_; }
  // The settled rule's window on the curve: the indices into accuracy_by_pass() of the
  // oldest and newest averages it holds, or -1 before it holds a whole window (or with
  // scikit-learn's rule). rule_average_by_pass()'s values between them are the rule's
  // averages and copies of them (passes that did not move the model), so their max - min
  // is the rule's change().
  int rule_window_first() const { return settled_.full() ? rule_curve_index_.front() : -1; }
  int rule_window_last() const { return settled_.full() ? rule_curve_index_.back() : -1; }
  // The validation slice's confusion matrix for the latest model that moved (rows true,
  // columns predicted); empty before the first pass. Its trace over its sum is the
  // curve's last value.
  const ConfusionMatrix& confusion() const { return confusion_; }

 private:
  StopRule rule_;
  SettledAccuracyRule settled_;
  std::vector<float> accuracy_;
  std::vector<int> passes_;
  std::vector<float> average_;
  std::vector<std::uint8_t> fed_;
  std::deque<int> rule_curve_index_;  // where each of the rule's values sits on the curve
  ConfusionMatrix confusion_;
  // X's rows in blocks, loaded at the first call with this X (natively pointers into X).
  std::vector<LinearBlock> blocks_;
  const float* blocks_data_ = nullptr;
  Eigen::Index blocks_rows_ = 0, blocks_cols_ = 0;
  int last_iteration_ = -1, last_problem_ = -1;
};

// Which rule ended a run, for state() and the outcome line: "settled", "sklearn" (its
// tol or max_iter, or a failed line search, as scikit-learn reports it), "user"
// (Stop), "error" (diverged, failed), "" while running; and the same in words.
const char* stopped_by(TrainingStatus status);
// `solver`: scikit-learn's rule is each solver's own (gradient, weights' change, or loss).
const char* stopped_by_text(TrainingStatus status, Solver solver = Solver::Lbfgs);

}  // namespace digitlab
