#include "core/linear_model/logistic_regression.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "core/linear_model/feature_spread.hpp"
#include "core/linear_model/lbfgs.hpp"
#include "core/linear_model/logistic_objective.hpp"
#include "core/linear_model/minibatch_descent.hpp"
#include "core/linear_model/sag_descent.hpp"
#include "core/linear_model/newton_cg.hpp"

namespace digitlab {

std::string check_settings(const LogisticRegressionSettings& s) {
  if (!(s.C > 0.0) || !std::isfinite(s.C)) return "C must be a positive number";
  if (s.max_iter < 0) return "max_iter must be 0 or more";
  if (!(s.tol >= 0.0)) return "tol must be 0 or more";
  if (s.solver == Solver::MiniBatch) {
    if (s.batch_size < 1) return "batch_size must be at least 1";
    if (!(s.learning_rate > 0.0)) return "learning_rate must be positive";
    if (!(s.momentum >= 0.0 && s.momentum < 1.0)) return "momentum must be in [0, 1)";
  }
  return "";
}

const char* to_string(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::Running: return "running";
    case TrainingStatus::Converged: return "converged";
    case TrainingStatus::MaxIter: return "max_iter";
    case TrainingStatus::Stopped: return "stopped";
    case TrainingStatus::Diverged: return "diverged";
    case TrainingStatus::Failed: return "failed";
    case TrainingStatus::LineSearchFailed: return "line_search_failed";
    case TrainingStatus::Settled: return "settled";
  }
  return "";
}

const char* status_words(TrainingStatus status) {
  switch (status) {
    case TrainingStatus::MaxIter: return "reached max_iter";
    case TrainingStatus::LineSearchFailed: return "line search gave up";
    case TrainingStatus::Settled: return "accuracy settled";
    case TrainingStatus::Stopped: return "stopped by you";
    default: return to_string(status);  // running, converged, diverged, failed
  }
}

bool parse_training_status(const std::string& name, TrainingStatus& status) {
  for (TrainingStatus s : {TrainingStatus::Running, TrainingStatus::Converged, TrainingStatus::MaxIter,
                           TrainingStatus::Stopped, TrainingStatus::Diverged, TrainingStatus::Failed,
                           TrainingStatus::LineSearchFailed, TrainingStatus::Settled})
    if (name == to_string(s)) {
      status = s;
      return true;
    }
  return false;
}

// [SECTION] Prediction

Eigen::MatrixXf softmax(const Eigen::MatrixXf& scores) {
  Eigen::MatrixXf p = (scores.colwise() - scores.rowwise().maxCoeff()).array().exp();
  return p.array().colwise() / p.rowwise().sum().array();
}

Eigen::MatrixXf sigmoid(const Eigen::MatrixXf& scores) {
  return (1.0f + (-scores.array()).exp()).inverse();
}

Eigen::MatrixXf LogisticRegression::decision_function(const Matrix& X) const {
  if (!fitted()) throw DataError("LogisticRegression: predict before fit");
  if (X.cols() != coef_.rows())
    throw DataError("LogisticRegression: expected " + std::to_string(coef_.rows()) +
                    " features, got " + std::to_string(X.cols()));
  Eigen::MatrixXf scores = X * coef_.cast<float>();
  scores.rowwise() += intercept_.cast<float>().transpose();
  return scores;
}

Eigen::MatrixXf LogisticRegression::predict_proba(const Matrix& X) const {
  return probabilities_from_scores(decision_function(X));
}

Eigen::MatrixXf LogisticRegression::probabilities_from_scores(const Eigen::MatrixXf& scores) const {
  if (scores.cols() == 1) {  // binary: [1 - p, p]
    Eigen::MatrixXf p(scores.rows(), 2);
    p.col(1) = sigmoid(scores);
    p.col(0) = 1.0f - p.col(1).array();
    return p;
  }
  if (settings_.multi_class == MultiClass::Multinomial) return softmax(scores);
  // One-vs-rest: each class's sigmoid, normalized to sum to one (as scikit-learn does).
  Eigen::MatrixXf p = sigmoid(scores);
  return p.array().colwise() / p.rowwise().sum().array();
}

Labels LogisticRegression::predict(const Matrix& X) const {
  Eigen::MatrixXf scores = decision_function(X);
  Labels out(static_cast<std::size_t>(X.rows()));
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    if (scores.cols() == 1) {
      out[static_cast<std::size_t>(i)] = scores(i, 0) > 0.0f ? 1 : 0;
    } else {
      Eigen::Index best;
      scores.row(i).maxCoeff(&best);
      out[static_cast<std::size_t>(i)] = static_cast<int>(best);
    }
  }
  return out;
}

LogisticRegression LogisticRegression::from_fitted(LogisticRegressionSettings settings, Eigen::MatrixXd coef,
                                                   Eigen::VectorXd intercept, int n_classes, TrainingProgress report) {
  const std::string problem = check_settings(settings);
  if (!problem.empty()) throw DataError(problem);
  const Eigen::Index outputs = coef.cols();
  if (n_classes < 1 || coef.rows() == 0 || !(outputs == n_classes || (outputs == 1 && n_classes == 2)) ||
      intercept.size() != outputs)
    throw DataError("a model of " + std::to_string(coef.rows()) + " x " + std::to_string(outputs) + " weights and " +
                    std::to_string(intercept.size()) + " intercepts does not fit " + std::to_string(n_classes) + " classes");
  LogisticRegression model(settings);
  model.coef_ = std::move(coef);
  model.intercept_ = std::move(intercept);
  model.n_classes_ = n_classes;
  model.report_ = std::move(report);
  return model;
}

LogisticRegression& LogisticRegression::fit(const Matrix& X, const Labels& y) {
  LogisticRegressionTrainer trainer(settings_, X, y);
  while (!trainer.done()) trainer.step(1.0);
  *this = trainer.model();
  return *this;
}

// [SECTION] Training

// One optimization problem: the softmax problem, or one class of one-vs-rest.
struct LogisticRegressionTrainer::Problem {
  Problem(const FeatureSource& X, Labels targets, Eigen::VectorXf weights, int outputs, LossKind kind,
          const LogisticRegressionSettings& s, const FeatureSpread* spread)
      : objective(X, std::move(targets), std::move(weights), outputs, kind, 1.0 / s.C),
        lbfgs({lbfgs_memory(objective.parameter_count()), s.max_iter, s.tol}) {
    const Eigen::VectorXd zero = Eigen::VectorXd::Zero(objective.parameter_count());
    if (s.solver == Solver::Lbfgs) {
      if (spread) lbfgs.set_scaling(lbfgs_scaling(*spread, outputs, 1.0 / s.C, objective.sample_weight().cast<double>().sum()));
      lbfgs.start(zero);
    } else if (s.solver == Solver::NewtonCg) {
      newton = std::make_unique<NewtonCgMinimizer>(NewtonCgSettings{s.max_iter, s.tol});
      objective.remember_probabilities();  // the Hessian passes reuse them
      newton->start(zero);
    } else if (s.solver == Solver::Sag) {
      sag = std::make_unique<SagDescent>(objective, zero, SagSettings{s.max_iter, s.tol, s.seed});
    } else {
      descent = std::make_unique<MiniBatchDescent>(
          objective, zero, MiniBatchSettings{s.batch_size, s.learning_rate, s.momentum,
                                             s.max_iter, s.tol, s.seed});
    }
  }

  LogisticObjective objective;
  LbfgsMinimizer lbfgs;
  std::unique_ptr<MiniBatchDescent> descent;
  std::unique_ptr<NewtonCgMinimizer> newton;
  std::unique_ptr<SagDescent> sag;
  Eigen::VectorXd gradient;
  bool finished = false;
  TrainingStatus status = TrainingStatus::Running;
  std::string message;

  int iterations() const {
    return descent ? descent->epoch() : newton ? newton->iterations() : sag ? sag->epoch() : lbfgs.iterations();
  }
  const Eigen::VectorXd& parameters() const {
    return descent ? descent->best() : newton ? newton->best() : sag ? sag->best() : lbfgs.best();
  }
  double best_value() const {
    return descent ? descent->loss() : newton ? newton->best_value() : sag ? sag->loss() : lbfgs.best_value();
  }
  // best_value() is a loss (not the 0 it starts at) once the solver has measured one: an
  // epoch of mini-batch, SAG's measuring pass of the start, a gradient pass otherwise.
  bool has_loss() const {
    return descent ? descent->epoch() > 0 : newton ? newton->gradient_passes() > 0 : sag ? sag->passes() > 0
                                                                                        : lbfgs.evaluations() > 0;
  }
  // One pass of the Newton solver: a gradient pass or a Hessian-vector pass, a block
  // at a time; true when the solver is done.
  bool advance_newton(bool& pass_finished) {
    const bool gradient_pass = newton->request() == NewtonCgRequest::Gradient;
    if (!objective.in_pass()) {
      if (gradient_pass) objective.begin(newton->point());
      else objective.begin_hessian(newton->hessian_vector());
    }
    objective.accumulate(objective.block_rows());
    if (!objective.pass_done()) return false;
    pass_finished = true;
    if (gradient_pass) return newton->tell_gradient(objective.finish(gradient), gradient) != NewtonCgStatus::Evaluate;
    objective.finish_hessian(gradient);
    return newton->tell_hessian_product(gradient) != NewtonCgStatus::Evaluate;
  }
};

LogisticRegressionTrainer::LogisticRegressionTrainer(const LogisticRegressionSettings& settings,
                                                     FeatureSource features, const Labels& y,
                                                     int n_classes, const FeatureSpread* given_spread)
    : settings_(settings), source_(std::move(features)), n_classes_(n_classes > 0 ? n_classes : count_classes(y)) {
  const Matrix& X = *source_.base;
  const std::string problem = check_settings(settings_);
  if (!problem.empty()) throw DataError("LogisticRegression: " + problem);
  if (X.rows() == 0) throw DataError("LogisticRegression: cannot fit on zero samples");
  if (static_cast<Eigen::Index>(y.size()) != X.rows())
    throw DataError("LogisticRegression: " + std::to_string(X.rows()) + " samples but " +
                    std::to_string(y.size()) + " labels");
  if (!X.allFinite()) throw DataError("LogisticRegression: features contain NaN or Inf");

  const auto n = static_cast<Eigen::Index>(y.size());
  FeatureSpread spread;
  const bool scaled = settings_.solver == Solver::Lbfgs && settings_.lbfgs_scaling;
  if (scaled) spread = given_spread ? *given_spread : feature_spread(source_);
  if (settings_.multi_class == MultiClass::Multinomial && n_classes_ > 2) {
    Eigen::VectorXf w = settings_.balanced ? balanced_sample_weights(y, n_classes_)
                                           : Eigen::VectorXf::Ones(n);
    problems_.push_back(std::make_unique<Problem>(source_, y, w, n_classes_, LossKind::Softmax, settings_, scaled ? &spread : nullptr));
  } else {
    // Binary, or one binary problem per class (scikit-learn's "ovr"); balanced weights
    // are computed on each problem's own 0/1 targets, as scikit-learn does.
    const int count = n_classes_ == 2 ? 1 : n_classes_;
    for (int c = 0; c < count; ++c) {
      const int positive = n_classes_ == 2 ? 1 : c;
      Labels targets(y.size());
      for (std::size_t i = 0; i < y.size(); ++i) targets[i] = y[i] == positive ? 1 : 0;
      Eigen::VectorXf w = settings_.balanced ? balanced_sample_weights(targets, 2)
                                             : Eigen::VectorXf::Ones(n);
      problems_.push_back(std::make_unique<Problem>(source_, std::move(targets), w, 1, LossKind::Sigmoid, settings_, scaled ? &spread : nullptr));
    }
  }
  progress_.problem_count = static_cast<int>(problems_.size());
  problem_starts_.assign(1, 0);
  progress_.max_iterations = settings_.max_iter * progress_.problem_count;
}

LogisticRegressionTrainer::~LogisticRegressionTrainer() = default;

double LogisticRegressionTrainer::step(double budget_seconds) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const auto seconds_since = [&] { return std::chrono::duration<double>(Clock::now() - started).count(); };
  if (!stepped_) {
    stepped_ = true;
    first_step_ = started;
  }
  if (after_pass_due_) {  // the last pass's callback, now that the next pass's point is out
    after_pass_due_ = false;
    run_after_pass();
  }

  while (!done()) {
    Problem& p = *problems_[current_];
    const int before = p.iterations();
    bool finished = false, pass_finished = false;
    if (p.descent) {
      p.descent->step_batch();
      finished = p.descent->status() != DescentStatus::Running;
      pass_finished = p.iterations() != before;
    } else if (p.sag) {
      pass_finished = p.sag->step(256);  // rows per call: well under a millisecond natively
      finished = p.sag->status() != DescentStatus::Running;
      if (pass_finished && p.sag->passes() == 1) loss_history_.push_back(p.sag->loss() / static_cast<double>(source_.rows()));
    } else if (p.newton) {
      finished = p.advance_newton(pass_finished);
      if (pass_finished && p.newton->passes() == 1)
        loss_history_.push_back(p.newton->best_value() / static_cast<double>(source_.rows()));
    } else {
      if (!p.objective.in_pass()) {
        p.objective.begin(p.lbfgs.point());
        if (shards_) {  // the other shards start on this point before this one does
          shards_->begin_pass(p.lbfgs.point());
          point_unsent_ = true;
          break;
        }
      }
      if (!p.objective.pass_done()) p.objective.accumulate(p.objective.block_rows());
      if (p.objective.pass_done()) {
        if (shards_) {
          if (!shards_->complete()) break;  // the other shards' parts are not all in
          shards_->add_parts_to(p.objective);
        }
        pass_finished = true;
        const double f = p.objective.finish(p.gradient);
        finished = p.lbfgs.tell(f, p.gradient) != LbfgsStatus::Evaluate;
        // The first pass gives the starting loss: the curve starts there.
        if (p.lbfgs.evaluations() == 1) loss_history_.push_back(f / static_cast<double>(source_.rows()));
      }
    }
    if (p.iterations() != before) loss_history_.push_back(p.best_value() / static_cast<double>(source_.rows()));
    if (finished) finish_problem();
    if (pass_finished) {
      ++passes_;
      // Sharded, the other shards would idle through the callback (the accuracy on the
      // validation slice: about 1 ms of a 30 ms pass in wasm), so the next pass's point
      // goes out first (the loop's top) and the callback runs at the next step.
      if (shards_ && after_pass_ && !done()) {
        after_pass_due_ = true;
        continue;
      }
      run_after_pass();
    }
    if (seconds_since() >= budget_seconds) break;
  }
  elapsed_ += seconds_since();
  refresh_progress();
  return progress_.fraction;
}

bool LogisticRegressionTrainer::share_rows(int count) {
  if (count < 2 || settings_.solver != Solver::Lbfgs || passes_ > 0 || source_.rows() < 128 * count) return false;
  // One-vs-rest's problems read the same rows, so they fall in the same groups.
  const std::vector<Eigen::Index>& ends = problems_[0]->objective.group_ends();
  for (const auto& p : problems_)
    if (p->objective.group_ends() != ends) return false;
  shards_ = std::make_unique<RowShards>(ends, count);
  // With 3, 5, 6 or 7 shards the groups split unevenly, and few rows can leave a shard
  // none (3 shards of 400 rows: groups 0-9 end at row 0): such a run is not shared.
  for (int s = 0; s < shards_->count(); ++s)
    if (shards_->end(s) == shards_->begin(s)) {
      shards_.reset();
      return false;
    }
  for (const auto& p : problems_) p->objective.set_local_groups(shards_->groups(0));
  return true;
}

const LogisticObjective& LogisticRegressionTrainer::objective() const { return problems_[current_]->objective; }

bool LogisticRegressionTrainer::waiting_for_shards() const {
  if (!shards_ || done()) return false;
  const LogisticObjective& o = problems_[current_]->objective;
  return o.in_pass() && o.pass_done() && !shards_->complete();
}

bool LogisticRegressionTrainer::add_shard_part(int pass, int shard, double loss, const Eigen::VectorXd& grad) {
  return shards_ && shards_->add(pass, shard, loss, grad);
}

void LogisticRegressionTrainer::take_back_rows() {
  if (!shards_) return;
  shards_.reset();
  point_unsent_ = false;
  for (std::size_t q = current_; q < problems_.size(); ++q) {
    LogisticObjective& o = problems_[q]->objective;
    o.set_local_groups(static_cast<int>(o.group_ends().size()));
  }
  Problem& p = *problems_[current_];
  if (p.objective.in_pass()) p.objective.begin(p.lbfgs.point());
}

void LogisticRegressionTrainer::finish_problem() {
  Problem& p = *problems_[current_];
  p.finished = true;
  if (p.descent) {
    switch (p.descent->status()) {
      case DescentStatus::Converged: p.status = TrainingStatus::Converged; break;
      case DescentStatus::MaxEpochs: p.status = TrainingStatus::MaxIter; break;
      default: p.status = TrainingStatus::Diverged; break;
    }
    p.message = p.descent->message();
  } else if (p.sag) {
    switch (p.sag->status()) {
      case DescentStatus::Converged: p.status = TrainingStatus::Converged; break;
      case DescentStatus::MaxEpochs: p.status = TrainingStatus::MaxIter; break;
      default: p.status = TrainingStatus::Diverged; break;
    }
    p.message = p.sag->message();
  } else if (p.newton) {
    switch (p.newton->status()) {
      case NewtonCgStatus::Converged: p.status = TrainingStatus::Converged; break;
      case NewtonCgStatus::MaxIter: p.status = TrainingStatus::MaxIter; break;
      case NewtonCgStatus::LineSearchFailed: p.status = TrainingStatus::LineSearchFailed; break;
      default: p.status = TrainingStatus::Failed; break;
    }
    p.message = p.newton->message();
  } else {
    switch (p.lbfgs.status()) {
      case LbfgsStatus::Converged: p.status = TrainingStatus::Converged; break;
      case LbfgsStatus::MaxIter: p.status = TrainingStatus::MaxIter; break;
      case LbfgsStatus::LineSearchFailed: p.status = TrainingStatus::LineSearchFailed; break;
      default: p.status = TrainingStatus::Failed; break;
    }
    p.message = p.lbfgs.message();
  }
  finished_iterations_ += p.iterations();
  if (current_ + 1 < problems_.size() && p.status != TrainingStatus::Diverged &&
      p.status != TrainingStatus::Failed) {
    ++current_;
    problem_starts_.push_back(static_cast<int>(loss_history_.size()));
    return;
  }
  // The whole run's status: the worst of its problems.
  TrainingStatus overall = TrainingStatus::Converged;
  std::string message = "converged";
  for (const auto& q : problems_) {
    if (!q->finished) continue;
    if (q->status != TrainingStatus::Converged && overall == TrainingStatus::Converged) {
      overall = q->status;
      message = q->message;
    }
    if (q->status == TrainingStatus::Diverged || q->status == TrainingStatus::Failed) {
      overall = q->status;
      message = q->message;
    }
  }
  progress_.status = overall;
  progress_.message = message;
}

void LogisticRegressionTrainer::run_after_pass() {
  if (!after_pass_) return;
  refresh_progress();
  const std::string why = after_pass_(*this);
  if (!why.empty() && !done()) {
    progress_.status = TrainingStatus::Settled;
    progress_.message = why;
  }
}

void LogisticRegressionTrainer::stop() {
  if (done()) return;
  if (after_pass_due_) {  // the last pass's point on the curve (it may settle the run)
    after_pass_due_ = false;
    run_after_pass();
    if (done()) return;
  }
  progress_.status = TrainingStatus::Stopped;
  progress_.message = "stopped by the user; the model keeps what it learned so far";
  refresh_progress();
}

void LogisticRegressionTrainer::refresh_progress() {
  const Problem& p = *problems_[current_];
  const double n = static_cast<double>(source_.rows());
  progress_.problem = static_cast<int>(current_);
  progress_.iteration = finished_iterations_ + (p.finished ? 0 : p.iterations());
  progress_.evaluations = p.descent ? p.descent->batches()
                          : p.newton ? p.newton->gradient_passes()
                          : p.sag    ? p.sag->passes()
                                     : p.lbfgs.evaluations();
  progress_.passes = passes_;
  // One-vs-rest, the pass that ends a problem is that problem's, and until the next one
  // has measured a loss its best_value() is 0: the finished problem's loss stands.
  const bool next_unmeasured = current_ > 0 && !p.has_loss();
  progress_.loss = (next_unmeasured ? problems_[current_ - 1]->best_value() : p.best_value()) / n;
  progress_.gradient_max = p.descent || p.sag ? 0.0 : p.newton ? p.newton->gradient_max() : p.lbfgs.gradient_max();
  progress_.elapsed_seconds = elapsed_;
  // Kept from the first refresh that sees the run done.
  if (stepped_ && !wall_frozen_)
    progress_.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - first_step_).count();
  wall_frozen_ = wall_frozen_ || done();
  if (done()) {
    progress_.fraction = 1.0;
  } else {
    // Within one L-BFGS iteration, count the rows of the pass in progress too.
    const double per_problem = std::max(1, settings_.max_iter);
    const double inside = p.descent ? p.descent->epoch_fraction() : p.sag ? p.sag->epoch_fraction() : 0.0;
    progress_.fraction = std::min(1.0, (current_ + (p.iterations() + inside) / per_problem) /
                                           static_cast<double>(problems_.size()));
  }
  if (!done()) progress_.message = "running";
}

LogisticRegression LogisticRegressionTrainer::model() const {
  const Eigen::Index d = source_.feature_count;
  Eigen::MatrixXd coef;
  Eigen::VectorXd intercept;
  if (problems_.size() == 1) {
    const Problem& p = *problems_[0];
    const int k = p.objective.n_outputs();
    coef = Eigen::Map<const Eigen::MatrixXd>(p.parameters().data(), d, k);
    intercept = Eigen::Map<const Eigen::VectorXd>(p.parameters().data() + d * k, k);
  } else {
    coef.setZero(d, static_cast<Eigen::Index>(problems_.size()));
    intercept.setZero(static_cast<Eigen::Index>(problems_.size()));
    for (std::size_t c = 0; c < problems_.size(); ++c) {
      const Eigen::VectorXd& theta = problems_[c]->parameters();
      coef.col(static_cast<Eigen::Index>(c)) = theta.head(d);
      intercept(static_cast<Eigen::Index>(c)) = theta(d);
    }
  }
  return LogisticRegression::from_fitted(settings_, std::move(coef), std::move(intercept), n_classes_, progress_);
}

}  // namespace digitlab
