// Logistic regression shaped like scikit-learn's LogisticRegression: binary (one
// sigmoid), multinomial (softmax) and one-vs-rest (a sigmoid per class), L2 penalty
// with C, class_weight "balanced", max_iter and tol; solvers L-BFGS, Newton-CG, SAG and
// mini-batch gradient descent.
//
//   LogisticRegression model({.C = 1.0, .max_iter = 1000, .balanced = true});
//   model.fit(X, y);                          // a loop over LogisticRegressionTrainer
//   if (!model.fit_report().converged()) std::cerr << model.fit_report().message;
//   Eigen::MatrixXf p = model.predict_proba(X_test);
//
// Training a slice at a time (a browser frame, a progress bar):
//   LogisticRegressionTrainer trainer(settings, X, y);
//   while (!trainer.done()) { trainer.step(0.010); draw(trainer.progress()); }
//   LogisticRegression so_far = trainer.model();   // valid after any step, or stop()
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/linear_model/feature_source.hpp"
#include "core/linear_model/row_shards.hpp"
#include "core/common/types.hpp"

namespace digitlab {

enum class MultiClass { Multinomial, OneVsRest };
enum class Solver { Lbfgs, MiniBatch, NewtonCg, Sag };

struct LogisticRegressionSettings {
  MultiClass multi_class = MultiClass::Multinomial;
  Solver solver = Solver::Lbfgs;
  double C = 1.0;
  bool balanced = false;      // class_weight="balanced"
  int max_iter = 100;         // L-BFGS or Newton iterations, or epochs for SAG and mini-batch
  double tol = 1e-4;
  // L-BFGS only: steps taken as if every feature were centred and standardized
  // (LbfgsScaling, lbfgs.hpp); the same optimum in about half the passes. false: scipy's
  // plain L-BFGS (digitlab's --lbfgs-unscaled, to measure against). The CLI's alone: fit
  // messages to the page's workers and model files do not carry it (a decoded or loaded
  // setting reads true).
  bool lbfgs_scaling = true;
  // Mini-batch solver only.
  int batch_size = 256;
  double learning_rate = 0.1;
  double momentum = 0.9;
  std::uint32_t seed = 0;
};

// Returns an error message for settings no solver can use, or an empty string.
std::string check_settings(const LogisticRegressionSettings& settings);

// LineSearchFailed is a warning, as scikit-learn's ConvergenceWarning: the model is
// usable (the last accepted iterate) but the solver did not reach its stopping rule.
// Settled: a pass callback ended the run (the validation accuracy had settled).
enum class TrainingStatus { Running, Converged, MaxIter, Stopped, Diverged, Failed, LineSearchFailed, Settled };

struct TrainingProgress {
  TrainingStatus status = TrainingStatus::Running;
  int iteration = 0;          // summed over one-vs-rest problems
  int max_iterations = 0;
  int evaluations = 0;        // full passes over the data (L-BFGS), batches (mini-batch)
  // Passes over the data, summed over one-vs-rest problems: loss+gradient and Hessian-
  // vector evaluations (L-BFGS, Newton-CG), epochs (mini-batch). What a run costs.
  int passes = 0;
  int problem = 0;            // which one-vs-rest problem is running
  int problem_count = 1;
  double loss = 0.0;          // objective / number of samples, penalty included
  double gradient_max = 0.0;  // largest gradient component of the summed objective (tol's measure)
  double elapsed_seconds = 0.0;  // time spent in step()
  // From the first step() to the last (or to now while running): with row sharding this
  // includes the waits for the other shards, which elapsed_seconds does not.
  double wall_seconds = 0.0;
  double fraction = 0.0;      // 0..1, for a progress bar
  std::string message;

  bool running() const { return status == TrainingStatus::Running; }
  bool converged() const { return status == TrainingStatus::Converged; }
};

const char* to_string(TrainingStatus status);
// The same as a learner reads it on the page: "line search gave up", not "line_search_failed".
const char* status_words(TrainingStatus status);
// The inverse of to_string; false for an unknown name (model files are checked with it).
bool parse_training_status(const std::string& name, TrainingStatus& status);

class LogisticRegression {
 public:
  explicit LogisticRegression(LogisticRegressionSettings settings = {}) : settings_(settings) {}

  LogisticRegression& fit(const Matrix& X, const Labels& y);

  // z = X W + b: n x K scores (n x 1 for a binary model).
  Eigen::MatrixXf decision_function(const Matrix& X) const;
  Eigen::MatrixXf predict_proba(const Matrix& X) const;  // n x n_classes
  // predict_proba from scores decision_function already gave (the evaluation keeps both).
  Eigen::MatrixXf probabilities_from_scores(const Eigen::MatrixXf& scores) const;
  Labels predict(const Matrix& X) const;

  bool fitted() const { return coef_.size() > 0; }
  int n_classes() const { return n_classes_; }
  int n_features() const { return static_cast<int>(coef_.rows()); }
  const LogisticRegressionSettings& settings() const { return settings_; }
  const Eigen::MatrixXd& coef() const { return coef_; }          // d x outputs
  const Eigen::VectorXd& intercept() const { return intercept_; }  // outputs
  const TrainingProgress& fit_report() const { return report_; }

  // A fitted model from its learned values (a trainer, a model file). Throws DataError
  // unless the settings are valid and coef (d x outputs, d >= 1) and
  // intercept have one column and value per output: n_classes outputs, or 1 for two
  // classes (a binary model).
  static LogisticRegression from_fitted(LogisticRegressionSettings settings, Eigen::MatrixXd coef,
                                        Eigen::VectorXd intercept, int n_classes, TrainingProgress report);

 private:
  LogisticRegressionSettings settings_;
  Eigen::MatrixXd coef_;
  Eigen::VectorXd intercept_;
  int n_classes_ = 0;
  TrainingProgress report_;
};

// Row-wise softmax and element-wise sigmoid of scores (what the page shows side by side).
Eigen::MatrixXf softmax(const Eigen::MatrixXf& scores);
Eigen::MatrixXf sigmoid(const Eigen::MatrixXf& scores);

class LogisticObjective;
struct FeatureSpread;

class LogisticRegressionTrainer {
 public:
  // X (or the source's base) and y must outlive the trainer. n_classes 0 means
  // count_classes(y). `spread`: the features' spreads L-BFGS steps by (feature_spread.hpp),
  // where the caller read them a block at a time; else they are read here, at once.
  LogisticRegressionTrainer(const LogisticRegressionSettings& settings, FeatureSource features,
                            const Labels& y, int n_classes = 0, const FeatureSpread* spread = nullptr);
  LogisticRegressionTrainer(const LogisticRegressionSettings& settings, const Matrix& X,
                            const Labels& y, int n_classes = 0)
      : LogisticRegressionTrainer(settings, features_of(X), y, n_classes) {}
  ~LogisticRegressionTrainer();

  // Advances for about budget_seconds (at least one block of rows); returns
  // progress().fraction (0..1, 1 once done()).
  double step(double budget_seconds);
  void stop();  // ends the run; model() keeps what was learned
  // Called after each pass over the data (epoch for mini-batch) with progress() fresh;
  // a non-empty answer ends the run as Settled with that message (early stopping).
  // Sharded, it runs at the start of the next step(), once the next pass's point is
  // out, so the other shards do not wait for it (the run's last pass: at once; a pass's
  // callback still due when stop() is called: then).
  using PassCallback = std::function<std::string(const LogisticRegressionTrainer&)>;
  void set_pass_callback(PassCallback callback) { after_pass_ = std::move(callback); }
  bool done() const { return !progress_.running(); }
  const TrainingProgress& progress() const { return progress_; }

  // Row sharding (issue 12; row_shards.hpp): rows beyond shard 0 are evaluated elsewhere
  // and their parts handed in with add_shard_part(). Only an L-BFGS run can be shared
  // (softmax, one sigmoid, or one-vs-rest's sigmoids one after another, which share the
  // rows and differ only in their targets): false for any other, which runs whole here.
  // Call before the first step. step() returns as soon as a pass begins (its point is
  // then to be sent: shard_point_unsent()) and while this shard waits for the others.
  // With 1, 2, 4 or 8 shards the run's model is the unshared run's, bit for bit.
  bool share_rows(int count);
  const RowShards* shards() const { return shards_.get(); }
  // The problem being trained (one-vs-rest: its class) and its objective: what a shard
  // rebuilds (ShardCourier, shard_messages.hpp).
  int current_problem() const { return static_cast<int>(current_); }
  const LogisticObjective& objective() const;
  bool shard_point_unsent() const { return point_unsent_; }
  void mark_shard_point_sent() { point_unsent_ = false; }
  bool waiting_for_shards() const;
  bool add_shard_part(int pass, int shard, double loss, const Eigen::VectorXd& grad);
  // The shards are gone (a worker failed): every row is evaluated here from now on; a pass
  // in progress starts again.
  void take_back_rows();
  // Loss after each iteration (or epoch), for curves; one-vs-rest problems one after
  // another.
  const std::vector<double>& loss_history() const { return loss_history_; }
  // Where each problem's curve starts in loss_history(), one entry per problem started so
  // far ({0} for softmax; one-vs-rest adds one as it moves to each next class).
  const std::vector<int>& problem_starts() const { return problem_starts_; }
  LogisticRegression model() const;

 private:
  struct Problem;
  void refresh_progress();
  void finish_problem();
  void run_after_pass();  // after_pass_, and Settled if it says so

  LogisticRegressionSettings settings_;
  FeatureSource source_;
  int n_classes_;
  std::vector<std::unique_ptr<Problem>> problems_;
  std::size_t current_ = 0;
  int finished_iterations_ = 0;
  double elapsed_ = 0.0;
  std::chrono::steady_clock::time_point first_step_;
  bool stepped_ = false, wall_frozen_ = false;
  TrainingProgress progress_;
  std::vector<double> loss_history_;
  std::vector<int> problem_starts_;
  PassCallback after_pass_;
  int passes_ = 0;
  std::unique_ptr<RowShards> shards_;
  bool point_unsent_ = false;
  bool after_pass_due_ = false;  // sharded: the finished pass's callback waits for the next step
};

}  // namespace digitlab
